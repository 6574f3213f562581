package io.marketlake.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marketlake.DateRange;
import io.marketlake.Marketlake;
import io.marketlake.features.FeaturePoint;
import io.marketlake.features.FeatureRow;
import io.marketlake.features.FeatureStore;
import java.io.PrintWriter;
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

    private static final ObjectMapper JSON = new ObjectMapper();

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
        try (Marketlake marketlake = root.start()) {
            marketlake.settings().markets().get(market);
            points = marketlake.bean("featureStore", FeatureStore.class).at(market, time);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ArrayNode array = JSON.createArrayNode();
            for (FeaturePoint p : points) {
                ObjectNode node = array.addObject();
                node.put("feature", p.feature());
                node.put("value", p.value());
                node.put("as_of", p.asOf().toString());
                node.put("available_at", p.availableAt().toString());
                node.put("quality", p.quality().label());
                node.put("status", p.status().label());
            }
            out.println(array.toPrettyString());
        } else {
            TextTable table = new TextTable("feature", "value", "as_of", "available_at", "quality", "status");
            points.forEach(p -> table.row(p.feature(), String.valueOf(p.value()), p.asOf().toString(),
                    p.availableAt().toString(), p.quality().label(), p.status().label()));
            table.print(out);
        }
        out.flush();
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
        try (Marketlake marketlake = root.start()) {
            marketlake.settings().markets().get(market);
            rows = marketlake.bean("featureStore", FeatureStore.class).history(market, feature,
                    from.atStartOfDay(ZoneOffset.UTC).toInstant(),
                    to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusMillis(1));
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ArrayNode array = JSON.createArrayNode();
            for (FeatureRow r : rows) {
                ObjectNode node = array.addObject();
                node.put("feature", r.feature());
                node.put("value", r.value());
                node.put("as_of", r.asOf().toString());
                node.put("available_at", r.availableAt().toString());
                node.put("recorded_at", r.recordedAt().toString());
                node.put("quality", r.quality().label());
            }
            out.println(array.toPrettyString());
        } else {
            TextTable table = new TextTable("feature", "value", "as_of", "available_at", "recorded_at", "quality");
            rows.forEach(r -> table.row(r.feature(), String.valueOf(r.value()), r.asOf().toString(),
                    r.availableAt().toString(), r.recordedAt().toString(), r.quality().label()));
            table.print(out);
        }
        out.flush();
        return MarketlakeCommand.OK;
    }
}
