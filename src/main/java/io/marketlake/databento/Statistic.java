package io.marketlake.databento;

import java.time.Instant;

/**
 * One record of the statistics schema. Its fields are read when asked for: a consumer that keeps two stat types
 * of the defined instruments never reads, nor rejects, the fields of the records it skips. A field that cannot be
 * read throws, and the reader rejects the record.
 */
public final class Statistic {

    public static final int SETTLEMENT = 3;
    public static final int OPEN_INTEREST = 9;
    private static final int UPDATE_DELETE = 2;

    private final DatabentoRow row;

    Statistic(DatabentoRow row) {
        this.row = row;
    }

    public int statType() {
        return DatabentoValues.int32(row.require("stat_type"));
    }

    public Instant tsRecv() {
        return SchemaRecords.required(DatabentoValues.timestamp(row.require("ts_recv")), "ts_recv");
    }

    public long instrumentId() {
        return DatabentoValues.integer(row.require("instrument_id"));
    }

    /** The session the statistic belongs to; null when undefined. */
    public Instant tsRef() {
        return DatabentoValues.timestamp(row.require("ts_ref"));
    }

    public boolean deleted() {
        return DatabentoValues.integer(row.require("update_action")) == UPDATE_DELETE;
    }

    public Double price() {
        return DatabentoValues.price(row.require("price"));
    }

    /** Open interest and other quantities: i64 max means unset, and is never blanked even when pretty. */
    public Long quantity() {
        String text = row.require("quantity");
        if (text == null || text.isBlank()) {
            return null;
        }
        long value = DatabentoValues.integer(text);
        return value == Long.MAX_VALUE ? null : value;
    }
}
