package io.marketlake.lake;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
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
    /** Held rows by trading date (epoch day), each day's in the order they came; null when streamed. */
    private final SortedMap<Long, List<T>> days;
    /** Streamed rows, all of {@link #writingDay}; null when held. */
    private final Consumer<Consumer<T>> streamed;
    private final String description;
    /**
     * The trading date of the rows being pushed by {@link #forEach}: known from their day, so a row's date is not
     * worked out again for its column (rows are pushed a day at a time, on the thread that writes the file).
     */
    private long writingDay;

    private LakeRecords(LakeTable<T> table, String batchId, long ingestedAtMicros, long size,
            SortedMap<Long, List<T>> days, Consumer<Consumer<T>> streamed, long streamedDay, String description) {
        this.table = table;
        this.batchId = batchId;
        this.ingestedAtMicros = ingestedAtMicros;
        this.size = size;
        this.days = days;
        this.streamed = streamed;
        this.writingDay = streamedDay;
        this.description = description;
    }

    /**
     * Rows held in memory by trading date (epoch day), each day's in no particular order: they are written day by
     * day, each day's rows in the table's order, so the same batch always makes the same file. The sort happens
     * when the file is written (on the thread that writes it), not when it is planned.
     */
    static <T> LakeRecords<T> held(LakeTable<T> table, String batchId, long ingestedAtMicros,
            SortedMap<Long, List<T>> days) {
        long size = 0;
        for (List<T> day : days.values()) {
            size += day.size();
        }
        if (size == 0) {
            throw new IllegalArgumentException("a lake file has at least one record");
        }
        return new LakeRecords<>(table, batchId, ingestedAtMicros, size, days, null, 0, size + " records");
    }

    /**
     * Rows of one trading date (epoch day) pushed again from where they wait each time the file is written, in the
     * order they come; {@code rows} checks each is of that date.
     */
    static <T> LakeRecords<T> streamed(LakeTable<T> table, String batchId, long ingestedAtMicros, long epochDay,
            long size, Consumer<Consumer<T>> rows) {
        return new LakeRecords<>(table, batchId, ingestedAtMicros, size, null, rows, epochDay,
                size + " streamed records");
    }

    public long size() {
        return size;
    }

    /** The Avro schema the stored records have (what readers get back). */
    public Schema schema() {
        return LakeColumns.stored(table);
    }

    /**
     * Each stored column's value of a row, in the stored schema's order: trading date, the table's, batch columns.
     * Valid for the rows {@link #forEach} is pushing (the trading date is theirs).
     */
    List<Function<? super T, Object>> storedValues() {
        List<Function<? super T, Object>> values = new ArrayList<>();
        values.add((ColumnarParquetWriter.LongValue<T>) row -> writingDay);
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
        if (days == null) {
            streamed.accept(each);
            return;
        }
        Comparator<T> order = table.order();
        for (Map.Entry<Long, List<T>> day : days.entrySet()) {
            // sorted where they are held: a second write (a retry) finds them in order already
            day.getValue().sort(order);
            writingDay = day.getKey();
            day.getValue().forEach(each);
        }
    }

    @Override
    public String toString() {
        return description;
    }
}
