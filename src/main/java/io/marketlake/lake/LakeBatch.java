package io.marketlake.lake;

import org.apache.parquet.io.api.Binary;

/**
 * Rows of a lake file, column by column (one row group, the columns asked for): what a scan gives a reader that
 * wants values rather than records. Only the {@link #selected} rows are answers (the newest batch of their trading
 * date, within the dates asked for).
 */
public final class LakeBatch {

    private final ColumnRecords.DecodedGroup group;
    private final boolean[] selected;

    LakeBatch(ColumnRecords.DecodedGroup group, boolean[] selected) {
        this.group = group;
        this.selected = selected;
    }

    public int rows() {
        return group.rows();
    }

    public boolean selected(int row) {
        return selected[row];
    }

    /** The position of a column of this batch, for the accessors; -1 when the file has no such column. */
    public int column(String name) {
        String[] names = group.names();
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    public boolean isEmpty(int column, int row) {
        boolean[] empty = group.empty()[column];
        return empty != null && empty[row];
    }

    /** An INT64 or INT32 column's value (a timestamp's microseconds, a date's epoch day). */
    public long longValue(int column, int row) {
        Object values = group.columns()[column];
        return values instanceof long[] longs ? longs[row] : ((int[]) values)[row];
    }

    public double doubleValue(int column, int row) {
        return ((double[]) group.columns()[column])[row];
    }

    /** A string column's value; a dictionary's value is one Binary for all its rows, so {@link #sameString} is cheap. */
    public String string(int column, int row) {
        Object value = ((Object[]) group.columns()[column])[row];
        return value == null ? null : ((Binary) value).toStringUsingUTF8();
    }

    /** Whether a string column holds the very same value at both rows (as its dictionary gives it). */
    public boolean sameString(int column, int row, int other) {
        Object[] values = (Object[]) group.columns()[column];
        Object a = values[row];
        Object b = values[other];
        return a == b || a != null && b != null && a.equals(b);
    }
}
