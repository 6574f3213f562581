package io.marketlake.lake;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
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
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.page.DictionaryPageReadStore;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.FileMetaData;
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
     * left empty), or of the file's schema. Records are made and given one at a time, so a consumer that keeps few of
     * them leaves only short-lived garbage; {@code retained} says the consumer keeps them all (a read into a list),
     * and row groups are then decoded on the lake's threads, each a list, given in file order.
     */
    static void read(ParquetFileReader parquet, Schema projection, boolean retained, Consumer<GenericRecord> each)
            throws IOException {
        FileMetaData meta = parquet.getFooter().getFileMetaData();
        MessageType fileSchema = meta.getSchema();
        Schema target = projection != null ? projection : avroSchema(meta);
        List<Type> requested = new ArrayList<>();
        for (Schema.Field field : target.getFields()) {
            if (fileSchema.containsField(field.name())) {
                requested.add(fileSchema.getType(field.name()));
            }
        }
        MessageType requestedSchema = new MessageType(fileSchema.getName(), requested);
        parquet.setRequestedSchema(requestedSchema);
        if (!retained || LakeThreads.PARALLELISM < 2) {
            for (PageReadStore group = parquet.readNextRowGroup(); group != null; group = parquet.readNextRowGroup()) {
                decode(group, requestedSchema, target, meta.getCreatedBy(), each);
            }
            return;
        }
        java.util.ArrayDeque<java.util.concurrent.Future<List<GenericRecord>>> decoding = new java.util.ArrayDeque<>();
        try {
            for (PageReadStore group = parquet.readNextRowGroup(); group != null; group = parquet.readNextRowGroup()) {
                PageReadStore pages = group;
                decoding.add(LakeThreads.POOL.submit(() -> {
                    List<GenericRecord> records = new ArrayList<>(Math.toIntExact(pages.getRowCount()));
                    decode(pages, requestedSchema, target, meta.getCreatedBy(), records::add);
                    return records;
                }));
                if (decoding.size() > LakeThreads.PARALLELISM) {
                    done(decoding.poll()).forEach(each);
                }
            }
            while (!decoding.isEmpty()) {
                done(decoding.poll()).forEach(each);
            }
        } finally {
            decoding.forEach(pending -> pending.cancel(true));
        }
    }

    private static List<GenericRecord> done(java.util.concurrent.Future<List<GenericRecord>> decoded)
            throws IOException {
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

    /** One row group's rows as records of {@code target}, given one by one. */
    private static void decode(PageReadStore group, MessageType requested, Schema target, String createdBy,
            Consumer<GenericRecord> each) {
        List<ColumnDescriptor> descriptors = requested.getColumns();
        int width = descriptors.size();
        ColumnReadStoreImpl store = new ColumnReadStoreImpl(group, NO_CONVERTER, requested, createdBy);
        ColumnReader[] columns = new ColumnReader[width];
        int[] present = new int[width];
        int[] positions = new int[width];
        PrimitiveType.PrimitiveTypeName[] types = new PrimitiveType.PrimitiveTypeName[width];
        for (int i = 0; i < width; i++) {
            ColumnDescriptor descriptor = descriptors.get(i);
            columns[i] = store.getColumnReader(descriptor);
            present[i] = descriptor.getMaxDefinitionLevel();
            positions[i] = target.getField(descriptor.getPath()[0]).pos();
            types[i] = descriptor.getPrimitiveType().getPrimitiveTypeName();
        }
        for (long row = 0, rows = group.getRowCount(); row < rows; row++) {
            GenericData.Record record = new GenericData.Record(target);
            for (int i = 0; i < width; i++) {
                ColumnReader column = columns[i];
                if (column.getCurrentDefinitionLevel() == present[i]) {
                    record.put(positions[i], value(column, types[i]));
                }
                column.consume();
            }
            each.accept(record);
        }
    }

    private static Object value(ColumnReader column, PrimitiveType.PrimitiveTypeName type) {
        return switch (type) {
            case INT32 -> column.getInteger();
            case INT64 -> column.getLong();
            case DOUBLE -> column.getDouble();
            case FLOAT -> column.getFloat();
            case BOOLEAN -> column.getBoolean();
            case BINARY -> new Utf8(column.getBinary().getBytes());
            default -> throw new IllegalStateException("a lake column of type " + type);
        };
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
