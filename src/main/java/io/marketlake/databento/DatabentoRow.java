package io.marketlake.databento;

import java.util.Map;
import java.util.function.Function;

/**
 * One record of a Databento CSV or JSON payload, by column name, with values as text and the original line kept
 * for the dead-letter area. JSON header fields (under {@code "hd"}) appear as ordinary columns.
 */
public final class DatabentoRow {

    private final long line;
    private final Map<String, Integer> columns;
    private final String[] values;
    private final Function<String[], String> format;
    private String raw;

    DatabentoRow(long line, String raw, Map<String, Integer> columns, String[] values) {
        this(line, columns, values, null);
        this.raw = raw;
    }

    /** A row whose original text is rebuilt only when asked for (rejections), not for each of millions of rows. */
    DatabentoRow(long line, Map<String, Integer> columns, String[] values, Function<String[], String> format) {
        this.line = line;
        this.columns = columns;
        this.values = values;
        this.format = format;
    }

    /** Line number in the payload, 1-based, the CSV header being line 1. */
    public long line() {
        return line;
    }

    /** The record exactly as received. */
    public String raw() {
        if (raw == null) {
            raw = format.apply(values);
        }
        return raw;
    }

    public boolean has(String column) {
        return columns.containsKey(column);
    }

    /** The value as text; null when the column is absent or the value is JSON null. */
    public String get(String column) {
        Integer index = columns.get(column);
        return index == null || index >= values.length ? null : values[index];
    }

    /** The value as text, failing with the column's name when the column is absent. */
    public String require(String column) {
        if (!columns.containsKey(column)) {
            throw new IllegalArgumentException("missing field " + column);
        }
        return get(column);
    }
}
