package io.marketlake.futures;

import io.marketlake.databento.ContractType;
import io.marketlake.databento.OhlcvBar;
import io.marketlake.ingest.Batch;
import io.marketlake.ingest.IngestProperties;
import io.marketlake.ingest.Rejection;
import java.time.LocalDate;
import java.util.List;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;

/**
 * SPEC §5 rules for daily futures bars. Calendar spreads and strategies legitimately trade at zero or negative
 * prices, so only outrights must be positive; every other rule applies to all instruments.
 */
public final class FuturesValidator {

    /**
     * The rules of every bar, then the response's own: a bar of another date than the one asked for is refused (as
     * the newest batch of its own date it would hide that date's real data), and a bar appears once.
     */
    public Batch<OhlcvBar> validate(@Body Batch<OhlcvBar> batch,
            @ExchangeProperty(IngestProperties.DATE) String requestedDate) {
        LocalDate requested = LocalDate.parse(requestedDate);
        return batch.validate(bar -> bar.tradingDate().equals(requested) ? check(bar)
                        : reject(bar, "outside_requested_range", "trading date " + bar.tradingDate()
                                + " is not the date asked for, " + requested))
                .distinct(bar -> List.of(bar.instrumentId(), bar.tsEvent()), OhlcvBar::values, OhlcvBar::raw,
                        OhlcvBar::describe);
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
