package io.marketlake.databento;

import java.time.Instant;

/**
 * An instrument definition (Databento schema definition) as far as the chain needs it. {@code instrumentClass}
 * is Databento's: C call, P put, F future, S future spread, T option spread, M mixed spread.
 */
public record InstrumentDefinition(long instrumentId, String symbol, char instrumentClass, Double strike,
        Instant expiration, String underlying, long underlyingId, Instant tsRecv, String raw) {

    public boolean isOption() {
        return instrumentClass == 'C' || instrumentClass == 'P';
    }

    public boolean isFuture() {
        return instrumentClass == 'F';
    }
}
