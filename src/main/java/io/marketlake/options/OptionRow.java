package io.marketlake.options;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;

/**
 * One option of a chain snapshot: its definition, the last top of book at or before the snapshot, the open
 * interest and settlement of the newest session published at or before it, the underlying futures price then,
 * and the implied volatility of the mid. {@code flags}: crossed, one_sided, no_quote, no_underlying, no_iv.
 */
public record OptionRow(
        LocalDate tradingDate,
        Instant snapshotAt,
        long instrumentId,
        String symbol,
        String underlying,
        long underlyingId,
        Instant expiration,
        boolean call,
        Double strike,
        Double bid,
        Double ask,
        Long bidSize,
        Long askSize,
        Instant quoteAt,
        Long openInterest,
        Double settlement,
        Double underlyingPrice,
        Double yearsToExpiry,
        Double impliedVol,
        Set<String> flags,
        String raw) {

    public static final String CROSSED = "crossed";

    public boolean crossed() {
        return flags.contains(CROSSED);
    }

    /** The same row with its implied volatility and the flags pricing it gave. */
    OptionRow priced(Double vol, Set<String> pricedFlags) {
        return new OptionRow(tradingDate, snapshotAt, instrumentId, symbol, underlying, underlyingId, expiration,
                call, strike, bid, ask, bidSize, askSize, quoteAt, openInterest, settlement, underlyingPrice,
                yearsToExpiry, vol, pricedFlags, raw);
    }

    public Double mid() {
        return bid != null && ask != null && bid > 0 && ask > 0 && ask >= bid ? (bid + ask) / 2 : null;
    }

    public String describe() {
        return "instrument " + instrumentId + (symbol == null ? "" : " " + symbol);
    }
}
