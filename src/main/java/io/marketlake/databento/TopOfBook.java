package io.marketlake.databento;

import java.time.Instant;

/**
 * The best bid and offer of an instrument after one book update; prices null when a side is empty. The record
 * it came from is kept to give its text only if it is ever rejected (formatting millions of lines costs).
 */
public record TopOfBook(long instrumentId, Instant tsRecv, Double bid, Double ask, long bidSize, long askSize,
        DatabentoRow row) {

    public String raw() {
        return row.raw();
    }

    public boolean twoSided() {
        return bid != null && ask != null && bid > 0 && ask > 0;
    }

    public boolean crossed() {
        return twoSided() && ask < bid;
    }

    /** Mid of a two-sided, uncrossed book; null otherwise. */
    public Double mid() {
        return twoSided() && !crossed() ? (bid + ask) / 2 : null;
    }
}
