package io.marketlake.lake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.page.DataPage;
import org.apache.parquet.column.page.DataPageV1;
import org.apache.parquet.column.page.DataPageV2;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;

/**
 * Decodes a flat column chunk's pages straight into an array of its rows: the pages the lake's writers make (v1 or
 * v2 data pages, PLAIN or dictionary values, RLE/bit-packed definition levels) of INT32, INT64, DOUBLE and BINARY
 * columns, in bulk, where parquet-mr's column reader takes a value at a time through its level and value readers
 * (a third of a lake read). Any other page ({@link #decodes} says so before a byte is read) is left to parquet-mr.
 */
final class PageValues {

    private PageValues() {
    }

    /** Whether every page of the chunk is of a kind decoded here. */
    static boolean decodes(ColumnDescriptor column, List<DataPage> pages) {
        PrimitiveTypeName type = column.getPrimitiveType().getPrimitiveTypeName();
        if (column.getMaxRepetitionLevel() != 0 || column.getMaxDefinitionLevel() > 1
                || type != PrimitiveTypeName.INT32 && type != PrimitiveTypeName.INT64
                        && type != PrimitiveTypeName.DOUBLE && type != PrimitiveTypeName.BINARY) {
            return false;
        }
        for (DataPage page : pages) {
            Encoding values;
            if (page instanceof DataPageV1 v1) {
                if (column.getMaxDefinitionLevel() > 0 && v1.getDlEncoding() != Encoding.RLE) {
                    return false;
                }
                values = v1.getValueEncoding();
            } else if (page instanceof DataPageV2 v2) {
                values = v2.getDataEncoding();
            } else {
                return false;
            }
            if (values != Encoding.PLAIN && !values.usesDictionary()) {
                return false;
            }
        }
        return true;
    }

    /**
     * The chunk's values, one per row ({@code int[]}, {@code long[]}, {@code double[]}, or {@code Object[]} of
     * {@link Binary}, a dictionary's value one object for all its rows); {@code empty[row]} set where a row has none.
     */
    static Object decode(ColumnDescriptor column, DictionaryPage dictionaryPage, List<DataPage> pages, int rows,
            boolean[] empty) {
        PrimitiveTypeName type = column.getPrimitiveType().getPrimitiveTypeName();
        Object values = switch (type) {
            case INT32 -> new int[rows];
            case INT64 -> new long[rows];
            case DOUBLE -> new double[rows];
            default -> new Object[rows];
        };
        Object dictionary = dictionaryPage == null ? null
                : plain(type, buffer(dictionaryPage.getBytes()), dictionaryPage.getDictionarySize());
        int[] levels = new int[0];
        int[] indices = new int[0];
        int row = 0;
        for (DataPage page : pages) {
            int count = page.getValueCount();
            if (row + count > rows) {
                throw new IllegalStateException("column " + column + ": its pages hold more values than the "
                        + rows + " rows of the row group");
            }
            ByteBuffer data;
            Encoding encoding;
            if (levels.length < count) {
                levels = new int[count];
            }
            boolean optional = column.getMaxDefinitionLevel() > 0;
            if (page instanceof DataPageV1 v1) {
                data = buffer(v1.getBytes());
                encoding = v1.getValueEncoding();
                if (optional) {
                    int length = data.getInt();
                    int end = data.position() + length;
                    hybrid(data, 1, levels, count);
                    data.position(end);
                }
            } else {
                DataPageV2 v2 = (DataPageV2) page;
                encoding = v2.getDataEncoding();
                if (optional) {
                    hybrid(buffer(v2.getDefinitionLevels()), 1, levels, count);
                }
                data = buffer(v2.getData());
            }
            int present = count;
            if (optional) {
                present = 0;
                for (int i = 0; i < count; i++) {
                    boolean has = levels[i] == 1;
                    empty[row + i] = !has;
                    present += has ? 1 : 0;
                }
            }
            // the page's values, then spread over its rows that have one
            Object pageValues;
            if (encoding.usesDictionary()) {
                if (dictionary == null) {
                    throw new IllegalStateException("column " + column + ": a dictionary-encoded page without a"
                            + " dictionary");
                }
                if (indices.length < present) {
                    indices = new int[present];
                }
                int bitWidth = present == 0 ? 0 : data.get() & 0xFF;
                hybrid(data, bitWidth, indices, present);
                pageValues = lookUp(type, dictionary, indices, present, column);
            } else {
                pageValues = plain(type, data, present);
            }
            spread(pageValues, values, row, count, optional ? empty : null);
            row += count;
        }
        if (row != rows) {
            throw new IllegalStateException("column " + column + ": its pages hold " + row + " values for "
                    + rows + " rows");
        }
        return values;
    }

    private static ByteBuffer buffer(BytesInput bytes) {
        try {
            ByteBuffer buffer = bytes.toByteBuffer().slice();
            if (!buffer.hasArray()) {
                // strings are kept as slices of the page's array
                buffer = ByteBuffer.wrap(bytes.toByteArray());
            }
            return buffer.order(ByteOrder.LITTLE_ENDIAN);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code count} PLAIN values of the type from {@code data}. */
    private static Object plain(PrimitiveTypeName type, ByteBuffer data, int count) {
        switch (type) {
            case INT32 -> {
                int[] values = new int[count];
                data.asIntBuffer().get(values);
                return values;
            }
            case INT64 -> {
                long[] values = new long[count];
                data.asLongBuffer().get(values);
                return values;
            }
            case DOUBLE -> {
                double[] values = new double[count];
                data.asDoubleBuffer().get(values);
                return values;
            }
            default -> {
                Binary[] values = new Binary[count];
                byte[] array = data.array();
                int at = data.arrayOffset() + data.position();
                int end = data.arrayOffset() + data.limit();
                for (int i = 0; i < count; i++) {
                    int length = at + 4 > end ? -1 : (array[at] & 0xFF) | (array[at + 1] & 0xFF) << 8
                            | (array[at + 2] & 0xFF) << 16 | (array[at + 3] & 0xFF) << 24;
                    if (length < 0 || length > end - at - 4) {
                        // a broken page: said as parquet-mr's reader would fail it, not as a slice past its end
                        throw new IllegalStateException("a string value past the end of its page (value " + i
                                + " of " + count + ")");
                    }
                    values[i] = Binary.fromConstantByteArray(array, at + 4, length);
                    at += 4 + length;
                }
                return values;
            }
        }
    }

    private static Object lookUp(PrimitiveTypeName type, Object dictionary, int[] indices, int count,
            ColumnDescriptor column) {
        int size = java.lang.reflect.Array.getLength(dictionary);
        for (int i = 0; i < count; i++) {
            if (indices[i] >= size) {
                throw new IllegalStateException("column " + column + ": dictionary index " + indices[i]
                        + " of a dictionary of " + size);
            }
        }
        switch (type) {
            case INT32 -> {
                int[] entries = (int[]) dictionary;
                int[] values = new int[count];
                for (int i = 0; i < count; i++) {
                    values[i] = entries[indices[i]];
                }
                return values;
            }
            case INT64 -> {
                long[] entries = (long[]) dictionary;
                long[] values = new long[count];
                for (int i = 0; i < count; i++) {
                    values[i] = entries[indices[i]];
                }
                return values;
            }
            case DOUBLE -> {
                double[] entries = (double[]) dictionary;
                double[] values = new double[count];
                for (int i = 0; i < count; i++) {
                    values[i] = entries[indices[i]];
                }
                return values;
            }
            default -> {
                Binary[] entries = (Binary[]) dictionary;
                Binary[] values = new Binary[count];
                for (int i = 0; i < count; i++) {
                    values[i] = entries[indices[i]];
                }
                return values;
            }
        }
    }

    /** A page's values into the rows from {@code row}: in order, skipping the rows {@code empty} marks. */
    private static void spread(Object pageValues, Object values, int row, int count, boolean[] empty) {
        if (empty == null) {
            System.arraycopy(pageValues, 0, values, row, count);
            return;
        }
        int next = 0;
        for (int i = row; i < row + count; i++) {
            if (empty[i]) {
                continue;
            }
            if (values instanceof int[] ints) {
                ints[i] = ((int[]) pageValues)[next++];
            } else if (values instanceof long[] longs) {
                longs[i] = ((long[]) pageValues)[next++];
            } else if (values instanceof double[] doubles) {
                doubles[i] = ((double[]) pageValues)[next++];
            } else {
                ((Object[]) values)[i] = ((Object[]) pageValues)[next++];
            }
        }
    }

    /**
     * {@code count} values of Parquet's RLE/bit-packed hybrid encoding (the reverse of {@link HybridEncoding}):
     * runs, each a varint header then one value (RLE) or groups of 8 values packed least significant bit first.
     */
    static void hybrid(ByteBuffer in, int bitWidth, int[] out, int count) {
        if (bitWidth > 32) {
            throw new IllegalStateException("a bit width of " + bitWidth);
        }
        long mask = bitWidth == 32 ? 0xFFFF_FFFFL : (1L << bitWidth) - 1;
        int valueBytes = (bitWidth + 7) / 8;
        int n = 0;
        while (n < count) {
            int header = unsignedVarInt(in);
            if ((header & 1) == 0) {
                int run = header >>> 1;
                int value = 0;
                for (int b = 0; b < valueBytes; b++) {
                    value |= (in.get() & 0xFF) << (8 * b);
                }
                int end = Math.min(count, n + run);
                java.util.Arrays.fill(out, n, end, value);
                n = end;
            } else {
                int values = (header >>> 1) * 8;
                long bits = 0;
                int held = 0;
                for (int i = 0; i < values; i++) {
                    while (held < bitWidth) {
                        bits |= (in.get() & 0xFFL) << held;
                        held += 8;
                    }
                    if (n < count) {
                        out[n++] = (int) (bits & mask);
                    }
                    bits >>>= bitWidth;
                    held -= bitWidth;
                }
            }
        }
    }

    private static int unsignedVarInt(ByteBuffer in) {
        int value = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            int b = in.get() & 0xFF;
            value |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new IllegalStateException("a varint longer than 5 bytes");
    }
}
