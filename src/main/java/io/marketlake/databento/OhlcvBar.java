package io.marketlake.databento;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * One OHLCV bar as Databento sends it: stamped at the bar's open ({@code tsEvent}), prices in units (already
 * scaled from 1e-9 fixed point), null where Databento marked a price undefined.
 *
 * @param raw the record as received, kept for the dead-letter area
 */
public record OhlcvBar(
        Instant tsEvent,
        int rtype,
        int publisherId,
        long instrumentId,
        String symbol,
        ContractType contractType,
        Double open,
        Double high,
        Double low,
        Double close,
        long volume,
        String raw) {

    /** ohlcv-1d bars cover one UTC calendar day, so the bar's trading date is its open's UTC date. */
    public LocalDate tradingDate() {
        return LocalDate.ofInstant(tsEvent, ZoneOffset.UTC);
    }

    /** Everything the bar says, without its text as received: two bars with equal values are the same bar. */
    public java.util.List<Object> values() {
        return java.util.Arrays.asList(tsEvent, rtype, publisherId, instrumentId, symbol, open, high, low, close, volume);
    }

    /** How this bar is named in messages: instrument id, symbol and bar time. */
    public String describe() {
        return "instrument " + instrumentId + (symbol == null ? "" : " " + symbol) + " at " + tsEvent;
    }
}
