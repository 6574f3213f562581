package io.marketlake.slices;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** SHA-256 of files, SHA-1 buckets of symbols, and Parquet row counts, as the manifest records them. */
final class Hashes {

    private Hashes() {
    }

    static String sha256(Path file) {
        return io.marketlake.Sha256.of(file);
    }

    static String sha256(String text) {
        return io.marketlake.Sha256.of(text);
    }

    /** The bucket of a symbol: the first byte of SHA-1 of its UTF-8 bytes, two hex digits. */
    static String bucket(String symbol) {
        return String.format("%02x", digest("SHA-1").digest(symbol.getBytes(StandardCharsets.UTF_8))[0] & 0xff);
    }

    static long parquetRows(Path file) {
        return io.marketlake.lake.LakeReader.rowCount(file);
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
