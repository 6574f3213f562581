package io.marketlake.databento;

import com.github.luben.zstd.ZstdInputStream;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * What a Databento response is, told by its first bytes (never by what was asked for, so a response is read as
 * what it is): DBN starts with {@code "DBN"}, a zstd frame (compression=zstd, of DBN or of text) with its magic
 * number 0xFD2FB528 (bytes 28 B5 2F FD), and anything else is text (CSV, JSON lines, or an error body).
 */
public enum PayloadEncoding {
    DBN, ZSTD, TEXT;

    /** The zstd frame magic number as its first four bytes. */
    private static final byte[] ZSTD_MAGIC = {0x28, (byte) 0xB5, 0x2F, (byte) 0xFD};
    private static final byte[] DBN_PREFIX = {'D', 'B', 'N'};
    static final int PEEK = 4;
    /** Enough of a zstd frame to decompress its first bytes: a block is at most 128 KiB. */
    static final int ZSTD_HEAD = 1 << 18;

    /** The encoding of a response beginning with {@code length} bytes of {@code head}. */
    public static PayloadEncoding of(byte[] head, int length) {
        if (startsWith(head, length, ZSTD_MAGIC)) {
            return ZSTD;
        }
        return startsWith(head, length, DBN_PREFIX) ? DBN : TEXT;
    }

    /** The encoding of what {@code in} is about to give, which it gives again afterwards. */
    public static PayloadEncoding peek(BufferedInputStream in) throws IOException {
        in.mark(PEEK);
        byte[] head = new byte[PEEK];
        int length = in.readNBytes(head, 0, PEEK);
        in.reset();
        return of(head, length);
    }

    /**
     * What a zstd frame that {@code in} is about to give holds, which it gives again afterwards: DBN or TEXT, from
     * its first decompressed bytes; ZSTD when they cannot be decompressed from the frame's first blocks (a broken
     * frame: DBN's reader reports it).
     */
    public static PayloadEncoding peekInside(BufferedInputStream in) throws IOException {
        in.mark(ZSTD_HEAD);
        byte[] head = in.readNBytes(ZSTD_HEAD);
        in.reset();
        return inside(head, head.length);
    }

    /** What the zstd frame beginning with {@code length} bytes of {@code head} holds (see {@link #peekInside}). */
    public static PayloadEncoding inside(byte[] head, int length) {
        try (InputStream zstd = new ZstdInputStream(new ByteArrayInputStream(head, 0, length))) {
            byte[] inner = zstd.readNBytes(PEEK);
            return inner.length == 0 ? ZSTD : of(inner, inner.length);
        } catch (IOException broken) {
            return ZSTD;
        }
    }

    public boolean isBinary() {
        return this != TEXT;
    }

    private static boolean startsWith(byte[] head, int length, byte[] prefix) {
        if (length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (head[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
