package io.marketlake.cli;

import io.marketlake.Marketlake;
import io.marketlake.ingest.Ingestion.Outcome;
import io.marketlake.cot.CotSelection;
import io.marketlake.databento.DatabentoAuth;
import io.marketlake.features.FeatureStore;
import io.marketlake.ingest.IngestProperties;
import io.marketlake.ingest.Samples;
import io.marketlake.lake.LakeReader;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code ingest futures --market HE --date D}, or {@code ingest --sample}: every pipeline on bundled inputs. */
@Command(name = "ingest", description = "Ingest one trading date, or the bundled samples with --sample.")
final class IngestCommand implements Callable<Integer> {

    @ParentCommand
    MarketlakeCommand root;

    @Spec
    CommandSpec spec;

    @Option(names = "--sample", description = "Run every pipeline on inputs bundled in the jar: no key, no network.")
    boolean sample;

    @Override
    public Integer call() {
        if (!sample) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "give a source (ingest futures|options|cot --market HE --date 2026-02-17) or --sample");
        }
        PrintWriter out = spec.commandLine().getOut();
        try (Marketlake marketlake = root.start()) {
            List<Outcome> outcomes = new ArrayList<>();
            for (Samples.Sample sample : Samples.bundled()) {
                marketlake.requireRoute(sample.source() + "-load");
                // a directory sample (several responses) is passed by its resource prefix
                Object payload = sample.resource().endsWith("/") ? sample.resource() : sample.payload();
                Outcome outcome = marketlake.ingest("direct:" + sample.source() + "-load", sample.market(),
                        sample.date(), payload);
                outcomes.add(outcome);
                out.println(Reports.line(sample.source(), outcome));
            }
            out.println();
            out.println("Wrote to " + marketlake.settings().home().toAbsolutePath().normalize() + ":");
            Reports.printStores(out, marketlake.bean("lakeReader", LakeReader.class),
                    marketlake.bean("featureStore", FeatureStore.class));
            out.flush();
            return Reports.exitCode(outcomes);
        }
    }

    /** The market and trading date of a one-date ingest. */
    static final class MarketDay {

        @Option(names = "--market", required = true, description = "Market code from config, such as HE.")
        String market;

        @Option(names = "--date", required = true,
                description = "Trading date (for cot: any date of the report week, Monday to Sunday).")
        LocalDate date;
    }

    @Command(name = "futures", description = "Daily bars of every instrument of the market's futures parent.")
    int futures(@Mixin MarketDay day) {
        try (Marketlake marketlake = root.start()) {
            marketlake.bean("databentoAuth", DatabentoAuth.class).requireKey();
            return ingestOne(marketlake, spec, "futures", day.market, day.date, Map.of());
        }
    }

    @Command(name = "options", description = "The options chain snapshot of one trading date.")
    int options(@Mixin MarketDay day) {
        try (Marketlake marketlake = root.start()) {
            marketlake.bean("databentoAuth", DatabentoAuth.class).requireKey();
            return ingestOne(marketlake, spec, "options", day.market, day.date, Map.of());
        }
    }

    @Command(name = "cot", description = "The CFTC Commitments of Traders report of the week containing a date.")
    int cot(@Mixin MarketDay day) {
        try (Marketlake marketlake = root.start()) {
            return ingestOne(marketlake, spec, "cot", day.market, day.date,
                    Map.of(IngestProperties.COT_SELECTION, CotSelection.weekOf(day.date)));
        }
    }

    /** One ingest through {@code direct:<source>-ingest}, its summary line on stdout, its exit code. */
    static int ingestOne(Marketlake marketlake, CommandSpec spec, String source, String market, LocalDate date,
            Map<String, Object> properties) {
        marketlake.requireRoute(source + "-ingest");
        marketlake.settings().markets().get(market);
        Outcome outcome = marketlake.ingest("direct:" + source + "-ingest", market, date.toString(), null,
                properties);
        PrintWriter out = spec.commandLine().getOut();
        out.println(Reports.line(source, outcome));
        out.flush();
        return Reports.exitCode(List.of(outcome));
    }
}
