package io.marketlake.databento;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a Databento timeseries response in CSV or JSON-lines encoding, whichever the payload is: a JSON payload
 * starts with an object, a CSV one with its header row. Rows stream to a sink one at a time, so a large response
 * never sits in memory as records. A line that cannot be read is reported to the sink and the rest go on.
 */
public final class DatabentoPayloadReader {

    /** Receives the rows of a payload. */
    public interface Sink {
        void row(DatabentoRow row);

        void malformed(long line, String raw, String problem);
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final CSVFormat CSV = CSVFormat.DEFAULT.builder().setRecordSeparator('\n').get();

    private DatabentoPayloadReader() {
    }

    public static void read(String payload, Sink sink) {
        try {
            read(new StringReader(payload), sink);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void read(Reader payload, Sink sink) throws IOException {
        BufferedReader reader = payload instanceof BufferedReader b ? b : new BufferedReader(payload, 1 << 16);
        reader.mark(1 << 16);
        int first = firstNonWhitespace(reader);
        reader.reset();
        if (first < 0) {
            return;
        }
        if (first == '{') {
            readJsonLines(reader, sink);
        } else {
            readCsv(reader, sink);
        }
    }

    private static int firstNonWhitespace(BufferedReader reader) throws IOException {
        int c;
        int seen = 0;
        do {
            c = reader.read();
            seen++;
        } while (c >= 0 && Character.isWhitespace(c) && seen < (1 << 16) - 1);
        return c;
    }

    private static void readCsv(BufferedReader reader, Sink sink) throws IOException {
        try (CSVParser parser = CSV.parse(reader)) {
            Iterator<CSVRecord> records = parser.iterator();
            if (!records.hasNext()) {
                return;
            }
            CSVRecord header = records.next();
            Map<String, Integer> columns = new HashMap<>();
            for (int i = 0; i < header.size(); i++) {
                columns.put(header.get(i).trim(), i);
            }
            if (!columns.containsKey("rtype") || !(columns.containsKey("ts_event") || columns.containsKey("ts_recv"))) {
                throw new MalformedPayloadException("not a Databento CSV response: first line is '"
                        + abbreviate(String.join(",", header.values())) + "'");
            }
            long line = 1;
            while (true) {
                CSVRecord record;
                try {
                    if (!records.hasNext()) {
                        break;
                    }
                    record = records.next();
                } catch (IllegalStateException | java.io.UncheckedIOException e) {
                    sink.malformed(line + 1, "", "unreadable CSV after line " + line + ": " + e.getMessage());
                    break;
                }
                line++;
                String[] values = record.values();
                if (values.length != columns.size()) {
                    sink.malformed(line, CSV.format((Object[]) values),
                            "expected " + columns.size() + " fields, found " + values.length);
                } else {
                    // Databento quotes a CSV field only when needed, so formatting the fields again gives the line
                    sink.row(new DatabentoRow(line, columns, values, fields -> CSV.format((Object[]) fields)));
                }
            }
        }
    }

    private static void readJsonLines(BufferedReader reader, Sink sink) throws IOException {
        List<String> lastKeys = List.of();
        Map<String, Integer> columns = Map.of();
        long line = 0;
        String text;
        while ((text = reader.readLine()) != null) {
            line++;
            if (text.isBlank()) {
                continue;
            }
            JsonNode node;
            try {
                node = JSON.readTree(text);
            } catch (JsonProcessingException e) {
                sink.malformed(line, text, "not JSON: " + e.getOriginalMessage());
                continue;
            }
            if (node == null || !node.isObject()) {
                sink.malformed(line, text, "not a JSON object");
                continue;
            }
            if (!node.has("hd")) {
                if (line == 1 && node.has("detail")) {
                    throw new MalformedPayloadException("error response instead of data: " + abbreviate(text));
                }
                sink.malformed(line, text, "record without header object \"hd\"");
                continue;
            }
            List<String> keys = new ArrayList<>();
            List<String> values = new ArrayList<>();
            flatten(node.get("hd"), keys, values);
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (field.getKey().equals("hd")) {
                    continue;
                }
                if (field.getValue().isArray()) {
                    flattenLevels(field.getValue(), keys, values);
                } else {
                    keys.add(field.getKey());
                    values.add(text(field.getValue()));
                }
            }
            if (!keys.equals(lastKeys)) {
                lastKeys = keys;
                Map<String, Integer> index = new HashMap<>();
                for (int i = 0; i < keys.size(); i++) {
                    index.put(keys.get(i), i);
                }
                columns = index;
            }
            sink.row(new DatabentoRow(line, text, columns, values.toArray(String[]::new)));
        }
    }

    private static void flatten(JsonNode header, List<String> keys, List<String> values) {
        Iterator<Map.Entry<String, JsonNode>> fields = header.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            keys.add(field.getKey());
            values.add(text(field.getValue()));
        }
    }

    /**
     * Book levels: JSON nests them ({@code "levels":[{"bid_px":..}]}) where CSV names them {@code bid_px_00};
     * they get the CSV names, so one mapping serves both encodings.
     */
    private static void flattenLevels(JsonNode levels, List<String> keys, List<String> values) {
        for (int level = 0; level < levels.size(); level++) {
            Iterator<Map.Entry<String, JsonNode>> fields = levels.get(level).fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                keys.add(String.format("%s_%02d", field.getKey(), level));
                values.add(text(field.getValue()));
            }
        }
    }

    private static String text(JsonNode value) {
        return value == null || value.isNull() ? null : value.asText();
    }

    private static String abbreviate(String text) {
        String oneLine = text.replaceAll("\\s+", " ");
        return oneLine.length() <= 120 ? oneLine : oneLine.substring(0, 120) + "...";
    }
}
