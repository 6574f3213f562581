package io.marketlake.cli;

import io.marketlake.Marketlake;
import io.marketlake.databento.DatabentoAuth;
import io.marketlake.ingest.Backfill;
import io.marketlake.ingest.Backfill.DailySource;
import io.marketlake.ingest.Ingestion.Outcome;
import java.io.PrintWriter;
import java.time.LocalDate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code backfill futures --market HE --from D --to D [--force]}: a range of dates, resumable. */
@Command(name = "backfill", description = "Ingest a range of dates; dates already complete are skipped.")
final class BackfillCommand {

    @ParentCommand
    MarketlakeCommand root;

    @Spec
    CommandSpec spec;

    /** The market and date range of a backfill. */
    static final class MarketRange {

        @Option(names = "--market", required = true, description = "Market code from config, such as HE.")
        String market;

        @Option(names = "--from", required = true, description = "First date, inclusive.")
        LocalDate from;

        @Option(names = "--to", required = true, description = "Last date, inclusive.")
        LocalDate to;
    }

    @Command(name = "futures", description = "Futures bars for every date in [from, to], one request per UTC day.")
    int futures(@Mixin MarketRange range, @Option(names = "--force", description = "Fetch dates that are complete "
            + "already (a new batch replaces what readers see; the old one is kept).") boolean force,
            @Option(names = "--schema", defaultValue = "ohlcv-1d", description = "Databento bar schema: ohlcv-1d "
                    + "(default), ohlcv-1h, ohlcv-1m, ohlcv-1s; each is its own lake table and is complete on its own.")
            String schema) {
        return daily(DailySource.futures(schema), range, force);
    }

    @Command(name = "options", description = "The options chain snapshot of every weekday in [from, to].")
    int options(@Mixin MarketRange range,
            @Option(names = "--force", description = "Snapshot dates that are complete already.") boolean force) {
        return daily(DailySource.OPTIONS, range, force);
    }

    @Command(name = "cot", description = "Every COT report with a report date in [from, to], from the yearly files.")
    int cot(@Mixin MarketRange range) {
        try (Marketlake marketlake = root.start()) {
            marketlake.requireRoute("cot-ingest");
            return Reports.print(spec.commandLine().getOut(), "cot",
                    marketlake.bean("backfill", Backfill.class).cot(range.market, range.from, range.to));
        }
    }

    /** Progress on stderr, the dates that did not go cleanly and the summary on stdout. */
    private int daily(DailySource source, MarketRange range, boolean force) {
        try (Marketlake marketlake = root.start()) {
            marketlake.requireRoute(source.endpoint().substring("direct:".length()));
            marketlake.bean("databentoAuth", DatabentoAuth.class).requireKey();
            String label = "backfill " + source.source() + " " + range.market;
            Backfill.Result result = marketlake.bean("backfill", Backfill.class)
                    .daily(source, range.market, range.from, range.to, force, new Backfill.Progress() {
                        private Progress progress;

                        @Override
                        public void started(int dates) {
                            progress = Progress.on(spec.commandLine().getErr(), label, dates);
                        }

                        @Override
                        public void step(LocalDate date, Outcome outcome) {
                            progress.step(date.toString(), outcome.failure() != null ? "FAILED"
                                    : outcome.report().rowsWritten() + " rows, " + outcome.report().rowsRejected()
                                    + " rejected");
                        }

                        @Override
                        public void skipped(LocalDate date) {
                            progress.step(date.toString(), "complete already, skipped");
                        }
                    });
            PrintWriter out = spec.commandLine().getOut();
            result.outcomes().stream().filter(o -> !o.clean()).forEach(o -> out.println(Reports.line(source.source(), o)));
            out.println(label + " " + range.from + ".." + range.to + ": " + result.ingested() + " dates ingested ("
                    + result.rowsWritten() + " rows, " + result.rowsRejected() + " rejected), " + result.skipped()
                    + " complete already, " + result.failed() + " failed");
            out.flush();
            return Reports.exitCode(result.outcomes());
        }
    }
}
