package io.marketlake.futures;

import io.marketlake.databento.ContractType;
import io.marketlake.databento.OhlcvBar;
import io.marketlake.ingest.Batch;
import io.marketlake.ingest.IngestProperties;
import io.marketlake.ingest.Rejection;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;

/**
 * SPEC §5 rules for futures bars, daily and intraday. Calendar spreads and strategies legitimately trade at zero or negative
 * prices, so only outrights must be positive; every other rule applies to all instruments.
 */
public final class FuturesValidator {

    /**
     * The rules of every bar, then the response's own: a bar of another date than the one asked for is refused (as
     * the newest batch of its own date it would hide that date's real data), a bar of another schema than the one
     * asked for or off its schema's grid is refused (it would be taken for a bar of another length), and a bar
     * appears once.
     */
    public Batch<OhlcvBar> validate(@Body Batch<OhlcvBar> batch,
            @ExchangeProperty(IngestProperties.DATE) String requestedDate,
            @ExchangeProperty(IngestProperties.SCHEMA) String schema) {
        LocalDate requested = LocalDate.parse(requestedDate);
        BarSchema bars = BarSchema.of(schema);
        return distinct(batch.validate(bar -> check(bar, requested, bars)));
    }

    /** Every rule of one bar of a response for {@code requested} in {@code bars}: its rejection, or null. */
    static Rejection check(OhlcvBar bar, LocalDate requested, BarSchema bars) {
        if (!bar.tradingDate().equals(requested)) {
            return reject(bar, "outside_requested_range", "trading date " + bar.tradingDate()
                    + " is not the date asked for, " + requested);
        }
        if (bar.rtype() != bars.rtype()) {
            return reject(bar, "wrong_schema", "rtype " + bar.rtype() + " is not " + bars.schema()
                    + "'s (" + bars.rtype() + ")");
        }
        if (!onGrid(bar.tsEvent(), bars)) {
            return reject(bar, "off_bar_boundary", "a " + bars.schema() + " bar opens on a "
                    + bars.length() + " boundary");
        }
        return check(bar);
    }

    /** A bar appears once per instrument and bar time (Batch#distinct). */
    static Batch<OhlcvBar> distinct(Batch<OhlcvBar> batch) {
        return batch.distinct(bar -> List.of(bar.instrumentId(), bar.tsEvent()), OhlcvBar::values, OhlcvBar::raw,
                OhlcvBar::describe);
    }

    private static boolean onGrid(Instant open, BarSchema bars) {
        long nanos = bars.length().toNanos();
        return Math.floorMod(open.getEpochSecond(), nanos / 1_000_000_000L) == 0 && open.getNano() == 0;
    }

    static Rejection check(OhlcvBar bar) {
        if (bar.open() == null || bar.high() == null || bar.low() == null || bar.close() == null) {
            return reject(bar, "undefined_price", "open, high, low and close must all be defined (open="
                    + bar.open() + " high=" + bar.high() + " low=" + bar.low() + " close=" + bar.close() + ")");
        }
        if (bar.volume() < 0) {
            return reject(bar, "negative_volume", "volume " + bar.volume() + " < 0");
        }
        if (bar.high() < bar.low()) {
            return reject(bar, "high_below_low", "high " + bar.high() + " < low " + bar.low());
        }
        if (bar.open() < bar.low() || bar.open() > bar.high()) {
            return reject(bar, "open_outside_range",
                    "open " + bar.open() + " outside [low " + bar.low() + ", high " + bar.high() + "]");
        }
        if (bar.close() < bar.low() || bar.close() > bar.high()) {
            return reject(bar, "close_outside_range",
                    "close " + bar.close() + " outside [low " + bar.low() + ", high " + bar.high() + "]");
        }
        if (bar.contractType() == ContractType.OUTRIGHT && bar.low() <= 0) {
            return reject(bar, "non_positive_price", "outright with low " + bar.low() + " <= 0");
        }
        return null;
    }

    private static Rejection reject(OhlcvBar bar, String rule, String detail) {
        return new Rejection(bar.raw(), rule, bar.describe() + ": " + detail);
    }
}
