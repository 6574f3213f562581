package io.marketlake.databento;

import java.time.Instant;

/**
 * An instrument definition (Databento schema definition) as far as the chain needs it. {@code instrumentClass}
 * is Databento's: C call, P put, F future, S future spread, T option spread, M mixed spread.
 */
public record InstrumentDefinition(long instrumentId, String symbol, char instrumentClass, Double strike,
        Instant expiration, String underlying, long underlyingId, Instant tsRecv, RecordText rawText) {

    public InstrumentDefinition(long instrumentId, String symbol, char instrumentClass, Double strike,
            Instant expiration, String underlying, long underlyingId, Instant tsRecv, String raw) {
        this(instrumentId, symbol, instrumentClass, strike, expiration, underlying, underlyingId, tsRecv,
                RecordText.of(raw));
    }

    /**
     * The one place a definition is made from its typed values, for text and binary records alike: Databento's
     * empty instrument class is '?', a blank underlying is none, and a definition without ts_recv is unreadable.
     */
    static InstrumentDefinition of(long instrumentId, String rawSymbol, String instrumentClass, Double strike,
            Instant expiration, String underlying, long underlyingId, Instant tsRecv, RecordText raw) {
        return new InstrumentDefinition(instrumentId, rawSymbol,
                instrumentClass == null || instrumentClass.isEmpty() ? '?' : instrumentClass.charAt(0), strike,
                expiration, underlying == null || underlying.isBlank() ? null : underlying, underlyingId,
                SchemaRecords.required(tsRecv, "ts_recv"), raw);
    }

    /** The definition as received, for the dead-letter area; made now if it came from a binary response. */
    public String raw() {
        return rawText.text();
    }

    public boolean isOption() {
        return instrumentClass == 'C' || instrumentClass == 'P';
    }

    public boolean isFuture() {
        return instrumentClass == 'F';
    }
}
