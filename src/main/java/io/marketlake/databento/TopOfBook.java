package io.marketlake.databento;

import java.time.Instant;
import java.util.Objects;

/**
 * The best bid and offer of an instrument after one book update; prices null when a side is empty. Values are held
 * as Databento sends them (fixed-point prices, nanosecond times) and turned into prices and instants when read, so
 * a quotes response of millions of updates makes one object per update and nothing more. The record's text is made
 * only if it is ever rejected.
 */
public abstract sealed class TopOfBook permits TopOfBook.FromText, DbnTopOfBook {

    private final long instrumentId;
    private final long tsRecv;
    private final long bid;
    private final long ask;
    private final long bidSize;
    private final long askSize;

    /**
     * The one place a book update is made from its typed values, for text and binary records alike.
     *
     * @param tsRecv u64 nanoseconds; an update without ts_recv is unreadable
     * @param bid    fixed-point (1e-9), {@link DatabentoValues#UNDEFINED_PRICE} when the side is empty
     */
    TopOfBook(long instrumentId, long tsRecv, long bid, long ask, long bidSize, long askSize) {
        if (DatabentoValues.isUndefinedTimestamp(tsRecv)) {
            throw new IllegalArgumentException("undefined ts_recv");
        }
        DatabentoValues.checkTimestamp(tsRecv);
        this.instrumentId = instrumentId;
        this.tsRecv = tsRecv;
        this.bid = bid;
        this.ask = ask;
        this.bidSize = bidSize;
        this.askSize = askSize;
    }

    public long instrumentId() {
        return instrumentId;
    }

    public Instant tsRecv() {
        return DatabentoValues.timestamp(tsRecv);
    }

    /** ts_recv as u64 nanoseconds since the epoch, for a consumer that compares millions of them. */
    public long tsRecvNanos() {
        return tsRecv;
    }

    public Double bid() {
        return DatabentoValues.price(bid);
    }

    public Double ask() {
        return DatabentoValues.price(ask);
    }

    /** The bid as Databento's fixed-point integer (1e-9 units), {@link DatabentoValues#UNDEFINED_PRICE} if none. */
    long fixedBid() {
        return bid;
    }

    long fixedAsk() {
        return ask;
    }

    public long bidSize() {
        return bidSize;
    }

    public long askSize() {
        return askSize;
    }

    /** The record as received, or as Databento's raw CSV gives a binary one: for the dead-letter area. */
    public abstract String raw();

    public boolean twoSided() {
        return bid != DatabentoValues.UNDEFINED_PRICE && ask != DatabentoValues.UNDEFINED_PRICE && bid > 0 && ask > 0;
    }

    public boolean crossed() {
        return twoSided() && ask < bid;
    }

    /** Mid of a two-sided, uncrossed book; null otherwise. */
    public Double mid() {
        return twoSided() && !crossed() ? (bid() + ask()) / 2 : null;
    }

    /** Everything the update says, without its text: two updates with equal values are the same update. */
    public java.util.List<Object> values() {
        return java.util.Arrays.asList(instrumentId, tsRecv(), bid(), ask(), bidSize, askSize);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TopOfBook book && instrumentId == book.instrumentId && tsRecv == book.tsRecv
                && bid == book.bid && ask == book.ask && bidSize == book.bidSize && askSize == book.askSize;
    }

    @Override
    public int hashCode() {
        return Objects.hash(instrumentId, tsRecv, bid, ask, bidSize, askSize);
    }

    @Override
    public String toString() {
        return "TopOfBook[instrumentId=" + instrumentId + ", tsRecv=" + tsRecv() + ", bid=" + bid() + ", ask=" + ask()
                + ", bidSize=" + bidSize + ", askSize=" + askSize + "]";
    }

    /** An update read from CSV or JSON: its row is kept to give its text only if it is ever rejected. */
    static final class FromText extends TopOfBook {
        private final DatabentoRow row;

        FromText(long instrumentId, long tsRecv, long bid, long ask, long bidSize, long askSize, DatabentoRow row) {
            super(instrumentId, tsRecv, bid, ask, bidSize, askSize);
            this.row = row;
        }

        @Override
        public String raw() {
            return row.raw();
        }
    }
}
