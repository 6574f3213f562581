package io.marketlake.databento;

import java.util.Map;

/**
 * One record of a Databento CSV or JSON payload, by column name, with values as text and the original line kept
 * for the dead-letter area. JSON header fields (under {@code "hd"}) appear as ordinary columns.
 */
public final class DatabentoRow {

    private final long line;
    private final Map<String, Integer> columns;
    private final String[] values;
    private String raw;

    /**
     * @param raw the record's text as received, or null for a CSV record with no field quoted, whose text is its
     *     values joined by commas: that text is then made only if asked for (rejections), not for each of the
     *     millions of rows of a quotes response
     */
    DatabentoRow(long line, Map<String, Integer> columns, String[] values, String raw) {
        this.line = line;
        this.columns = columns;
        this.values = values;
        this.raw = raw;
    }

    /** Line number in the payload, 1-based, the CSV header being line 1. */
    public long line() {
        return line;
    }

    /** The record exactly as received, without its line terminator; valid at any time, also after reading. */
    public String raw() {
        if (raw == null) {
            raw = String.join(",", values);
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
