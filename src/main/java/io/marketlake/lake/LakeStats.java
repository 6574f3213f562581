package io.marketlake.lake;

/** Number of data files and of rows in them. */
public record LakeStats(long files, long rows) {

    public LakeStats plus(LakeStats other) {
        return new LakeStats(files + other.files, rows + other.rows);
    }
}
