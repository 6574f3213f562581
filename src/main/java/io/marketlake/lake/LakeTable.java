package io.marketlake.lake;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import org.apache.avro.Schema;

/**
 * How one kind of record is stored in the lake: its data_type, its columns and the trading date that decides
 * its partition and its version (a re-ingested trading date supersedes the earlier batch for that date).
 * The columns are listed once; the schema and the filling of records both follow that list.
 */
public abstract class LakeTable<T> {

    private static final String NAMESPACE = "io.marketlake.lake";

    private final String dataType;
    private final List<LakeColumn<T>> columns;
    private final Schema schema;

    /**
     * @param recordName the Avro record name of the table's files
     * @param columns    the table's own columns in file order; {@link LakeColumns} adds trading_date, batch_id
     *                   and ingested_at
     */
    protected LakeTable(String dataType, String recordName, List<LakeColumn<T>> columns) {
        this.dataType = dataType;
        this.columns = List.copyOf(columns);
        this.schema = Schema.createRecord(recordName, null, NAMESPACE, false,
                this.columns.stream().map(LakeColumn::field).toList());
    }

    public final String dataType() {
        return dataType;
    }

    /** The record's own columns; {@link LakeColumns} adds trading_date, batch_id and ingested_at. */
    public final Schema schema() {
        return schema;
    }

    public abstract LocalDate tradingDate(T row);

    /** Order of rows within a trading date in a file, so the same batch always makes the same file. */
    public abstract Comparator<T> order();

    final List<LakeColumn<T>> columns() {
        return columns;
    }

    /** The day of {@code row}'s trading date since the epoch: a table may know it without making a date. */
    public long epochDay(T row) {
        return tradingDate(row).toEpochDay();
    }
}
