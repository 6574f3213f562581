package io.marketlake.ingest;

import io.marketlake.DateRange;
import io.marketlake.Markets;
import io.marketlake.cot.CotSelection;
import io.marketlake.futures.BarSchema;
import io.marketlake.options.OptionsLakeTable;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Ingests a range of dates, resumable: a date whose batch is complete (BatchLedger: in the lake and in the
 * feature store) is skipped unless forced, so a rerun after a failure or a kill finishes exactly what was left.
 * The command line and the daemon share it.
 */
public final class Backfill {

    /** A source ingested one trading date at a time; the futures bar schemas are one source each. */
    public enum DailySource {
        // Saturdays hold no CME bar (the week's last session ends Friday evening, UTC).
        FUTURES(BarSchema.OHLCV_1D),
        FUTURES_1H(BarSchema.OHLCV_1H),
        FUTURES_1M(BarSchema.OHLCV_1M),
        FUTURES_1S(BarSchema.OHLCV_1S),
        OPTIONS("options", OptionsLakeTable.DATA_TYPE, null,
                day -> day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY);

        private final String source;
        private final String dataType;
        private final BarSchema bars;
        private final Predicate<LocalDate> tradingDay;

        DailySource(BarSchema bars) {
            this(bars.dataType(), bars.dataType(), bars, day -> day.getDayOfWeek() != DayOfWeek.SATURDAY);
        }

        DailySource(String source, String dataType, BarSchema bars, Predicate<LocalDate> tradingDay) {
            this.source = source;
            this.dataType = dataType;
            this.bars = bars;
            this.tradingDay = tradingDay;
        }

        public String source() {
            return source;
        }

        /** The route it is ingested through: every futures bar schema goes through futures-ingest. */
        public String endpoint() {
            return bars == null ? "direct:" + source + "-ingest" : "direct:futures-ingest";
        }

        /** What the route needs besides market and date: the bar schema of a futures source. */
        public Map<String, Object> properties() {
            return bars == null ? Map.of() : Map.of(IngestProperties.SCHEMA, bars.schema());
        }

        public String dataType() {
            return dataType;
        }

        public boolean isTradingDay(LocalDate date) {
            return tradingDay.test(date);
        }

        public static DailySource of(String source) {
            for (DailySource daily : values()) {
                if (daily.source.equals(source)) {
                    return daily;
                }
            }
            throw new IllegalArgumentException("not a daily source: " + source);
        }

        /** The futures source of a bar schema (ohlcv-1d when null). */
        public static DailySource futures(String schema) {
            return of(BarSchema.of(schema).dataType());
        }
    }

    /** Told about each date as it is done, for progress displays. */
    public interface Progress {
        void started(int dates);

        void step(LocalDate date, Ingestion.Outcome outcome);

        void skipped(LocalDate date);
    }

    /** What a backfill did: one outcome per date it ingested, and how many dates were complete already. */
    public record Result(List<Ingestion.Outcome> outcomes, int skipped) {

        public long failed() {
            return outcomes.stream().filter(o -> o.failure() != null).count();
        }

        /** Dates that went through to the stores; a failed one was dead-lettered instead. */
        public long ingested() {
            return outcomes.size() - failed();
        }

        public long rowsWritten() {
            return reports().mapToLong(IngestReport::rowsWritten).sum();
        }

        public long rowsRejected() {
            return reports().mapToLong(IngestReport::rowsRejected).sum();
        }

        private Stream<IngestReport> reports() {
            return outcomes.stream().map(Ingestion.Outcome::report).filter(Objects::nonNull);
        }
    }

    private final Ingestion ingestion;
    private final BatchLedger ledger;
    private final Markets markets;

    public Backfill(Ingestion ingestion, BatchLedger ledger, Markets markets) {
        this.ingestion = ingestion;
        this.ledger = ledger;
        this.markets = markets;
    }

    public Result daily(DailySource source, String market, LocalDate from, LocalDate to, boolean force,
            Progress progress) {
        new DateRange(from, to);
        markets.get(market);
        List<LocalDate> dates = from.datesUntil(to.plusDays(1)).filter(source.tradingDay).toList();
        Set<LocalDate> done = force ? Set.of() : ledger.done(source.source, source.dataType, market, dates);
        progress.started(dates.size());
        List<Ingestion.Outcome> outcomes = new ArrayList<>();
        int skipped = 0;
        for (LocalDate date : dates) {
            if (done.contains(date)) {
                skipped++;
                progress.skipped(date);
                continue;
            }
            Ingestion.Outcome outcome = ingestion.ingest(source.endpoint(), market, date.toString(), null,
                    source.properties());
            outcomes.add(outcome);
            progress.step(date, outcome);
        }
        return new Result(outcomes, skipped);
    }

    /** Every COT report with a report date in [from, to]; weeks stored complete and unchanged add nothing. */
    public Ingestion.Outcome cot(String market, LocalDate from, LocalDate to) {
        new DateRange(from, to);
        markets.get(market);
        return ingestion.ingest("direct:cot-ingest", market, from.toString(), null,
                Map.of(IngestProperties.COT_SELECTION, CotSelection.between(from, to)));
    }
}
