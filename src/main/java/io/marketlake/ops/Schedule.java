package io.marketlake.ops;

import io.marketlake.ingest.Backfill;
import io.marketlake.ingest.BatchLedger;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What a scheduled trigger ingests. "Today" is taken in the trigger's own time zone ({@link MarketSchedules}): a
 * daily bar covers a UTC day and ends at midnight UTC, which is the same evening in Chicago, so a trigger that
 * evening asks for the date of the evening it fires, whatever the zone of the machine.
 */
public final class Schedule {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Schedule.class);

    /** One market and trading date to ingest. */
    public record Target(String market, String date) {
    }

    private final MarketSchedules schedules;
    private final Clock clock;
    private final BatchLedger ledger;
    private final int catchUpDays;

    public Schedule(MarketSchedules schedules, Clock clock, BatchLedger ledger, int catchUpDays) {
        this.schedules = schedules;
        this.clock = clock;
        this.ledger = ledger;
        this.catchUpDays = catchUpDays;
    }

    /**
     * What a daily source's trigger of one market ingests: the trading days of the last {@code catchUpDays} whose
     * batch is not complete (a run that failed, was killed, or did not happen because the daemon was down), oldest
     * first, then today. So the daemon finishes what an interrupted run left, without an operator.
     */
    public List<Target> due(String source, String market) {
        Backfill.DailySource daily = Backfill.DailySource.of(source);
        LocalDate today = todayOf(daily.source(), market);
        List<Target> targets = new ArrayList<>();
        List<LocalDate> earlier = today.minusDays(catchUpDays).datesUntil(today).filter(daily::isTradingDay).toList();
        try {
            Set<LocalDate> done = ledger.done(daily.source(), daily.dataType(), market, earlier);
            earlier.stream().filter(date -> !done.contains(date))
                    .forEach(date -> targets.add(new Target(market, date.toString())));
        } catch (RuntimeException e) {
            // today is still ingested, whatever keeps the catch-up from being worked out
            LOG.error("Cannot tell which recent days of {}/{} are incomplete, ingesting today only: {}",
                    source, market, e.toString());
        }
        targets.add(new Target(market, today.toString()));
        return targets;
    }

    /** What a weekly trigger ingests: today (COT: in New York by default, the CFTC's time). */
    public Target today(String source, String market) {
        return new Target(market, todayOf(source, market).toString());
    }

    private LocalDate todayOf(String source, String market) {
        return LocalDate.now(clock.withZone(schedules.trigger(source, market).zone()));
    }
}
