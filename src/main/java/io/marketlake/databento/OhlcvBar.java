package io.marketlake.databento;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * One OHLCV bar as Databento sends it: stamped at the bar's open ({@code tsEvent}), prices in units (already
 * scaled from 1e-9 fixed point), null where Databento marked a price undefined.
 *
 * @param rawText the record as received (or as Databento's raw CSV gives a binary record), for the dead-letter area
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
        RecordText rawText) {

    /** A bar read from text, its line as received at hand. */
    public OhlcvBar(Instant tsEvent, int rtype, int publisherId, long instrumentId, String symbol,
            ContractType contractType, Double open, Double high, Double low, Double close, long volume, String raw) {
        this(tsEvent, rtype, publisherId, instrumentId, symbol, contractType, open, high, low, close, volume,
                RecordText.of(raw));
    }

    /** The record as received, for the dead-letter area; made now if the bar came from a binary response. */
    public String raw() {
        return rawText.text();
    }

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
