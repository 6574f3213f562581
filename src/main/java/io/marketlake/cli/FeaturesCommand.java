package io.marketlake.cli;

import io.marketlake.DateRange;
import io.marketlake.Marketlake;
import io.marketlake.features.FeatureMatrix;
import io.marketlake.features.FeaturePoint;
import io.marketlake.features.FeatureRow;
import io.marketlake.features.FeatureStore;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** Point-in-time reads of the feature store. */
@Command(name = "features", description = "Query the point-in-time feature store.")
final class FeaturesCommand {

    private static final Listing<FeaturePoint> AT = new Listing<FeaturePoint>()
            .column("feature", FeaturePoint::feature)
            .column("value", FeaturePoint::value)
            .column("as_of", FeaturePoint::asOf)
            .column("available_at", FeaturePoint::availableAt)
            .column("quality", p -> p.quality().label())
            .column("status", p -> p.status().label());

    private static final Listing<FeatureRow> HISTORY = new Listing<FeatureRow>()
            .column("feature", FeatureRow::feature)
            .column("value", FeatureRow::value)
            .column("as_of", FeatureRow::asOf)
            .column("available_at", FeatureRow::availableAt)
            .column("recorded_at", FeatureRow::recordedAt)
            .column("quality", r -> r.quality().label());

    @ParentCommand
    MarketlakeCommand root;

    @Spec
    CommandSpec spec;

    @Command(name = "at", description = "Each feature's value as it was known at a time (UTC).")
    int at(@Option(names = "--market", required = true) String market,
            @Option(names = "--time", required = true, description = "ISO-8601 instant, e.g. 2026-02-18T15:00:00Z")
            Instant time,
            @Option(names = "--json") boolean json) {
        List<FeaturePoint> points;
        try (Marketlake marketlake = root.open()) {
            marketlake.settings().markets().get(market);
            points = marketlake.bean("featureStore", FeatureStore.class).at(market, time);
        }
        AT.print(spec.commandLine().getOut(), points, json);
        return MarketlakeCommand.OK;
    }

    @Command(name = "join", description = "A point-in-time feature matrix: each row of a times file with what was"
            + " known of each feature at its ts (available_at <= ts; greatest as_of, then greatest available_at).")
    int join(@Option(names = "--times", required = true, description = "CSV (with a header) or Parquet file with a"
                    + " column ts, optionally market; other columns are carried through.") Path times,
            @Option(names = "--market", description = "Market of rows without a market column.") String market,
            @Option(names = "--features", split = ",", description = "Exact names or prefixes; all when absent.")
            List<String> features,
            @Option(names = "--long", description = "One row per time and feature: ts, market, feature, value, as_of,"
                    + " available_at, quality, status.") boolean longForm,
            @Option(names = "--include-stale", description = "Keep stale values instead of null.") boolean includeStale,
            @Option(names = "--as-recorded", description = "Answer as the store stood at this instant.")
            Instant asRecorded,
            @Option(names = "--out", required = true, description = "FILE.parquet or FILE.csv") Path out) {
        FeatureMatrix.Result result;
        try (Marketlake marketlake = root.open()) {
            if (market != null) {
                marketlake.settings().markets().get(market);
            }
            result = marketlake.bean("featureMatrix", FeatureMatrix.class).join(new FeatureMatrix.Request(times, out,
                    market, features == null ? List.of() : features, longForm, includeStale, asRecorded),
                    new FeatureMatrix.Progress() {
                        private Progress bar;
                        private long total;

                        @Override
                        public void started(long rows) {
                            total = rows;
                            long step = Math.max(1, rows / 20);
                            bar = Progress.on(spec.commandLine().getErr(), "features join",
                                    (int) ((rows + step - 1) / step));
                        }

                        @Override
                        public void answered(long rows) {
                            bar.step(rows + "/" + total, "times");
                        }
                    });
        }
        spec.commandLine().getOut().println("Wrote " + out + ": " + result.rows() + " times of " + result.markets()
                + " x " + result.features().size() + " features" + (longForm ? " (long)" : ""));
        return MarketlakeCommand.OK;
    }

    @Command(name = "history", description = "Every stored row of one feature, revisions included.")
    int history(@Option(names = "--market", required = true) String market,
            @Option(names = "--feature", required = true) String feature,
            @Option(names = "--from", required = true, description = "First as_of date (UTC), inclusive.") LocalDate from,
            @Option(names = "--to", required = true, description = "Last as_of date (UTC), inclusive.") LocalDate to,
            @Option(names = "--json") boolean json) {
        new DateRange(from, to);
        List<FeatureRow> rows;
        try (Marketlake marketlake = root.open()) {
            marketlake.settings().markets().get(market);
            rows = marketlake.bean("featureStore", FeatureStore.class).history(market, feature,
                    from.atStartOfDay(ZoneOffset.UTC).toInstant(),
                    to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusMillis(1));
        }
        HISTORY.print(spec.commandLine().getOut(), rows, json);
        return MarketlakeCommand.OK;
    }
}
