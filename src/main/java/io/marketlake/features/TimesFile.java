package io.marketlake.features;

import io.marketlake.ConfigurationException;
import io.marketlake.Timestamps;
import io.marketlake.lake.LakeColumns;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
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
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.io.LocalInputFile;

/**
 * The query times of a feature matrix: a CSV file with a header or a Parquet file, with a column {@code ts} (as
 * {@link Timestamps#parse} reads it, or a Parquet timestamp), optionally {@code market}, and any other columns,
 * which are carried through to the output unchanged, in order. Read as a stream, as often as needed.
 */
final class TimesFile {

    static final String TS = "ts";
    static final String MARKET = "market";

    /** One row: its time, its market (null when the file has none) and its other columns' values. */
    record Row(long index, Instant ts, String market, List<Object> carried) {
    }

    interface RowConsumer {
        void accept(Row row) throws IOException;
    }

    private final Path file;
    private final boolean parquet;
    private final List<String> carriedNames = new ArrayList<>();
    /** The carried columns' Parquet schemas, null for a CSV file (its values are text). */
    private final List<Schema> carriedSchemas;
    private final boolean hasMarket;

    TimesFile(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigurationException("times file " + file + " does not exist");
        }
        this.file = file;
        this.parquet = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".parquet");
        List<String> columns;
        if (parquet) {
            Schema schema = parquetSchema();
            columns = schema.getFields().stream().map(Schema.Field::name).toList();
            carriedSchemas = new ArrayList<>();
            schema.getFields().stream().filter(f -> !f.name().equals(TS) && !f.name().equals(MARKET))
                    .forEach(f -> carriedSchemas.add(f.schema()));
        } else {
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                    CSVParser parser = csv().parse(reader)) {
                columns = parser.getHeaderNames();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
            carriedSchemas = null;
        }
        if (!columns.contains(TS)) {
            throw new ConfigurationException("times file " + file.getFileName() + " has no column ts (columns: "
                    + columns + ")");
        }
        hasMarket = columns.contains(MARKET);
        columns.stream().filter(c -> !c.equals(TS) && !c.equals(MARKET)).forEach(carriedNames::add);
    }

    List<String> carriedNames() {
        return carriedNames;
    }

    List<Schema> carriedSchemas() {
        return carriedSchemas;
    }

    /** Every row in file order; a row without a readable time is a user error naming the row. */
    void forEach(RowConsumer consumer) throws IOException {
        if (parquet) {
            readParquet(consumer);
        } else {
            readCsv(consumer);
        }
    }

    private void readCsv(RowConsumer consumer) throws IOException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                CSVParser parser = csv().parse(reader)) {
            long index = 0;
            for (CSVRecord record : parser) {
                List<Object> carried = new ArrayList<>(carriedNames.size());
                for (String name : carriedNames) {
                    carried.add(record.isSet(name) ? record.get(name) : null);
                }
                String where = "line " + (record.getRecordNumber() + 1);
                consumer.accept(new Row(index++, time(record.get(TS), where),
                        hasMarket ? market(record.get(MARKET)) : null, carried));
            }
        }
    }

    private void readParquet(RowConsumer consumer) throws IOException {
        try (ParquetReader<GenericRecord> reader = parquetReader()) {
            long index = 0;
            for (GenericRecord record = reader.read(); record != null; record = reader.read()) {
                List<Object> carried = new ArrayList<>(carriedNames.size());
                for (String name : carriedNames) {
                    carried.add(record.get(name));
                }
                Object ts = record.get(TS);
                Instant typed = LakeColumns.timestampValue(record.getSchema().getField(TS).schema(), ts);
                String where = "row " + (index + 1);
                Object market = hasMarket ? record.get(MARKET) : null;
                consumer.accept(new Row(index++, typed != null ? typed : time(ts == null ? null : ts.toString(), where),
                        market == null ? null : market(market.toString()), carried));
            }
        }
    }

    private Instant time(String text, String where) {
        try {
            return Timestamps.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("times file " + file.getFileName() + " " + where + ": ts "
                    + e.getMessage());
        }
    }

    private static String market(String text) {
        String market = text.trim();
        return market.isEmpty() ? null : market;
    }

    private Schema parquetSchema() {
        try (ParquetReader<GenericRecord> reader = parquetReader()) {
            GenericRecord first = reader.read();
            if (first == null) {
                throw new ConfigurationException("times file " + file.getFileName() + " holds no row");
            }
            return first.getSchema();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private ParquetReader<GenericRecord> parquetReader() throws IOException {
        return AvroParquetReader.<GenericRecord>builder(new LocalInputFile(file), new PlainParquetConfiguration())
                .withDataModel(GenericData.get()).build();
    }

    private static CSVFormat csv() {
        return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
    }
}
