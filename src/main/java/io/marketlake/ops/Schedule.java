package io.marketlake.ops;

import io.marketlake.futures.BarSchema;
import io.marketlake.ingest.Backfill;
import io.marketlake.ingest.IngestProperties;
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

    /** One market and trading date to ingest, and for futures the bar schema. */
    public record Target(String market, String date, String schema) {

        public Target(String market, String date) {
            this(market, date, null);
        }
    }

    private final MarketSchedules schedules;
    private final Clock clock;
    private final BatchLedger ledger;
    private final int catchUpDays;
    private final List<BarSchema> futuresSchemas;

    public Schedule(MarketSchedules schedules, Clock clock, BatchLedger ledger, int catchUpDays,
            List<BarSchema> futuresSchemas) {
        this.schedules = schedules;
        this.clock = clock;
        this.ledger = ledger;
        this.catchUpDays = catchUpDays;
        this.futuresSchemas = List.copyOf(futuresSchemas);
    }

    /**
     * What a daily source's trigger of one market ingests: the trading days of the last {@code catchUpDays} whose
     * batch is not complete (a run that failed, was killed, or did not happen because the daemon was down), oldest
     * first, then today; for futures, so for each schema of {@code marketlake.futures.schemas} in turn. So the
     * daemon finishes what an interrupted run left, without an operator.
     */
    public List<Target> due(String source, String market) {
        List<Backfill.DailySource> feeds = source.equals("futures")
                ? futuresSchemas.stream().map(bars -> Backfill.DailySource.futures(bars.schema())).toList()
                : List.of(Backfill.DailySource.of(source));
        LocalDate today = todayOf(source, market);
        List<Target> targets = new ArrayList<>();
        for (Backfill.DailySource daily : feeds) {
            String schema = (String) daily.properties().get(IngestProperties.SCHEMA);
            List<LocalDate> earlier = today.minusDays(catchUpDays).datesUntil(today).filter(daily::isTradingDay)
                    .toList();
            try {
                Set<LocalDate> done = ledger.done(daily.source(), daily.dataType(), market, earlier);
                earlier.stream().filter(date -> !done.contains(date))
                        .forEach(date -> targets.add(new Target(market, date.toString(), schema)));
            } catch (RuntimeException e) {
                // today is still ingested, whatever keeps the catch-up from being worked out
                LOG.error("Cannot tell which recent days of {}/{} are incomplete, ingesting today only: {}",
                        daily.source(), market, e.toString());
            }
            targets.add(new Target(market, today.toString(), schema));
        }
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
