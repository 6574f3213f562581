package io.marketlake.slices;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * A slice run config (JSON) with exactly these keys: run_id (optional: derived from the inputs), alerts,
 * data_type, market, interval, window, compression (zstd | snappy | none, default zstd), strict_coverage
 * (default false), min_required_pre (default N of the window), target_total (default N + M + 1).
 */
public record SliceConfig(String runId, Path alerts, String dataType, String market, Interval interval,
        Window window, String compression, boolean strictCoverage, int minRequiredPre, int targetTotal) {

    private static final Set<String> KEYS = Set.of("run_id", "alerts", "data_type", "market", "interval", "window",
            "compression", "strict_coverage", "min_required_pre", "target_total");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]+");
    private static final int MAX_NAME = 128;

    /**
     * Parses and validates a config; every problem is listed in one error. Relative paths are against
     * {@code base}; the market must be one of {@code markets} and the data type one of {@code dataTypes}.
     */
    public static SliceConfig parse(String json, Path base, Collection<String> markets, Collection<String> dataTypes) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (Exception e) {
            throw new SliceConfigException(List.of("not JSON: " + e.getMessage().lines().findFirst().orElse("")));
        }
        if (root == null || !root.isObject()) {
            throw new SliceConfigException(List.of("a run config is a JSON object"));
        }
        List<String> problems = new ArrayList<>();
        Iterator<String> names = root.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!KEYS.contains(name)) {
                problems.add("unknown key '" + name + "' (keys: " + String.join(", ", KEYS.stream().sorted().toList()) + ")");
            }
        }
        String runId = name(root, "run_id", false, problems);
        String alerts = text(root, "alerts", true, problems);
        String dataType = name(root, "data_type", true, problems);
        if (dataType != null && !dataTypes.contains(dataType)) {
            problems.add("unknown data_type " + shown(dataType) + ": the lake has no such table and no data_type="
                    + dataType + " directory (data types: " + sorted(dataTypes) + ")");
        }
        String market = name(root, "market", true, problems);
        if (market != null && !markets.contains(market)) {
            problems.add("unknown market " + shown(market) + "; configured markets: " + sorted(markets));
        }
        Interval interval = null;
        String intervalText = text(root, "interval", true, problems);
        if (intervalText != null) {
            try {
                interval = Interval.parse(intervalText);
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        Window window = null;
        String windowText = text(root, "window", true, problems);
        if (windowText != null) {
            try {
                window = Window.parse(windowText);
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        String compression = text(root, "compression", false, problems);
        compression = compression == null ? "zstd" : compression.toLowerCase(Locale.ROOT);
        if (!List.of("zstd", "snappy", "none").contains(compression)) {
            problems.add("compression must be zstd, snappy or none, not '" + compression + "'");
        }
        boolean strict = false;
        if (root.has("strict_coverage")) {
            if (!root.get("strict_coverage").isBoolean()) {
                problems.add("strict_coverage must be true or false");
            } else {
                strict = root.get("strict_coverage").booleanValue();
            }
        }
        Integer minPre = integer(root, "min_required_pre", problems);
        Integer target = integer(root, "target_total", problems);
        if (window != null) {
            minPre = minPre == null ? window.pre() : minPre;
            target = target == null ? window.size() : target;
            if (minPre > window.pre()) {
                problems.add("min_required_pre " + minPre + " is more than the window's " + window.pre() + " candles before");
            }
            if (target > window.size()) {
                problems.add("target_total " + target + " is more than the window's " + window.size() + " candles");
            }
        }
        if (!problems.isEmpty()) {
            throw new SliceConfigException(problems);
        }
        Path alertsPath = Path.of(alerts);
        return new SliceConfig(runId, alertsPath.isAbsolute() ? alertsPath : base.resolve(alertsPath).normalize(),
                dataType, market, interval, window, compression, strict, minPre, target);
    }

    public CompressionCodecName codec() {
        return switch (compression) {
            case "snappy" -> CompressionCodecName.SNAPPY;
            case "none" -> CompressionCodecName.UNCOMPRESSED;
            default -> CompressionCodecName.ZSTD;
        };
    }

    /** The slice spec as the manifest records it, defaults resolved (the alerts file is recorded with its hash). */
    public ObjectNode spec() {
        ObjectNode spec = JSON.createObjectNode();
        spec.put("data_type", dataType);
        spec.put("market", market);
        spec.put("interval", interval.text());
        spec.put("window", window.text());
        spec.put("compression", compression);
        spec.put("strict_coverage", strictCoverage);
        spec.put("min_required_pre", minRequiredPre);
        spec.put("target_total", targetTotal);
        return spec;
    }

    private static String text(JsonNode root, String key, boolean required, List<String> problems) {
        JsonNode node = root.get(key);
        if (node == null || node.isNull()) {
            if (required) {
                problems.add("'" + key + "' is required");
            }
            return null;
        }
        if (!node.isTextual() || node.asText().isBlank()) {
            problems.add("'" + key + "' must be a non-empty string");
            return null;
        }
        return node.asText().trim();
    }

    /**
     * A value that becomes a directory name (run_id=, data_type=, market=): it is taken as given, never
     * trimmed, so that no separator, parent reference, escape or control character can place a file outside
     * the runs directory or hide it there.
     */
    private static String name(JsonNode root, String key, boolean required, List<String> problems) {
        JsonNode node = root.get(key);
        if (node == null || node.isNull()) {
            if (required) {
                problems.add("'" + key + "' is required");
            }
            return null;
        }
        if (!node.isTextual()) {
            problems.add("'" + key + "' must be a string");
            return null;
        }
        String value = node.textValue();
        String problem = value.isEmpty() ? "must not be empty"
                : value.length() > MAX_NAME ? "is longer than " + MAX_NAME + " characters"
                : !NAME.matcher(value).matches() ? "may hold only letters, digits, '.', '_' and '-'"
                : value.startsWith(".") ? "must not start with '.'"
                : null;
        if (problem != null) {
            problems.add(key + " " + (value.isEmpty() ? "" : shown(value) + " ") + problem);
            return null;
        }
        return value;
    }

    /** A value as a message shows it: quoted, control characters escaped, a long one cut, so the message stays one line. */
    private static String shown(String value) {
        String cut = value.length() > 40 ? value.substring(0, 40) + "..." : value;
        return TextNode.valueOf(cut).toString();
    }

    private static String sorted(Collection<String> values) {
        return String.join(", ", values.stream().sorted().toList());
    }

    private static Integer integer(JsonNode root, String key, List<String> problems) {
        JsonNode node = root.get(key);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.canConvertToInt() || !node.isIntegralNumber() || node.intValue() < 0) {
            problems.add("'" + key + "' must be a whole number >= 0");
            return null;
        }
        return node.intValue();
    }
}
