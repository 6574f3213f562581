package io.marketlake.databento;

import java.time.Instant;

/**
 * One record of the statistics schema. Its fields are read when asked for: a consumer that keeps two stat types
 * of the defined instruments never reads, nor rejects, the fields of the records it skips. A field that cannot be
 * read throws, and the reader rejects the record. The rules that turn values into fields live here, once, for
 * text and binary records alike; each kind of record only says how it holds its values.
 */
public abstract sealed class Statistic permits Statistic.FromText, DbnStatistic {

    public static final int SETTLEMENT = 3;
    public static final int OPEN_INTEREST = 9;
    private static final int UPDATE_DELETE = 2;

    Statistic() {
    }

    public abstract int statType();

    public abstract long instrumentId();

    public final Instant tsRecv() {
        return SchemaRecords.required(readTsRecv(), "ts_recv");
    }

    /** The session the statistic belongs to; null when undefined. */
    public abstract Instant tsRef();

    public final boolean deleted() {
        return updateAction() == UPDATE_DELETE;
    }

    public abstract Double price();

    /** Open interest and other quantities: i64 max means unset, and is never blanked even when pretty. */
    public abstract Long quantity();

    /** The record as received, or as Databento's raw CSV gives a binary one: for the dead-letter area. */
    public abstract String raw();

    abstract Instant readTsRecv();

    abstract long updateAction();

    /** A statistic read from CSV or JSON. */
    static final class FromText extends Statistic {
        private final DatabentoRow row;

        FromText(DatabentoRow row) {
            this.row = row;
        }

        @Override
        public int statType() {
            return DatabentoValues.int32(row.require("stat_type"));
        }

        @Override
        public long instrumentId() {
            return DatabentoValues.integer(row.require("instrument_id"));
        }

        @Override
        public Instant tsRef() {
            return DatabentoValues.timestamp(row.require("ts_ref"));
        }

        @Override
        public Double price() {
            return DatabentoValues.price(row.require("price"));
        }

        @Override
        public Long quantity() {
            String text = row.require("quantity");
            return text == null || text.isBlank() ? null : DatabentoValues.quantity(DatabentoValues.integer(text));
        }

        @Override
        public String raw() {
            return row.raw();
        }

        @Override
        Instant readTsRecv() {
            return DatabentoValues.timestamp(row.require("ts_recv"));
        }

        @Override
        long updateAction() {
            return DatabentoValues.integer(row.require("update_action"));
        }
    }
}
