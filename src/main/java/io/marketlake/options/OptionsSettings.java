package io.marketlake.options;

import io.marketlake.Market;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;

/**
 * How a chain snapshot is taken: the snapshot time (exchange local), the windows before it that the requests
 * cover, the quote schema, the risk-free rate of Black-76 and the liquidity thresholds of the features.
 */
public record OptionsSettings(LocalTime snapshotTime, Duration quoteLookback, Duration statisticsLookback,
        String quoteSchema, double riskFreeRate, long minOpenInterest, double maxSpreadOfMid, int minLiquidStrikes) {

    /** The snapshot instant of a trading date, in the market's exchange time zone. */
    public Instant snapshot(Market market, LocalDate date) {
        return date.atTime(snapshotTime).atZone(market.timeZone()).toInstant();
    }
}
