package io.marketlake.lake;

/**
 * One Parquet file to write: its path under the lake root
 * ({@code data_type=<t>/market=<m>/year=<yyyy>/month=<mm>/<batch id>.parquet}) and its records.
 */
public record LakeFile(String relativePath, LakeRecords<?> records) {
}
