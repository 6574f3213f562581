package io.marketlake.cli;

import io.marketlake.ingest.Ingestion.Outcome;
import io.marketlake.features.FeatureStore;
import io.marketlake.ingest.IngestReport;
import io.marketlake.lake.LakeReader;
import io.marketlake.lake.LakeStats;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/** How ingest results read on the command line. */
final class Reports {

    private static final Listing<Map.Entry<String, LakeStats>> LAKE = new Listing<Map.Entry<String, LakeStats>>()
            .column("data_type", Map.Entry::getKey)
            .column("files", e -> e.getValue().files())
            .column("rows", e -> e.getValue().rows());

    private static final Listing<Map.Entry<String, Long>> FEATURES = new Listing<Map.Entry<String, Long>>()
            .column("market", Map.Entry::getKey)
            .column("feature rows", Map.Entry::getValue);

    private Reports() {
    }

    static String line(String source, Outcome outcome) {
        String head = source + " " + outcome.market() + " " + outcome.date() + ": ";
        if (outcome.failure() != null) {
            return head + "FAILED, dead-lettered: " + outcome.failure();
        }
        IngestReport report = outcome.report();
        return head + report.rowsWritten() + " rows in " + report.filesWritten() + " lake file(s), "
                + report.rowsRejected() + " rejected" + (report.rowsRejected() > 0 ? " (see dead/" + source + "/"
                + outcome.market() + "/" + outcome.date() + "/)" : "")
                + ", " + report.featuresWritten() + " new feature rows";
    }

    /** One ingest's line on stdout; its exit code. */
    static int print(PrintWriter out, String source, Outcome outcome) {
        out.println(line(source, outcome));
        out.flush();
        return exitCode(List.of(outcome));
    }

    static int exitCode(List<Outcome> outcomes) {
        return outcomes.stream().allMatch(Outcome::clean) ? MarketlakeCommand.OK : MarketlakeCommand.DATA_REJECTED;
    }

    static void printStores(PrintWriter out, LakeReader lake, FeatureStore features) {
        out.println("lake (all batches):");
        LAKE.print(out, List.copyOf(lake.summary().entrySet()), false);
        out.println("features:");
        FEATURES.print(out, List.copyOf(features.countByMarket().entrySet()), false);
    }
}
