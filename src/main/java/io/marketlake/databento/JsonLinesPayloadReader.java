package io.marketlake.databento;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The JSON-lines half of {@link DatabentoPayloadReader}: one object per line, header fields under {@code "hd"}.
 * The first line decides whether the payload is Databento data at all, as the header row does for CSV.
 */
final class JsonLinesPayloadReader {

    /** Databento records nest two levels (hd, levels); deeper is not a Databento record. */
    private static final int MAX_DEPTH = 32;

    private static final ObjectMapper JSON = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(MAX_DEPTH).maxStringLength(DatabentoPayloadReader.MAX_FIELD).build())
                    .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private final PayloadText text;
    private final DatabentoPayloadReader.Sink sink;
    private List<String> lastKeys = List.of();
    private Map<String, Integer> columns = Map.of();

    private JsonLinesPayloadReader(PayloadText text, DatabentoPayloadReader.Sink sink) {
        this.text = text;
        this.sink = sink;
    }

    static void read(PayloadText text, long linesBefore, DatabentoPayloadReader.Sink sink) throws IOException {
        new JsonLinesPayloadReader(text, sink).read(linesBefore);
    }

    private void read(long linesBefore) throws IOException {
        long line = linesBefore;
        boolean first = true;
        while (true) {
            long start = text.position();
            text.keepFrom(start);
            if (text.peek() < 0) {
                return;
            }
            line++;
            long end;
            try {
                end = text.lineEnd(start);
            } catch (PayloadText.TooLong e) {
                end = -1;
            }
            if (end < 0 || end - start > DatabentoPayloadReader.MAX_RECORD) {
                String preview = DatabentoPayloadReader.truncate(text.text(start,
                        start + DatabentoPayloadReader.PREVIEW + 1));
                if (first) {
                    throw notDatabento(preview, "too long");
                }
                sink.malformed(line, preview, "record longer than the limit of " + DatabentoPayloadReader.MAX_RECORD
                        + " characters");
                text.skipLines(end < 0 ? text.heldUntil() : end, 1);
                continue;
            }
            String record = text.text(start, end);
            text.skipTerminator(end);
            if (!record.isBlank()) {
                record(line, record, first);
                first = false;
            }
        }
    }

    private void record(long line, String record, boolean first) {
        JsonNode node = null;
        String problem;
        try {
            node = JSON.readTree(record);
            problem = node == null || !node.isObject() ? "not a JSON object"
                    : node.has("hd") ? null : "record without header object \"hd\"";
        } catch (StreamConstraintsException e) {
            if (first) {
                throw notDatabento(record, e.getOriginalMessage());
            }
            sink.malformed(line, DatabentoPayloadReader.truncate(record), "too large for a Databento record: "
                    + e.getOriginalMessage());
            return;
        } catch (JsonProcessingException e) {
            problem = "not JSON: " + e.getOriginalMessage();
        }
        if (problem != null) {
            if (first && node != null && node.has("detail")) {
                throw new MalformedPayloadException("error response instead of data: "
                        + DatabentoPayloadReader.abbreviate(record));
            }
            if (first) {
                throw notDatabento(record, problem);
            }
            sink.malformed(line, record, problem);
            return;
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
        sink.row(new DatabentoRow(line, columns, values.toArray(String[]::new), record));
    }

    private static MalformedPayloadException notDatabento(String firstLine, String problem) {
        return new MalformedPayloadException("not a Databento JSON response: first line is '"
                + DatabentoPayloadReader.abbreviate(firstLine) + "' (" + problem + ")");
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

}
