package io.marketlake.lake;

import java.time.LocalDate;
import java.util.Comparator;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;

/**
 * How one kind of record is stored in the lake: its data_type, its columns and the trading date that decides
 * its partition and its version (a re-ingested trading date supersedes the earlier batch for that date).
 */
public interface LakeTable<T> {

    String dataType();

    /** The record's own columns; {@link LakeColumns} adds trading_date, batch_id and ingested_at. */
    Schema schema();

    LocalDate tradingDate(T row);

    /** Order of rows within a trading date in a file, so the same batch always makes the same file. */
    Comparator<T> order();

    /** Sets the table's own columns of {@code record} from {@code row}. */
    void fill(T row, GenericData.Record record);
}
