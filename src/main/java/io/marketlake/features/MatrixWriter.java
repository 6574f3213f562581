package io.marketlake.features;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marketlake.lake.ColumnarParquetWriter;
import io.marketlake.lake.DurableFiles;
import io.marketlake.lake.LakeColumns;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;

/**
 * Writes a feature matrix as CSV or Parquet (by the file's extension): {@code ts, market}, the times file's own
 * columns, then the matrix's columns. Parquet keeps {@code ts} and the matrix's instants as UTC TIMESTAMP
 * (micros) and values as DOUBLE, so DuckDB and Spark read them typed. The file is written to a hidden temp name
 * and renamed when complete: a reader never sees half a matrix.
 */
abstract class MatrixWriter implements AutoCloseable {

    /** How a matrix column is typed in Parquet. */
    enum Kind { DOUBLE, STRING, TIMESTAMP }

    record Column(String name, Kind kind) {
    }

    protected final Path target;
    protected final Path temp;

    private MatrixWriter(Path target) {
        this.target = target;
        this.temp = DurableFiles.tempFor(target.toAbsolutePath());
    }

    static MatrixWriter open(Path target, TimesFile times, List<Column> columns) throws IOException {
        Path parent = target.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        return target.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".parquet")
                ? new ParquetMatrix(target, times, columns) : new CsvMatrix(target, times, columns);
    }

    /** One row: the input row's time, market and carried values, then one value per matrix column. */
    abstract void row(Instant ts, String market, List<Object> carried, List<Object> values) throws IOException;

    /** Closes the writer and gives the file its name. */
    abstract void finish() throws IOException;

    /** Drops an unfinished file. */
    @Override
    public abstract void close() throws IOException;

    private static final class CsvMatrix extends MatrixWriter {

        private final BufferedWriter out;
        private final CSVPrinter printer;
        private final List<Object> line = new ArrayList<>();
        private boolean finished;

        CsvMatrix(Path target, TimesFile times, List<Column> columns) throws IOException {
            super(target);
            out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8);
            printer = CSVFormat.DEFAULT.builder().setRecordSeparator('\n').get().print(out);
            List<String> header = new ArrayList<>(List.of(TimesFile.TS, TimesFile.MARKET));
            header.addAll(times.carriedNames());
            columns.forEach(c -> header.add(c.name()));
            printer.printRecord(header);
        }

        @Override
        void row(Instant ts, String market, List<Object> carried, List<Object> values) throws IOException {
            line.clear();
            line.add(ts.toString());
            line.add(market);
            line.addAll(carried);
            for (Object value : values) {
                line.add(value == null ? null : value.toString());
            }
            printer.printRecord(line);
        }

        @Override
        void finish() throws IOException {
            printer.close(true);
            finished = true;
            DurableFiles.moveIntoPlace(temp, target.toAbsolutePath());
        }

        @Override
        public void close() throws IOException {
            if (!finished) {
                printer.close();
                Files.deleteIfExists(temp);
            }
        }
    }

    private static final class ParquetMatrix extends MatrixWriter {

        private static final ObjectMapper JSON = new ObjectMapper();

        private final Schema schema;
        private final RecordSink writer;
        private final int firstColumn;
        private boolean finished;

        /** Where the rows go: the lake's column writer, or parquet-avro for a carried column it does not write. */
        private record RecordSink(RowWriter rows, java.io.Closeable file) {

            void write(GenericRecord record) throws IOException {
                rows.write(record);
            }

            void close() throws IOException {
                file.close();
            }
        }

        private interface RowWriter {
            void write(GenericRecord record) throws IOException;
        }

        ParquetMatrix(Path target, TimesFile times, List<Column> columns) throws IOException {
            super(target);
            this.schema = schema(times, columns);
            this.firstColumn = 2 + times.carriedNames().size();
            this.writer = sink(schema, temp);
        }

        private static RecordSink sink(Schema schema, Path temp) throws IOException {
            List<java.util.function.Function<? super GenericRecord, Object>> fields = new ArrayList<>();
            for (Schema.Field field : schema.getFields()) {
                int position = field.pos();
                fields.add(record -> record.get(position));
            }
            try {
                ColumnarParquetWriter<GenericRecord> columnar = new ColumnarParquetWriter<>(temp, schema, fields,
                        CompressionCodecName.ZSTD);
                return new RecordSink(columnar::write, columnar::close);
            } catch (IllegalArgumentException e) {
                // a carried Parquet column of a type the column writer has no buffer for (float, bytes, ...)
                ParquetWriter<GenericRecord> avro = AvroParquetWriter.<GenericRecord>builder(new LocalOutputFile(temp))
                        .withSchema(schema).withDataModel(GenericData.get()).withConf(new PlainParquetConfiguration())
                        .withCompressionCodec(CompressionCodecName.ZSTD)
                        .withWriteMode(ParquetFileWriter.Mode.OVERWRITE).build();
                return new RecordSink(avro::write, avro::close);
            }
        }

        /** Feature names hold dots, which Avro names may not: the schema is parsed without name checks. */
        private static Schema schema(TimesFile times, List<Column> columns) {
            ObjectNode record = JSON.createObjectNode().put("type", "record").put("name", "FeatureMatrix");
            ArrayNode fields = record.putArray("fields");
            fields.addObject().put("name", TimesFile.TS).set("type", JSON.valueToTree(
                    JSON.createObjectNode().put("type", "long").put("logicalType", "timestamp-micros")));
            fields.addObject().put("name", TimesFile.MARKET).set("type", nullable(JSON.getNodeFactory().textNode("string")));
            for (int i = 0; i < times.carriedNames().size(); i++) {
                Schema carried = times.carriedSchemas() == null ? null : times.carriedSchemas().get(i);
                ObjectNode field = fields.addObject().put("name", times.carriedNames().get(i));
                field.set("type", carried == null ? nullable(JSON.getNodeFactory().textNode("string"))
                        : readTree(carried.toString()));
            }
            for (Column column : columns) {
                Object type = switch (column.kind()) {
                    case DOUBLE -> JSON.getNodeFactory().textNode("double");
                    case STRING -> JSON.getNodeFactory().textNode("string");
                    case TIMESTAMP -> JSON.createObjectNode().put("type", "long").put("logicalType", "timestamp-micros");
                };
                fields.addObject().put("name", column.name()).set("type", nullable(JSON.valueToTree(type)));
            }
            return new Schema.Parser().setValidate(false).parse(record.toString());
        }

        private static ArrayNode nullable(com.fasterxml.jackson.databind.JsonNode type) {
            ArrayNode union = JSON.createArrayNode();
            union.add("null");
            union.add(type);
            return union;
        }

        private static com.fasterxml.jackson.databind.JsonNode readTree(String json) {
            try {
                return JSON.readTree(json);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        void row(Instant ts, String market, List<Object> carried, List<Object> values) throws IOException {
            GenericData.Record record = new GenericData.Record(schema);
            record.put(0, LakeColumns.micros(ts));
            record.put(1, market);
            for (int i = 0; i < carried.size(); i++) {
                record.put(2 + i, carried.get(i));
            }
            for (int i = 0; i < values.size(); i++) {
                Object value = values.get(i);
                record.put(firstColumn + i, value instanceof Instant instant ? LakeColumns.micros(instant) : value);
            }
            writer.write(record);
        }

        @Override
        void finish() throws IOException {
            writer.close();
            finished = true;
            DurableFiles.moveIntoPlace(temp, target.toAbsolutePath());
        }

        @Override
        public void close() throws IOException {
            if (!finished) {
                writer.close();
                Files.deleteIfExists(temp);
            }
        }
    }
}
