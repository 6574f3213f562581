package io.marketlake.trading;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.marketlake.ConfigurationException;
import io.marketlake.Timestamps;
import io.marketlake.ingest.Batch;
import io.marketlake.ingest.Rejection;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads trading events dropped as files: {@code <table>-<anything>.jsonl} (one JSON object per line) or
 * {@code .csv} (a header row), with the table's column names. Each row is typed and checked: a missing id,
 * a value outside its set (an unknown action), a negative quantity where it is not allowed, an unreadable
 * number or time rejects that row with the reason; the others go on.
 */
public final class TradingRows {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TradingRows() {
    }

    /** The table a dropped file is for, from its name. */
    public static TradingTable tableOf(Path file) {
        String name = file.getFileName().toString();
        int dash = name.indexOf('-');
        if (dash <= 0 || !(name.endsWith(".jsonl") || name.endsWith(".csv"))) {
            throw new ConfigurationException("trading files are named <table>-<anything>.jsonl or .csv, not " + name);
        }
        return TradingTable.named(name.substring(0, dash));
    }

    public static Batch<Map<String, Object>> read(TradingTable table, Path file) {
        List<Map<String, Object>> rows = new ArrayList<>();
        List<Rejection> rejections = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            if (file.getFileName().toString().endsWith(".csv")) {
                readCsv(table, reader, rows, rejections);
            } else {
                readJsonLines(table, new BufferedReader(reader), rows, rejections);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return new Batch<>(rows, rejections);
    }

    private static void readCsv(TradingTable table, Reader reader, List<Map<String, Object>> rows,
            List<Rejection> rejections) throws IOException {
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true).get();
        try (CSVParser parser = format.parse(reader)) {
            for (String column : parser.getHeaderNames()) {
                if (table.column(column) == null) {
                    throw new ConfigurationException("column '" + column + "' is not one of " + table.tableName()
                            + "'s: " + table.columns().stream().map(TradingColumn::name).toList());
                }
            }
            for (CSVRecord record : parser) {
                Map<String, String> text = new LinkedHashMap<>();
                record.toMap().forEach(text::put);
                String raw = String.join(",", record.values());
                add(table, text, raw, "line " + (record.getRecordNumber() + 1), rows, rejections);
            }
        }
    }

    private static void readJsonLines(TradingTable table, BufferedReader reader, List<Map<String, Object>> rows,
            List<Rejection> rejections) throws IOException {
        String line;
        long number = 0;
        while ((line = reader.readLine()) != null) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            JsonNode node;
            try {
                node = JSON.readTree(line);
            } catch (IOException e) {
                rejections.add(new Rejection(line, "unreadable_record", "line " + number + ": not JSON"));
                continue;
            }
            if (node == null || !node.isObject()) {
                rejections.add(new Rejection(line, "unreadable_record", "line " + number + ": not a JSON object"));
                continue;
            }
            Map<String, String> text = new LinkedHashMap<>();
            String unknown = null;
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (table.column(field.getKey()) == null) {
                    unknown = field.getKey();
                }
                text.put(field.getKey(), field.getValue().isNull() ? null : field.getValue().asText());
            }
            if (unknown != null) {
                rejections.add(new Rejection(line, "unknown_column", "line " + number + ": '" + unknown
                        + "' is not a column of " + table.tableName()));
                continue;
            }
            add(table, text, line, "line " + number, rows, rejections);
        }
    }

    private static void add(TradingTable table, Map<String, String> text, String raw, String where,
            List<Map<String, Object>> rows, List<Rejection> rejections) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (TradingColumn column : table.columns()) {
            String value = text.get(column.name());
            value = value == null || value.isBlank() ? null : value.trim();
            String problem = check(column, value);
            if (problem != null) {
                rejections.add(new Rejection(raw, rule(column, value), where + ": " + problem));
                return;
            }
            try {
                row.put(column.name(), value == null ? null : switch (column.type()) {
                    case TEXT -> value;
                    case WHOLE -> Long.parseLong(value);
                    case DECIMAL -> Double.parseDouble(value);
                    case INSTANT -> Timestamps.parse(value);
                    case DATE -> LocalDate.parse(value);
                });
            } catch (RuntimeException e) {
                rejections.add(new Rejection(raw, "unreadable_value", where + ": " + column.name() + ": "
                        + e.getMessage()));
                return;
            }
            Object typed = row.get(column.name());
            if (column.nonNegative() && typed instanceof Number number && number.doubleValue() < 0) {
                rejections.add(new Rejection(raw, "negative_" + column.name(), where + ": " + column.name() + " "
                        + value + " < 0"));
                return;
            }
        }
        rows.add(row);
    }

    private static String check(TradingColumn column, String value) {
        if (value == null) {
            return column.required() ? column.name() + " is missing" : null;
        }
        if (!column.allowed().isEmpty() && !column.allowed().contains(value)) {
            return column.name() + " '" + value + "' is not one of " + column.allowed().stream().sorted().toList();
        }
        return null;
    }

    private static String rule(TradingColumn column, String value) {
        if (value == null) {
            return "missing_" + column.name();
        }
        return "unknown_" + column.name();
    }
}
