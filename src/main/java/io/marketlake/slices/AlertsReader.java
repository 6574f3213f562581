package io.marketlake.slices;

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
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.io.LocalInputFile;

/**
 * Reads an alerts file, CSV (with a header) or Parquet, with columns {@code alert_id, symbol, ts}. The time is
 * normalized to a UTC instant whatever its form: epoch seconds, milliseconds (or micro/nanoseconds, told apart
 * by magnitude), a Parquet timestamp, or ISO-8601 text with an explicit offset. A time without a zone is refused:
 * guessing one could move an alert, and every window with it.
 */
public final class AlertsReader {

    private static final int MAX_PROBLEMS = 10;

    private AlertsReader() {
    }

    public static List<Alert> read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new SliceConfigException("alerts file " + file + " does not exist");
        }
        List<String> problems = new ArrayList<>();
        List<Alert> alerts = file.getFileName().toString().toLowerCase().endsWith(".parquet")
                ? readParquet(file, problems) : readCsv(file, problems);
        if (!problems.isEmpty()) {
            throw new SliceConfigException("alerts file " + file.getFileName() + ": " + String.join("; ", problems));
        }
        return alerts;
    }

    private static List<Alert> readCsv(Path file, List<String> problems) {
        List<Alert> alerts = new ArrayList<>();
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true).get();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            var parser = format.parse(reader);
            for (String column : List.of("alert_id", "symbol", "ts")) {
                if (!parser.getHeaderMap().containsKey(column)) {
                    problems.add("column " + column + " is missing (columns: " + parser.getHeaderNames() + ")");
                }
            }
            if (!problems.isEmpty()) {
                return alerts;
            }
            for (CSVRecord row : parser) {
                add(alerts, problems, "line " + (row.getRecordNumber() + 1), row.get("alert_id"), row.get("symbol"),
                        row.get("ts"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return alerts;
    }

    private static List<Alert> readParquet(Path file, List<String> problems) {
        List<Alert> alerts = new ArrayList<>();
        try (ParquetReader<GenericRecord> reader = AvroParquetReader.<GenericRecord>builder(new LocalInputFile(file),
                new PlainParquetConfiguration()).withDataModel(GenericData.get()).build()) {
            GenericRecord record;
            long row = 0;
            while ((record = reader.read()) != null) {
                row++;
                Schema schema = record.getSchema();
                for (String column : List.of("alert_id", "symbol", "ts")) {
                    if (schema.getField(column) == null) {
                        problems.add("column " + column + " is missing");
                        return alerts;
                    }
                }
                Object ts = record.get("ts");
                Instant instant = LakeColumns.timestampValue(schema.getField("ts").schema(), ts);
                add(alerts, problems, "row " + row, text(record.get("alert_id")), text(record.get("symbol")),
                        instant != null ? instant : ts);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return alerts;
    }

    private static void add(List<Alert> alerts, List<String> problems, String where, String alertId, String symbol,
            Object ts) {
        if (problems.size() >= MAX_PROBLEMS) {
            return;
        }
        if (alertId == null || alertId.isBlank() || symbol == null || symbol.isBlank()) {
            problems.add(where + ": alert_id and symbol are required");
            return;
        }
        try {
            alerts.add(new Alert(alertId, symbol, ts instanceof Instant instant ? instant : normalize(String.valueOf(ts))));
        } catch (IllegalArgumentException e) {
            problems.add(where + " (alert " + alertId + "): " + e.getMessage());
        }
    }

    /** Alert times: see {@link Timestamps#parse(String)}. */
    static Instant normalize(String text) {
        return Timestamps.parse(text);
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
