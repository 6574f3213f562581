package io.marketlake.lake;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.avro.Schema;

/**
 * The rows of one lake file and what every stored record adds to them (trading date, batch id, ingestion time):
 * held in memory, or streamed from where they wait (a landed response) as the file is written, so a file of
 * millions of rows never sits in memory. Rows go straight into Parquet's columns ({@link ColumnarParquetWriter}),
 * with no record object per row. Equality is identity: a route that hashes its body must not walk every row.
 *
 * @param <T> the table's row
 */
public final class LakeRecords<T> {

    private final LakeTable<T> table;
    private final String batchId;
    private final long ingestedAtMicros;
    private final long size;
    private final Consumer<Consumer<T>> rows;
    private final String description;

    private LakeRecords(LakeTable<T> table, String batchId, long ingestedAtMicros, long size,
            Consumer<Consumer<T>> rows, String description) {
        this.table = table;
        this.batchId = batchId;
        this.ingestedAtMicros = ingestedAtMicros;
        this.size = size;
        this.rows = rows;
        this.description = description;
    }

    /**
     * Rows held in memory, in no particular order: they are written ordered by trading date then the table's order,
     * so the same batch always makes the same file. The sort happens when the file is written (on the thread that
     * writes it), not when it is planned.
     */
    static <T> LakeRecords<T> held(LakeTable<T> table, String batchId, long ingestedAtMicros, List<T> rows) {
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("a lake file has at least one record");
        }
        Consumer<Consumer<T>> sorted = each -> inFileOrder(table, rows).forEach(each);
        return new LakeRecords<>(table, batchId, ingestedAtMicros, rows.size(), sorted, rows.size() + " records");
    }

    /** Rows pushed again from where they wait each time the file is written, in the order they come. */
    static <T> LakeRecords<T> streamed(LakeTable<T> table, String batchId, long ingestedAtMicros, long size,
            Consumer<Consumer<T>> rows) {
        return new LakeRecords<>(table, batchId, ingestedAtMicros, size, rows, size + " streamed records");
    }

    public long size() {
        return size;
    }

    /** The Avro schema the stored records have (what readers get back). */
    public Schema schema() {
        return LakeColumns.stored(table);
    }

    /** Each stored column's value of a row, in the stored schema's order: trading date, the table's, batch columns. */
    List<Function<? super T, Object>> storedValues() {
        List<Function<? super T, Object>> values = new ArrayList<>();
        values.add((ColumnarParquetWriter.LongValue<T>) row -> Math.toIntExact(table.epochDay(row)));
        for (LakeColumn<T> column : table.columns()) {
            values.add(column.storedValue());
        }
        values.add(row -> batchId);
        long ingestedAt = ingestedAtMicros;
        values.add((ColumnarParquetWriter.LongValue<T>) row -> ingestedAt);
        return values;
    }

    /** Each row in file order; a streamed source reads its input again for every call. */
    public void forEach(Consumer<T> each) {
        rows.accept(each);
    }

    @Override
    public String toString() {
        return description;
    }

    /**
     * The rows by trading date, then the table's order: bucketed by day first (a counting pass; the rows of a file
     * are one month's), so the comparator only orders the rows of one day.
     */
    private static <T> List<T> inFileOrder(LakeTable<T> table, List<T> rows) {
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        long[] days = new long[rows.size()];
        for (int i = 0; i < days.length; i++) {
            days[i] = table.epochDay(rows.get(i));
            first = Math.min(first, days[i]);
            last = Math.max(last, days[i]);
        }
        List<List<T>> byDay = new ArrayList<>();
        for (long day = first; day <= last; day++) {
            byDay.add(new ArrayList<>());
        }
        for (int i = 0; i < days.length; i++) {
            byDay.get((int) (days[i] - first)).add(rows.get(i));
        }
        List<T> ordered = new ArrayList<>(rows.size());
        Comparator<T> order = table.order();
        for (List<T> day : byDay) {
            day.sort(order);
            ordered.addAll(day);
        }
        return ordered;
    }
}
