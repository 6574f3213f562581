package io.marketlake.cli;

import io.marketlake.ConfigurationException;
import io.marketlake.Marketlake;
import io.marketlake.Marketlake.IngestOutcome;
import io.marketlake.cot.CotSelection;
import io.marketlake.databento.DatabentoAuth;
import io.marketlake.futures.FuturesLakeTable;
import io.marketlake.ingest.IngestProperties;
import io.marketlake.lake.LakeReader;
import io.marketlake.options.OptionsLakeTable;
import java.io.PrintWriter;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code backfill futures --market HE --from D --to D [--force]}: a range of dates, resumable. */
@Command(name = "backfill", description = "Ingest a range of dates; dates already in the lake are skipped.")
final class BackfillCommand {

    @ParentCommand
    MarketlakeCommand root;

    @Spec
    CommandSpec spec;

    private static void checkRange(MarketRange range) {
        if (range.to.isBefore(range.from)) {
            throw new ConfigurationException("--to " + range.to + " is before --from " + range.from);
        }
    }

    /** The market and date range of a backfill. */
    static final class MarketRange {

        @Option(names = "--market", required = true, description = "Market code from config, such as HE.")
        String market;

        @Option(names = "--from", required = true, description = "First date, inclusive.")
        LocalDate from;

        @Option(names = "--to", required = true, description = "Last date, inclusive.")
        LocalDate to;
    }

    @Command(name = "futures", description = "Daily futures bars for every date in [from, to].")
    int futures(@Mixin MarketRange range, @Option(names = "--force", description = "Fetch dates that are in the "
            + "lake already (a new batch replaces what readers see; the old one is kept).") boolean force) {
        // Saturdays hold no CME daily bar (the week's last session ends Friday evening, UTC).
        return daily("futures", FuturesLakeTable.DATA_TYPE, range, force, day -> day.getDayOfWeek() != DayOfWeek.SATURDAY);
    }

    @Command(name = "options", description = "The options chain snapshot of every weekday in [from, to].")
    int options(@Mixin MarketRange range,
            @Option(names = "--force", description = "Snapshot dates that are in the lake already.") boolean force) {
        return daily("options", OptionsLakeTable.DATA_TYPE, range, force,
                day -> day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY);
    }

    @Command(name = "cot", description = "Every COT report with a report date in [from, to], from the yearly files.")
    int cot(@Mixin MarketRange range) {
        checkRange(range);
        // Weeks already in the lake unchanged are skipped by the pipeline itself (only changed versions land).
        try (Marketlake marketlake = root.start()) {
            return IngestCommand.ingestOne(marketlake, spec, "cot", range.market, range.from,
                    Map.of(IngestProperties.COT_SELECTION, CotSelection.between(range.from, range.to)));
        }
    }

    /**
     * One Databento ingest per trading day of [from, to], resumable: days the lake holds already are skipped
     * unless forced. Progress on stderr, the summary on stdout.
     */
    private int daily(String source, String dataType, MarketRange range, boolean force,
            Predicate<LocalDate> tradingDay) {
        checkRange(range);
        String market = range.market;
        LocalDate from = range.from;
        LocalDate to = range.to;
        try (Marketlake marketlake = root.start()) {
            marketlake.requireRoute(source + "-ingest");
            marketlake.settings().markets().get(market);
            marketlake.bean("databentoAuth", DatabentoAuth.class).requireKey();
            Set<LocalDate> inLake = marketlake.bean("lakeReader", LakeReader.class).tradingDates(dataType, market, from, to);
            List<LocalDate> dates = from.datesUntil(to.plusDays(1)).filter(tradingDay).toList();
            Progress progress = Progress.on(spec.commandLine().getErr(), "backfill " + source + " " + market, dates.size());
            List<IngestOutcome> outcomes = new ArrayList<>();
            int skipped = 0;
            for (LocalDate date : dates) {
                if (!force && inLake.contains(date)) {
                    skipped++;
                    progress.step(date.toString(), "in the lake, skipped");
                    continue;
                }
                IngestOutcome outcome = marketlake.ingest("direct:" + source + "-ingest", market, date.toString(), null);
                outcomes.add(outcome);
                progress.step(date.toString(), outcome.failure() != null ? "FAILED"
                        : outcome.report().rowsWritten() + " rows, " + outcome.report().rowsRejected() + " rejected");
            }
            PrintWriter out = spec.commandLine().getOut();
            outcomes.stream().filter(o -> !o.clean()).forEach(o -> out.println(Reports.line(source, o)));
            long failed = outcomes.stream().filter(o -> o.failure() != null).count();
            long rows = outcomes.stream().filter(o -> o.report() != null).mapToLong(o -> o.report().rowsWritten()).sum();
            long rejected = outcomes.stream().filter(o -> o.report() != null).mapToLong(o -> o.report().rowsRejected()).sum();
            out.println("backfill " + source + " " + market + " " + from + ".." + to + ": " + (outcomes.size() - failed)
                    + " dates ingested (" + rows + " rows, " + rejected + " rejected), " + skipped
                    + " already in the lake, " + failed + " failed");
            out.flush();
            return Reports.exitCode(outcomes);
        }
    }
}
