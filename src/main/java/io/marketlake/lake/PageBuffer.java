package io.marketlake.lake;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.parquet.bytes.BytesInput;

/**
 * The bytes of one Parquet page being made, little endian, in an array kept from page to page (a writer makes
 * hundreds of pages of up to a few megabytes: allocating and zeroing each would cost more than filling it).
 */
final class PageBuffer extends OutputStream {

    private byte[] bytes = new byte[64 * 1024];
    private int size;

    void reset() {
        size = 0;
    }

    int size() {
        return size;
    }

    byte[] array() {
        return bytes;
    }

    /** The page so far, valid until the buffer is written again. */
    BytesInput bytes() {
        return BytesInput.from(bytes, 0, size);
    }

    /** Makes room for {@code length} bytes and counts them written; returns where the caller writes them. */
    int claim(int length) {
        ensure(length);
        int at = size;
        size += length;
        return at;
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(size + more, bytes.length * 2));
        }
    }

    @Override
    public void write(int b) {
        ensure(1);
        bytes[size++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, bytes, size, len);
        size += len;
    }

    void putInt(int value) {
        ensure(4);
        bytes[size] = (byte) value;
        bytes[size + 1] = (byte) (value >>> 8);
        bytes[size + 2] = (byte) (value >>> 16);
        bytes[size + 3] = (byte) (value >>> 24);
        size += 4;
    }

    /** Writes a 4-byte length to fill in later ({@link #setInt}); returns where. */
    int reserveInt() {
        putInt(0);
        return size - 4;
    }

    void setInt(int at, int value) {
        bytes[at] = (byte) value;
        bytes[at + 1] = (byte) (value >>> 8);
        bytes[at + 2] = (byte) (value >>> 16);
        bytes[at + 3] = (byte) (value >>> 24);
    }

    void putLong(long value) {
        ensure(8);
        for (int i = 0; i < 8; i++) {
            bytes[size + i] = (byte) (value >>> (8 * i));
        }
        size += 8;
    }

    void putDouble(double value) {
        putLong(Double.doubleToRawLongBits(value));
    }

    /**
     * A PLAIN byte array: its length, then its UTF-8 bytes. Returns whether the string was ASCII (one byte a
     * character), where Java's string order is the order of the bytes.
     */
    boolean putString(String value) {
        // the JDK's encoder copies an ASCII string in one vectorised pass, faster than any loop here
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        putInt(utf8.length);
        write(utf8, 0, utf8.length);
        return utf8.length == value.length();
    }
}
