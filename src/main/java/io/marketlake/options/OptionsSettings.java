package io.marketlake.options;

import io.marketlake.Market;
import io.marketlake.ops.MarketSchedules;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;

/**
 * How a chain snapshot is taken: each market's snapshot time (exchange local, from {@link MarketSchedules}), the
 * windows before it that the requests cover, the quote schema, the risk-free rate of Black-76 and the liquidity
 * thresholds of the features.
 */
public record OptionsSettings(MarketSchedules schedules, Duration quoteLookback, Duration statisticsLookback,
        String quoteSchema, double riskFreeRate, long minOpenInterest, double maxSpreadOfMid, int minLiquidStrikes) {

    /** The snapshot instant of a trading date: the market's snapshot time in its exchange time zone. */
    public Instant snapshot(Market market, LocalDate date) {
        return date.atTime(schedules.snapshotTime(market.code())).atZone(market.timeZone()).toInstant();
    }
}
