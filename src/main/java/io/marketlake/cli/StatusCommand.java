package io.marketlake.cli;

import io.marketlake.Marketlake;
import io.marketlake.lake.LakeReader;
import io.marketlake.lake.LakeStats;
import io.marketlake.ops.Freshness;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code status [--json]}: per source and market, freshness and what the stores hold, read from the stores. */
@Command(name = "status", description = "Per source and market: state (fresh, stale, failed), the last success, the "
        + "newest trading date and its age, rows and files in the lake, feature rows, dead letters waiting.")
final class StatusCommand implements Callable<Integer> {

    /** A feed with its lake figures. */
    record Row(Freshness.Feed feed, LakeStats lake) {
    }

    private static final LakeStats NONE = new LakeStats(0, 0);

    private static final Listing<Row> STATUS = new Listing<Row>()
            .column("source", row -> row.feed().source())
            .column("market", row -> row.feed().market())
            .column("state", row -> row.feed().state().label())
            .column("last_success", row -> row.feed().newest() == null ? null : row.feed().newest().completedAt()
                    .toString(), "last_success", row -> row.feed().newest() == null ? "-"
                    : row.feed().newest().completedAt().toString())
            .column("newest_date", row -> row.feed().newestDate() == null ? null
                    : row.feed().newestDate().toString(), "newest_date",
                    row -> row.feed().newestDate() == null ? "-" : row.feed().newestDate().toString())
            .column("age_seconds", row -> row.feed().age() == null ? null : row.feed().age().getSeconds(), "age",
                    row -> row.feed().age() == null ? "-" : Freshness.Durations.text(row.feed().age()))
            .column("max_age_seconds", row -> row.feed().maxAge().getSeconds(), "max_age",
                    row -> Freshness.Durations.text(row.feed().maxAge()))
            .column("lake_files", row -> row.lake().files())
            .column("lake_rows", row -> row.lake().rows())
            .column("feature_rows", row -> row.feed().featureRows())
            .column("dead_letters", row -> row.feed().deadLetters())
            .jsonOnly("detail", row -> row.feed().describe());

    @ParentCommand
    MarketlakeCommand root;

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "JSON instead of a table.")
    boolean json;

    @Override
    public Integer call() {
        List<Row> rows;
        try (Marketlake marketlake = root.open()) {
            Map<String, LakeStats> lake = marketlake.bean("lakeReader", LakeReader.class).summaryByMarket();
            rows = marketlake.bean("freshness", Freshness.class).feeds().stream()
                    .map(feed -> new Row(feed, lake.getOrDefault(feed.source() + "/" + feed.market(), NONE)))
                    .toList();
        }
        STATUS.print(spec.commandLine().getOut(), rows, json);
        spec.commandLine().getOut().flush();
        return MarketlakeCommand.OK;
    }
}
