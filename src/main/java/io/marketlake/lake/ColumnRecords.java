package io.marketlake.lake;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.util.Utf8;
import org.apache.parquet.avro.AvroSchemaConverter;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.Dictionary;
import org.apache.parquet.column.EncodingStats;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.DataPage;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.page.DictionaryPageReadStore;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.column.page.PageReader;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.FileMetaData;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * Reads a lake file's rows column by column into Avro records, the records parquet-avro assembles for the same
 * file (same schema, the one in the footer; same value classes: Integer, Long, Double, Utf8, null where empty),
 * without parquet-avro's converter per value. Lake files are flat (every column a primitive at the top level); a
 * file that is not is left to parquet-avro ({@link #reads}).
 */
final class ColumnRecords {

    /** The Avro schemas of the footers seen, parsed once: every file of a table carries the same. */
    private static final Map<String, Schema> SCHEMAS = new ConcurrentHashMap<>();
    private static final GroupConverter NO_CONVERTER = new GroupConverter() {
        private final PrimitiveConverter primitive = new PrimitiveConverter() {
        };

        @Override
        public Converter getConverter(int fieldIndex) {
            return primitive;
        }

        @Override
        public void start() {
        }

        @Override
        public void end() {
        }
    };

    private ColumnRecords() {
    }

    /** Whether this reader can read the file: every column a primitive, not repeated, at the top level. */
    static boolean reads(MessageType schema) {
        for (Type field : schema.getFields()) {
            if (!field.isPrimitive() || field.isRepetition(Type.Repetition.REPEATED)) {
                return false;
            }
        }
        return true;
    }

    /** Only the named fields of a record schema, in its order: what a scan that needs few columns asks for. */
    static Schema projection(Schema schema, java.util.Collection<String> names) {
        List<Schema.Field> fields = new ArrayList<>();
        for (Schema.Field field : schema.getFields()) {
            if (names.contains(field.name())) {
                fields.add(new Schema.Field(field, field.schema()));
            }
        }
        return Schema.createRecord(schema.getName(), schema.getDoc(), schema.getNamespace(), false, fields);
    }

    /** The Avro schema of the file's records: the one its writer put in the footer, else derived from Parquet's. */
    static Schema avroSchema(FileMetaData meta) {
        String written = meta.getKeyValueMetaData().get(ColumnarParquetWriter.AVRO_SCHEMA);
        if (written != null) {
            return SCHEMAS.computeIfAbsent(written, json -> new Schema.Parser().parse(json));
        }
        return new AvroSchemaConverter(new PlainParquetConfiguration()).convert(meta.getSchema());
    }

    /**
     * Gives each row of the file as a record of {@code projection} (its fields by name: a field the file lacks is
     * left empty), or of the file's schema. Row groups are decoded into column arrays on the lake's threads, ahead of
     * the caller by at most one per core, and given in file order. The records are made on the caller's thread, one
     * at a time, so a consumer that keeps few of them leaves only short-lived garbage; unless {@code retained} says
     * the caller keeps every record (a read into a list): then they are made on the lake's threads too.
     */
    static void read(ParquetFileReader parquet, Schema projection, boolean retained, Consumer<GenericRecord> each)
            throws IOException {
        Schema target = projection != null ? projection : avroSchema(parquet.getFooter().getFileMetaData());
        Function<DecodedGroup, Consumer<Consumer<GenericRecord>>> onWorker = group -> {
            if (!retained) {
                return sink -> group.forEach(target, sink);
            }
            List<GenericRecord> records = new ArrayList<>(group.rows());
            group.forEach(target, records::add);
            return records::forEach;
        };
        groups(parquet, target, onWorker, records -> records.accept(each));
    }

    /**
     * The file's row groups, of the columns {@code target} names, each decoded into column arrays and then turned
     * into what {@code onWorker} makes of it, on the lake's threads; given to {@code each} in file order.
     */
    static <T> void groups(ParquetFileReader parquet, Schema target, Function<DecodedGroup, T> onWorker,
            Consumer<T> each) throws IOException {
        FileMetaData meta = parquet.getFooter().getFileMetaData();
        MessageType fileSchema = meta.getSchema();
        List<Type> requested = new ArrayList<>();
        for (Schema.Field field : target.getFields()) {
            if (fileSchema.containsField(field.name())) {
                requested.add(fileSchema.getType(field.name()));
            }
        }
        MessageType requestedSchema = new MessageType(fileSchema.getName(), requested);
        parquet.setRequestedSchema(requestedSchema);
        java.util.ArrayDeque<java.util.concurrent.Future<T>> decoding = new java.util.ArrayDeque<>();
        try {
            for (PageReadStore group = parquet.readNextRowGroup(); group != null; group = parquet.readNextRowGroup()) {
                PageReadStore pages = group;
                decoding.add(LakeThreads.POOL.submit(() -> onWorker.apply(
                        DecodedGroup.of(pages, requestedSchema, target, meta.getCreatedBy()))));
                if (decoding.size() > LakeThreads.PARALLELISM) {
                    each.accept(done(decoding.poll()));
                }
            }
            while (!decoding.isEmpty()) {
                each.accept(done(decoding.poll()));
            }
        } finally {
            decoding.forEach(pending -> pending.cancel(true));
        }
    }

    private static <T> T done(java.util.concurrent.Future<T> decoded) throws IOException {
        try {
            return decoded.get();
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IOException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading a lake file", e);
        }
    }

    /**
     * One row group's columns decoded into arrays (primitives where the column is one; strings as the bytes' Binary,
     * made a Utf8 only when the record is), each with where its rows have no value.
     */
    record DecodedGroup(int rows, String[] names, int[] positions, Object[] columns, boolean[][] empty) {

        static DecodedGroup of(PageReadStore group, MessageType requested, Schema target, String createdBy) {
            List<ColumnDescriptor> descriptors = requested.getColumns();
            int width = descriptors.size();
            int rows = Math.toIntExact(group.getRowCount());
            int[] positions = new int[width];
            String[] names = new String[width];
            Object[] columns = new Object[width];
            boolean[][] empty = new boolean[width][];
            for (int i = 0; i < width; i++) {
                ColumnDescriptor descriptor = descriptors.get(i);
                names[i] = descriptor.getPath()[0];
                positions[i] = target.getField(names[i]).pos();
                int present = descriptor.getMaxDefinitionLevel();
                boolean[] none = present > 0 ? new boolean[rows] : null;
                PageReader pageReader = group.getPageReader(descriptor);
                DictionaryPage dictionary = pageReader.readDictionaryPage();
                List<DataPage> pages = new ArrayList<>();
                for (DataPage page = pageReader.readPage(); page != null; page = pageReader.readPage()) {
                    pages.add(page);
                }
                if (PageValues.decodes(descriptor, pages)) {
                    columns[i] = PageValues.decode(descriptor, dictionary, pages, rows, none != null ? none
                            : new boolean[0]);
                    empty[i] = none;
                    continue;
                }
                ColumnReader column = new ColumnReadStoreImpl(new Replayed(rows, dictionary, pages), NO_CONVERTER,
                        requested, createdBy).getColumnReader(descriptor);
                PrimitiveType.PrimitiveTypeName type = descriptor.getPrimitiveType().getPrimitiveTypeName();
                switch (type) {
                    case INT32 -> {
                        int[] values = new int[rows];
                        for (int row = 0; row < rows; row++, column.consume()) {
                            if (column.getCurrentDefinitionLevel() == present) {
                                values[row] = column.getInteger();
                            } else {
                                none[row] = true;
                            }
                        }
                        columns[i] = values;
                    }
                    case INT64 -> {
                        long[] values = new long[rows];
                        for (int row = 0; row < rows; row++, column.consume()) {
                            if (column.getCurrentDefinitionLevel() == present) {
                                values[row] = column.getLong();
                            } else {
                                none[row] = true;
                            }
                        }
                        columns[i] = values;
                    }
                    case DOUBLE -> {
                        double[] values = new double[rows];
                        for (int row = 0; row < rows; row++, column.consume()) {
                            if (column.getCurrentDefinitionLevel() == present) {
                                values[row] = column.getDouble();
                            } else {
                                none[row] = true;
                            }
                        }
                        columns[i] = values;
                    }
                    default -> {
                        Object[] values = new Object[rows];
                        for (int row = 0; row < rows; row++, column.consume()) {
                            if (column.getCurrentDefinitionLevel() == present) {
                                values[row] = switch (type) {
                                    case BINARY -> column.getBinary();
                                    case FLOAT -> column.getFloat();
                                    case BOOLEAN -> column.getBoolean();
                                    default -> throw new IllegalStateException("a lake column of type " + type);
                                };
                            }
                        }
                        columns[i] = values;
                    }
                }
                empty[i] = none;
            }
            return new DecodedGroup(rows, names, positions, columns, empty);
        }

        /** A column chunk's pages read already, given again to parquet-mr's column reader. */
        private record Replayed(long rows, DictionaryPage dictionary, List<DataPage> pages) implements PageReadStore {

            @Override
            public PageReader getPageReader(ColumnDescriptor descriptor) {
                java.util.Iterator<DataPage> next = pages.iterator();
                long values = pages.stream().mapToLong(DataPage::getValueCount).sum();
                return new PageReader() {
                    @Override
                    public DictionaryPage readDictionaryPage() {
                        return dictionary;
                    }

                    @Override
                    public long getTotalValueCount() {
                        return values;
                    }

                    @Override
                    public DataPage readPage() {
                        return next.hasNext() ? next.next() : null;
                    }
                };
            }

            @Override
            public long getRowCount() {
                return rows;
            }
        }

        /** Each row as a record of {@code target}, in order. */
        void forEach(Schema target, Consumer<GenericRecord> each) {
            // a value equal to the row before's (a date, a batch id, a run of one symbol) shares its boxed object
            Object[] previous = new Object[columns.length];
            for (int row = 0; row < rows; row++) {
                GenericData.Record record = new GenericData.Record(target);
                for (int i = 0; i < columns.length; i++) {
                    if (empty[i] != null && empty[i][row]) {
                        previous[i] = null;
                        continue;
                    }
                    Object value = boxed(columns[i], row, previous[i]);
                    previous[i] = value;
                    if (value != null) {
                        record.put(positions[i], value);
                    }
                }
                each.accept(record);
            }
        }

        private static Object boxed(Object column, int row, Object previous) {
            boolean same = row > 0 && previous != null;
            if (column instanceof int[] ints) {
                return same && ints[row] == ints[row - 1] ? previous : (Object) ints[row];
            }
            if (column instanceof long[] longs) {
                return same && longs[row] == longs[row - 1] ? previous : (Object) longs[row];
            }
            if (column instanceof double[] doubles) {
                return same && Double.doubleToRawLongBits(doubles[row]) == Double.doubleToRawLongBits(doubles[row - 1])
                        ? previous : (Object) doubles[row];
            }
            Object[] objects = (Object[]) column;
            Object object = objects[row];
            if (object instanceof Binary binary) {
                // a dictionary's value is one Binary for every row that has it
                return same && object == objects[row - 1] ? previous : new Utf8(binary.getBytes());
            }
            return object;
        }
    }

    /**
     * The distinct values of an INT32 column (trading_date), from each row group's metadata where it tells them
     * exactly: one value (its statistics' minimum is its maximum) or every page dictionary-encoded (the dictionary
     * holds exactly the values written); otherwise the row group's column is read.
     */
    static void distinctInts(ParquetFileReader parquet, String column, Set<Integer> values) throws IOException {
        MessageType fileSchema = parquet.getFooter().getFileMetaData().getSchema();
        ColumnDescriptor descriptor = fileSchema.getColumnDescription(new String[] {column});
        List<BlockMetaData> groups = parquet.getRowGroups();
        for (int g = 0; g < groups.size(); g++) {
            BlockMetaData group = groups.get(g);
            ColumnChunkMetaData chunk = group.getColumns().stream()
                    .filter(c -> c.getPath().toDotString().equals(column)).findFirst().orElseThrow();
            Statistics<?> stats = chunk.getStatistics();
            if (stats != null && stats.hasNonNullValue() && stats.getNumNulls() == 0
                    && stats.genericGetMin().equals(stats.genericGetMax())) {
                values.add((Integer) stats.genericGetMin());
                continue;
            }
            EncodingStats encodings = chunk.getEncodingStats();
            if (encodings != null && encodings.hasDictionaryPages() && !encodings.hasNonDictionaryEncodedPages()) {
                DictionaryPageReadStore dictionaries = parquet.getDictionaryReader(group);
                DictionaryPage page = dictionaries.readDictionaryPage(descriptor);
                if (page != null) {
                    Dictionary dictionary = page.decode(descriptor);
                    for (int id = 0; id <= dictionary.getMaxId(); id++) {
                        values.add(dictionary.decodeToInt(id));
                    }
                    continue;
                }
            }
            parquet.setRequestedSchema(List.of(descriptor));
            PageReadStore pages = parquet.readRowGroup(g);
            ColumnReader reader = new ColumnReadStoreImpl(pages, NO_CONVERTER,
                    new MessageType(fileSchema.getName(), fileSchema.getType(column)),
                    parquet.getFooter().getFileMetaData().getCreatedBy()).getColumnReader(descriptor);
            for (long row = 0; row < pages.getRowCount(); row++) {
                if (reader.getCurrentDefinitionLevel() == descriptor.getMaxDefinitionLevel()) {
                    values.add(reader.getInteger());
                }
                reader.consume();
            }
        }
    }
}
