package io.marketlake.lake;

/**
 * Parquet's RLE/bit-packed hybrid encoding of small integers (dictionary indices, definition levels), written
 * straight into a page: a value repeated 8 times or more is one RLE run; the rest go in bit-packed runs of up to
 * 63 groups of 8 values (a one-byte header, as parquet-mr writes them), least significant bit first; the last
 * group is padded with zeros, the page's value count saying where the values end.
 */
final class HybridEncoding {

    private static final int MIN_REPEAT = 8;
    private static final int MAX_GROUPS = 63;

    private HybridEncoding() {
    }

    static void write(int[] values, int count, int bitWidth, PageBuffer page) {
        int valueBytes = (bitWidth + 7) / 8;
        int i = 0;
        while (i < count) {
            int repeat = repeats(values, count, i);
            if (repeat >= MIN_REPEAT) {
                varint(page, repeat << 1);
                int value = values[i];
                for (int b = 0; b < valueBytes; b++) {
                    page.write(value >>> (8 * b));
                }
                i += repeat;
                continue;
            }
            int start = i;
            int groups = 0;
            while (groups < MAX_GROUPS && i < count && (groups == 0 || repeats(values, count, i) < MIN_REPEAT)) {
                i += 8;
                groups++;
            }
            page.write((groups << 1) | 1);
            pack(values, count, start, groups * 8, bitWidth, page);
            i = Math.min(i, count);
        }
    }

    /** How many times the value at {@code i} stands in a row from there. */
    private static int repeats(int[] values, int count, int i) {
        int value = values[i];
        int end = i + 1;
        while (end < count && values[end] == value) {
            end++;
        }
        return end - i;
    }

    /** {@code length} values (a multiple of 8) in {@code length * bitWidth / 8} bytes, written straight into the page. */
    private static void pack(int[] values, int count, int start, int length, int bitWidth, PageBuffer page) {
        long mask = bitWidth == 32 ? 0xFFFF_FFFFL : (1L << bitWidth) - 1;
        int at = page.claim(length / 8 * bitWidth);
        byte[] out = page.array();
        long bits = 0;
        int held = 0;
        int end = Math.min(start + length, count);
        for (int k = start; k < end; k++) {
            bits |= (values[k] & mask) << held;
            held += bitWidth;
            while (held >= 8) {
                out[at++] = (byte) bits;
                bits >>>= 8;
                held -= 8;
            }
        }
        // the last group's padding: zeros up to the claimed end
        for (int k = end; k < start + length; k++) {
            held += bitWidth;
            while (held >= 8) {
                out[at++] = (byte) bits;
                bits >>>= 8;
                held -= 8;
            }
        }
    }

    private static void varint(PageBuffer page, int value) {
        int rest = value;
        while ((rest & ~0x7F) != 0) {
            page.write((rest & 0x7F) | 0x80);
            rest >>>= 7;
        }
        page.write(rest);
    }
}
