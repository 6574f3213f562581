package io.marketlake.lake;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.avro.Schema;
import org.apache.parquet.avro.AvroSchemaConverter;
import org.apache.parquet.bytes.BytesUtils;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;

/**
 * Writes rows of a flat Avro schema as Parquet, column by column: the lake's tables and the slice exporter's
 * outputs. Rows are taken apart into one primitive buffer per column as they come (each column's value of a row
 * given by a function); every {@link #ROW_GROUP_ROWS} rows (DuckDB's row group) each buffer is encoded in one pass,
 * as a dictionary page and dictionary indices when its values repeat enough (the usual case: dates, symbols, batch
 * id), PLAIN otherwise, with its statistics, and handed compressed to parquet-mr's file writer, which writes page
 * headers, column and offset indexes and the footer. So the per-value work is a buffer store and one hash lookup,
 * where parquet-mr's record writer walks a record consumer, level writers, a value writer and statistics for each
 * value. The schema is the one parquet-avro derives from the Avro schema and the footer carries that Avro schema as
 * parquet-avro's does: readers (ours through parquet-avro, DuckDB, Spark) see the files parquet-avro wrote.
 *
 * @param <T> a row; its column values are Long, Integer, Double, Boolean, a CharSequence, or null where the column
 *            may be empty, or read with no boxing where the function is a {@link LongValue} or {@link DoubleValue}
 */
public final class ColumnarParquetWriter<T> implements AutoCloseable {

    /**
     * A column's value of a row as a long (an INT64 or INT32 column), never empty. Given where a column's function is
     * asked for, it is read with no {@code Long} made per row: boxing each value of a few million rows is a fifth
     * of a lake write.
     */
    @FunctionalInterface
    public interface LongValue<T> extends Function<T, Object> {
        long valueOf(T row);

        @Override
        default Object apply(T row) {
            return valueOf(row);
        }
    }

    /** A column's value of a row as a double (a DOUBLE column), never empty: see {@link LongValue}. */
    @FunctionalInterface
    public interface DoubleValue<T> extends Function<T, Object> {
        double valueOf(T row);

        @Override
        default Object apply(T row) {
            return valueOf(row);
        }
    }

    /** DuckDB's row group size: memory stays bounded for a streamed file of millions of rows. */
    static final int ROW_GROUP_ROWS = 122_880;
    /** The footer key under which parquet-avro keeps the Avro schema, and reads it back. */
    static final String AVRO_SCHEMA = "parquet.avro.schema";
    /** A dictionary larger than this (parquet-mr's default too) is not worth it: the column is written PLAIN. */
    private static final int MAX_DICTIONARY_BYTES = 1 << 20;

    private final Schema avro;
    private final CompressionCodecName codec;
    private final PageCompressor compressor;
    private final PageBuffer page = new PageBuffer();
    private final ParquetFileWriter file;
    private final List<Column> columns;
    /** How many values each column's buffer holds at first: grown by doubling up to a row group. */
    private final int initialCapacity;
    private int rows;

    /**
     * @param values each column's value of a row, in the schema's field order
     */
    public ColumnarParquetWriter(Path target, Schema avro, List<Function<? super T, Object>> values,
            CompressionCodecName codec) throws IOException {
        this(target, avro, values, codec, 0);
    }

    /**
     * @param values       each column's value of a row, in the schema's field order
     * @param expectedRows how many rows will come, if known (else 0): the buffers are made that large at once, not
     *                     grown by copies, which for a batch of big files would be as much garbage as the buffers
     */
    public ColumnarParquetWriter(Path target, Schema avro, List<Function<? super T, Object>> values,
            CompressionCodecName codec, long expectedRows) throws IOException {
        this.avro = avro;
        this.initialCapacity = (int) Math.max(1024, Math.min(expectedRows, ROW_GROUP_ROWS));
        this.codec = codec;
        MessageType schema = new AvroSchemaConverter(new PlainParquetConfiguration()).convert(avro);
        List<ColumnDescriptor> descriptors = schema.getColumns();
        if (!ColumnRecords.reads(schema) || descriptors.size() != values.size()) {
            throw new IllegalArgumentException("not a flat schema of " + values.size() + " columns: " + avro);
        }
        columns = new ArrayList<>(descriptors.size());
        for (int c = 0; c < descriptors.size(); c++) {
            ColumnDescriptor descriptor = descriptors.get(c);
            Function<? super T, Object> value = values.get(c);
            boolean optional = descriptor.getMaxDefinitionLevel() > 0;
            LogicalTypeAnnotation logical = descriptor.getPrimitiveType().getLogicalTypeAnnotation();
            boolean text = logical instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation
                    || logical instanceof LogicalTypeAnnotation.EnumLogicalTypeAnnotation;
            if (logical instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation
                    || descriptor.getPrimitiveType().getPrimitiveTypeName()
                            == PrimitiveType.PrimitiveTypeName.BINARY && !text) {
                // values of these come as BigDecimal or bytes, which the buffers do not take
                throw new IllegalArgumentException("no column writer for " + descriptor + " (" + logical + ")");
            }
            Column column = switch (descriptor.getPrimitiveType().getPrimitiveTypeName()) {
                case INT64 -> new LongColumn(descriptor, optional, false, value);
                case INT32 -> new LongColumn(descriptor, optional, true, value);
                case DOUBLE -> new DoubleColumn(descriptor, optional, value);
                case BINARY -> new StringColumn(descriptor, optional, value);
                case BOOLEAN -> new BooleanColumn(descriptor, optional, value);
                default -> throw new IllegalArgumentException("no column writer for " + descriptor);
            };
            if (value instanceof LongValue<?> && !(column instanceof LongColumn)
                    || value instanceof DoubleValue<?> && !(column instanceof DoubleColumn)) {
                throw new IllegalArgumentException("column " + descriptor.getPath()[0] + " is " + descriptor
                        .getPrimitiveType().getPrimitiveTypeName() + ", not what its value function gives");
            }
            columns.add(column);
        }
        compressor = new PageCompressor(codec);
        try {
            file = new ParquetFileWriter(new LocalOutputFile(target), schema, ParquetFileWriter.Mode.OVERWRITE,
                    org.apache.parquet.hadoop.ParquetWriter.DEFAULT_BLOCK_SIZE, 0, null,
                    ParquetProperties.builder().build());
            file.start();
        } catch (IOException | RuntimeException e) {
            compressor.close();
            throw e;
        }
    }

    public void write(T row) throws IOException {
        for (int i = 0; i < columns.size(); i++) {
            columns.get(i).take(row);
        }
        if (++rows == ROW_GROUP_ROWS) {
            flushRowGroup();
        }
    }

    private void flushRowGroup() throws IOException {
        if (rows == 0) {
            return;
        }
        file.startBlock(rows);
        for (Column column : columns) {
            column.writeChunk(rows);
        }
        file.endBlock();
        rows = 0;
    }

    /** Finishes the file: its last row group and its footer. */
    @Override
    public void close() throws IOException {
        try {
            flushRowGroup();
            // a map of fixed order: Map.of's differs from JVM to JVM, and the same rows must make the same bytes
            Map<String, String> footer = new java.util.LinkedHashMap<>();
            footer.put(AVRO_SCHEMA, avro.toString());
            footer.put("writer.model.name", "marketlake");
            file.end(footer);
        } finally {
            compressor.close();
        }
    }

    /** Closes the file without finishing it, after a failure: what was written is the caller's to delete. */
    public void abandon() {
        try {
            file.close();
        } catch (IOException | RuntimeException ignored) {
            // the temp file is deleted by the caller, or by the start-up sweep
        } finally {
            compressor.close();
        }
    }

    /** One column's values of the current row group, and how they are encoded and written. */
    private abstract class Column {

        final ColumnDescriptor descriptor;
        final boolean optional;
        /** The column's value of a row. */
        final Function<? super T, Object> value;
        /** Whether row i of the group has a value (optional columns only). */
        boolean[] present = new boolean[0];
        int nulls;
        /** Values stored (non-null ones). */
        int count;

        Column(ColumnDescriptor descriptor, boolean optional, Function<? super T, Object> value) {
            this.descriptor = descriptor;
            this.optional = optional;
            this.value = value;
            if (optional) {
                present = new boolean[ROW_GROUP_ROWS];
            }
        }

        /** Adds the row's value of this column. */
        void take(T row) {
            add(value.apply(row));
        }

        /** Adds the current row's value; an empty value only where the column is optional. */
        abstract void add(Object value);

        /** Notes a value (true) or an empty one (false) for the current row; false fails a required column. */
        final boolean noteValue(boolean hasValue) {
            if (!hasValue && !optional) {
                throw new IllegalArgumentException("column " + descriptor.getPath()[0] + " may not be empty");
            }
            if (optional) {
                present[rows] = hasValue;
                if (!hasValue) {
                    nulls++;
                }
            }
            return hasValue;
        }

        /** The distinct values in first-seen order and each value's index into them, or null if too many. */
        abstract Dictionary dictionary();

        /** The value at {@code i} as a key that is equal exactly where the values are (for {@link #repeats}). */
        abstract Object key(int i);

        /**
         * Whether the values repeat enough for a dictionary to be worth trying, judged on an evenly spread sample of
         * them: a column of mostly distinct values (user-defined strategy names, instrument ids of a busy parent) goes
         * straight to PLAIN instead of building most of a dictionary it then drops.
         */
        final boolean repeats() {
            int stride = Math.max(1, count / 1024);
            java.util.Set<Object> sample = new java.util.HashSet<>();
            int sampled = 0;
            for (int i = 0; i < count; i += stride) {
                sample.add(key(i));
                sampled++;
            }
            return sample.size() <= sampled / 2 + 1;
        }

        /** Every value PLAIN encoded, appended to the page. */
        abstract void writePlain(PageBuffer page);

        abstract void updateStats(Statistics<?> stats, Dictionary dictionary);

        final void writeChunk(int groupRows) throws IOException {
            Dictionary dictionary = count == 0 || !repeats() ? null : dictionary();
            file.startColumn(descriptor, groupRows, codec);
            if (dictionary != null) {
                page.reset();
                dictionary.writeTo(page);
                file.writeDictionaryPage(new DictionaryPage(compressor.compress(page), page.size(), dictionary.size(),
                        Encoding.PLAIN_DICTIONARY));
            }
            page.reset();
            if (optional) {
                definitionLevels(groupRows);
            }
            Encoding encoding;
            if (dictionary != null) {
                int bitWidth = BytesUtils.getWidthFromMaxInt(dictionary.size() - 1);
                page.write(bitWidth);
                HybridEncoding.write(dictionary.indices(), count, bitWidth, page);
                encoding = Encoding.PLAIN_DICTIONARY;
            } else {
                writePlain(page);
                encoding = Encoding.PLAIN;
            }
            Statistics<?> stats = Statistics.createStats(descriptor.getPrimitiveType());
            updateStats(stats, dictionary);
            stats.incrementNumNulls(nulls);
            int uncompressed = page.size();
            file.writeDataPage(groupRows, uncompressed, compressor.compress(page), stats, groupRows,
                    Encoding.BIT_PACKED, optional ? Encoding.RLE : Encoding.BIT_PACKED, encoding);
            file.endColumn();
            clear();
            count = 0;
            nulls = 0;
        }

        /** Drops the row group's values that would otherwise stay reachable until overwritten. */
        void clear() {
        }

        /** V1 page definition levels: their length (4 bytes little endian), then RLE/bit-packed 0 or 1 per row. */
        private void definitionLevels(int groupRows) {
            int lengthAt = page.reserveInt();
            int start = page.size();
            boolean[] rowPresent = present;
            int[] levels = new int[groupRows];
            for (int i = 0; i < groupRows; i++) {
                levels[i] = rowPresent[i] ? 1 : 0;
            }
            HybridEncoding.write(levels, groupRows, 1, page);
            page.setInt(lengthAt, page.size() - start);
        }
    }

    /** A column chunk's distinct values: their PLAIN page and each value's index. */
    private interface Dictionary {
        int size();

        int[] indices();

        /** The dictionary page: each distinct value PLAIN encoded. */
        void writeTo(PageBuffer page);
    }

    /** INT64 (longs, timestamps) or INT32 (ints, dates) values, kept as longs. */
    private final class LongColumn extends Column {

        private final boolean int32;
        /** The value function when it reads longs, else null. */
        private final LongValue<? super T> longs;
        private long[] values = new long[initialCapacity];

        @SuppressWarnings("unchecked")
        LongColumn(ColumnDescriptor descriptor, boolean optional, boolean int32, Function<? super T, Object> value) {
            super(descriptor, optional, value);
            this.int32 = int32;
            this.longs = value instanceof LongValue<?> ? (LongValue<? super T>) value : null;
        }

        @Override
        void take(T row) {
            if (longs == null) {
                super.take(row);
            } else {
                noteValue(true);
                add(longs.valueOf(row));
            }
        }

        @Override
        void add(Object value) {
            if (noteValue(value != null)) {
                add(((Number) value).longValue());
            }
        }

        void add(long value) {
            if (count == values.length) {
                values = Arrays.copyOf(values, Math.min(ROW_GROUP_ROWS, count * 2));
            }
            values[count++] = value;
        }

        @Override
        Dictionary dictionary() {
            return LongDictionary.of(values, count, int32 ? 4 : 8, MAX_DICTIONARY_BYTES);
        }

        @Override
        Object key(int i) {
            return values[i];
        }

        @Override
        void writePlain(PageBuffer page) {
            for (int i = 0; i < count; i++) {
                if (int32) {
                    page.putInt(Math.toIntExact(values[i]));
                } else {
                    page.putLong(values[i]);
                }
            }
        }

        @Override
        void updateStats(Statistics<?> stats, Dictionary dictionary) {
            long[] source = dictionary != null ? ((LongDictionary) dictionary).entries() : values;
            int n = dictionary != null ? dictionary.size() : count;
            for (int i = 0; i < n; i++) {
                if (int32) {
                    stats.updateStats(Math.toIntExact(source[i]));
                } else {
                    stats.updateStats(source[i]);
                }
            }
        }
    }

    /** DOUBLE values, their dictionary keyed by bit pattern (so -0.0 and 0.0 stay distinct, as written). */
    private final class DoubleColumn extends Column {

        /** The value function when it reads doubles, else null. */
        private final DoubleValue<? super T> doubles;
        private double[] values = new double[initialCapacity];
        private long[] bits = new long[0];

        @SuppressWarnings("unchecked")
        DoubleColumn(ColumnDescriptor descriptor, boolean optional, Function<? super T, Object> value) {
            super(descriptor, optional, value);
            this.doubles = value instanceof DoubleValue<?> ? (DoubleValue<? super T>) value : null;
        }

        @Override
        void take(T row) {
            if (doubles == null) {
                super.take(row);
            } else {
                noteValue(true);
                add(doubles.valueOf(row));
            }
        }

        @Override
        void add(Object value) {
            if (noteValue(value != null)) {
                add((double) (Double) value);
            }
        }

        void add(double value) {
            if (count == values.length) {
                values = Arrays.copyOf(values, Math.min(ROW_GROUP_ROWS, count * 2));
            }
            values[count++] = value;
        }

        @Override
        Object key(int i) {
            return Double.doubleToRawLongBits(values[i]);
        }

        @Override
        Dictionary dictionary() {
            if (bits.length < count) {
                bits = new long[values.length];
            }
            for (int i = 0; i < count; i++) {
                bits[i] = Double.doubleToRawLongBits(values[i]);
            }
            return LongDictionary.of(bits, count, 8, MAX_DICTIONARY_BYTES);
        }

        @Override
        void writePlain(PageBuffer page) {
            for (int i = 0; i < count; i++) {
                page.putDouble(values[i]);
            }
        }

        @Override
        void updateStats(Statistics<?> stats, Dictionary dictionary) {
            if (dictionary != null) {
                long[] entries = ((LongDictionary) dictionary).entries();
                for (int i = 0; i < dictionary.size(); i++) {
                    stats.updateStats(Double.longBitsToDouble(entries[i]));
                }
                return;
            }
            for (int i = 0; i < count; i++) {
                stats.updateStats(values[i]);
            }
        }
    }

    /** BYTE_ARRAY (UTF-8 string) values, their dictionary keyed by the strings themselves (hashes are cached). */
    private final class StringColumn extends Column {

        private String[] values = new String[initialCapacity];
        /** Whether every value the page holds is ASCII, known once the page is written. */
        private boolean allAscii;

        StringColumn(ColumnDescriptor descriptor, boolean optional, Function<? super T, Object> value) {
            super(descriptor, optional, value);
        }

        @Override
        void add(Object value) {
            if (noteValue(value != null)) {
                add(value.toString());
            }
        }

        void add(String value) {
            if (count == values.length) {
                values = Arrays.copyOf(values, Math.min(ROW_GROUP_ROWS, count * 2));
            }
            values[count++] = value;
        }

        @Override
        Dictionary dictionary() {
            Map<String, Integer> index = new HashMap<>();
            List<String> distinct = new ArrayList<>();
            int[] indices = new int[count];
            long bytes = 0;
            int limit = count / 2 + 1;
            String previous = null;
            int previousIndex = -1;
            for (int i = 0; i < count; i++) {
                String value = values[i];
                if (value != previous) {
                    Integer known = index.get(value);
                    if (known == null) {
                        bytes += 4 + (long) value.length() * 3;
                        if (distinct.size() == limit || bytes > MAX_DICTIONARY_BYTES) {
                            return null;
                        }
                        known = distinct.size();
                        index.put(value, known);
                        distinct.add(value);
                    }
                    previous = value;
                    previousIndex = known;
                }
                indices[i] = previousIndex;
            }
            return new StringDictionary(distinct, indices);
        }

        @Override
        Object key(int i) {
            return values[i];
        }

        @Override
        void writePlain(PageBuffer page) {
            boolean ascii = true;
            for (int i = 0; i < count; i++) {
                ascii &= page.putString(values[i]);
            }
            allAscii = ascii;
        }

        /** Only the least and the greatest value are made bytes: statistics need no more. */
        @Override
        void updateStats(Statistics<?> stats, Dictionary dictionary) {
            List<String> source = dictionary != null ? ((StringDictionary) dictionary).distinct
                    : Arrays.asList(values).subList(0, count);
            boolean ascii = dictionary != null ? ((StringDictionary) dictionary).ascii : allAscii;
            String min = null;
            String max = null;
            for (String value : source) {
                // ASCII strings compare as their bytes do: String's own (intrinsic) comparison is exact for them
                if (min == null) {
                    min = value;
                    max = value;
                } else if ((ascii ? value.compareTo(min) : inUtf8Order(value, min)) < 0) {
                    min = value;
                } else if ((ascii ? value.compareTo(max) : inUtf8Order(value, max)) > 0) {
                    max = value;
                }
            }
            if (min != null) {
                stats.updateStats(Binary.fromString(min));
                stats.updateStats(Binary.fromString(max));
            }
        }

        @Override
        void clear() {
            Arrays.fill(values, 0, count, null);
        }
    }

    /**
     * Strings compared as their UTF-8 bytes are (unsigned), the order of Parquet's string statistics: code point
     * order, which is UTF-16 order except where a surrogate pair meets a character above U+D7FF.
     */
    static int inUtf8Order(String a, String b) {
        int common = Math.min(a.length(), b.length());
        for (int i = 0; i < common; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y) {
                return Character.isSurrogate(x) || Character.isSurrogate(y)
                        ? Integer.compare(a.codePointAt(i), b.codePointAt(i)) : Character.compare(x, y);
            }
        }
        return Integer.compare(a.length(), b.length());
    }

    /** BOOLEAN values: PLAIN, one bit each, least significant bit first (Parquet has no boolean dictionary). */
    private final class BooleanColumn extends Column {

        private boolean[] values = new boolean[initialCapacity];

        BooleanColumn(ColumnDescriptor descriptor, boolean optional, Function<? super T, Object> value) {
            super(descriptor, optional, value);
        }

        @Override
        void add(Object value) {
            if (noteValue(value != null)) {
                if (count == values.length) {
                    values = Arrays.copyOf(values, Math.min(ROW_GROUP_ROWS, count * 2));
                }
                values[count++] = (Boolean) value;
            }
        }

        @Override
        Dictionary dictionary() {
            return null;
        }

        @Override
        Object key(int i) {
            return i; // never repeats: no dictionary is tried
        }

        @Override
        void writePlain(PageBuffer page) {
            int bits = 0;
            for (int i = 0; i < count; i++) {
                if (values[i]) {
                    bits |= 1 << (i & 7);
                }
                if ((i & 7) == 7) {
                    page.write(bits);
                    bits = 0;
                }
            }
            if ((count & 7) != 0) {
                page.write(bits);
            }
        }

        @Override
        void updateStats(Statistics<?> stats, Dictionary dictionary) {
            for (int i = 0; i < count; i++) {
                stats.updateStats(values[i]);
            }
        }
    }

    /** The distinct strings of a column chunk, first seen first; whether all are ASCII is known once written. */
    private static final class StringDictionary implements Dictionary {

        private final List<String> distinct;
        private final int[] indices;
        private boolean ascii;

        StringDictionary(List<String> distinct, int[] indices) {
            this.distinct = distinct;
            this.indices = indices;
        }

        @Override
        public int size() {
            return distinct.size();
        }

        @Override
        public int[] indices() {
            return indices;
        }

        @Override
        public void writeTo(PageBuffer page) {
            boolean all = true;
            for (String value : distinct) {
                all &= page.putString(value);
            }
            ascii = all;
        }
    }

    /**
     * The distinct values of a chunk of longs (or of doubles' bit patterns), first seen first, found with an
     * open-addressing table of primitives; null when there are more than half as many as values, or more than the
     * dictionary's bytes allow.
     */
    private static final class LongDictionary implements Dictionary {

        private final int width;
        private final long[] entries;
        private final int size;
        private final int[] indices;

        private LongDictionary(int width, long[] entries, int size, int[] indices) {
            this.width = width;
            this.entries = entries;
            this.size = size;
            this.indices = indices;
        }

        static LongDictionary of(long[] values, int count, int width, int maxBytes) {
            int limit = Math.min(count / 2 + 1, maxBytes / width);
            Table table = new Table(64);
            long[] entries = new long[16];
            int[] indices = new int[count];
            int size = 0;
            long previous = 0;
            int previousIndex = -1;
            for (int i = 0; i < count; i++) {
                long value = values[i];
                if (previousIndex < 0 || value != previous) {
                    int slot = table.slotOf(value);
                    if (table.slots[slot] == 0) {
                        if (size == limit) {
                            return null;
                        }
                        if (size == entries.length) {
                            entries = Arrays.copyOf(entries, size * 2);
                        }
                        entries[size] = value;
                        table.put(slot, value, ++size);
                        if (size * 2 > table.keys.length) {
                            table = table.grown();
                        }
                        previousIndex = size - 1;
                    } else {
                        previousIndex = table.slots[slot] - 1;
                    }
                    previous = value;
                }
                indices[i] = previousIndex;
            }
            return new LongDictionary(width, entries, size, indices);
        }

        /** Open addressing, linear probing: a value's slot holds its entry number + 1, 0 when free. */
        private static final class Table {
            final long[] keys;
            final int[] slots;
            private final int shift;

            Table(int capacity) {
                keys = new long[capacity];
                slots = new int[capacity];
                shift = 64 - Integer.numberOfTrailingZeros(capacity);
            }

            int slotOf(long value) {
                int mask = keys.length - 1;
                // the product's top bits depend on every bit of the value: prices and instants often end in zeros
                int slot = (int) ((value * 0x9E3779B97F4A7C15L) >>> shift);
                while (slots[slot] != 0 && keys[slot] != value) {
                    slot = (slot + 1) & mask;
                }
                return slot;
            }

            void put(int slot, long value, int entry) {
                keys[slot] = value;
                slots[slot] = entry;
            }

            Table grown() {
                Table bigger = new Table(keys.length * 2);
                for (int i = 0; i < keys.length; i++) {
                    if (slots[i] != 0) {
                        bigger.put(bigger.slotOf(keys[i]), keys[i], slots[i]);
                    }
                }
                return bigger;
            }
        }

        long[] entries() {
            return entries;
        }

        @Override
        public int size() {
            return size;
        }

        @Override
        public int[] indices() {
            return indices;
        }

        @Override
        public void writeTo(PageBuffer page) {
            for (int i = 0; i < size; i++) {
                if (width == 4) {
                    page.putInt((int) entries[i]);
                } else {
                    page.putLong(entries[i]);
                }
            }
        }
    }
}
