package io.marketlake.ops;

import io.marketlake.Market;
import io.marketlake.Markets;
import io.marketlake.ingest.Backfill;
import io.marketlake.ingest.BatchLedger;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What a scheduled trigger ingests. A daily bar covers a UTC day and ends at midnight UTC, which is the same evening
 * in Chicago: a trigger that evening (exchange time) asks for the exchange's today.
 */
public final class Schedule {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Schedule.class);

    /** One market and trading date to ingest. */
    public record Target(String market, String date) {
    }

    private final Markets markets;
    private final Clock clock;
    private final BatchLedger ledger;
    private final int catchUpDays;

    public Schedule(Markets markets, Clock clock, BatchLedger ledger, int catchUpDays) {
        this.markets = markets;
        this.clock = clock;
        this.ledger = ledger;
        this.catchUpDays = catchUpDays;
    }

    /**
     * What a daily source's trigger ingests, per market: the trading days of the last {@code catchUpDays} whose
     * batch is not complete (a run that failed, was killed, or did not happen because the daemon was down), oldest
     * first, then the exchange's today. So the daemon finishes what an interrupted run left, without an operator.
     */
    public List<Target> due(String source) {
        Backfill.DailySource daily = Backfill.DailySource.of(source);
        List<Target> targets = new ArrayList<>();
        for (Market market : markets.all()) {
            LocalDate today = LocalDate.now(clock.withZone(market.timeZone()));
            List<LocalDate> earlier = today.minusDays(catchUpDays).datesUntil(today).filter(daily::isTradingDay)
                    .toList();
            try {
                Set<LocalDate> done = ledger.done(daily.source(), daily.dataType(), market.code(), earlier);
                earlier.stream().filter(date -> !done.contains(date))
                        .forEach(date -> targets.add(new Target(market.code(), date.toString())));
            } catch (RuntimeException e) {
                // today is still ingested, whatever keeps the catch-up from being worked out
                LOG.error("Cannot tell which recent days of {}/{} are incomplete, ingesting today only: {}",
                        source, market.code(), e.toString());
            }
            targets.add(new Target(market.code(), today.toString()));
        }
        return targets;
    }

    /** The CFTC publishes on New York time, whatever the market's exchange. */
    public List<Target> todayInNewYork() {
        String today = LocalDate.now(clock.withZone(ZoneId.of("America/New_York"))).toString();
        return markets.all().stream().map(m -> new Target(m.code(), today)).toList();
    }
}
