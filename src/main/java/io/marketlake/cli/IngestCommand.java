package io.marketlake.cli;

import io.marketlake.Marketlake;
import io.marketlake.Marketlake.IngestOutcome;
import io.marketlake.databento.DatabentoAuth;
import io.marketlake.features.FeatureStore;
import io.marketlake.ingest.Samples;
import io.marketlake.lake.LakeReader;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code ingest futures --market HE --date D}, or {@code ingest --sample}: every pipeline on bundled inputs. */
@Command(name = "ingest", description = "Ingest one trading date, or the bundled samples with --sample.",
        subcommands = IngestCommand.Futures.class)
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
                    "give a source (ingest futures --market HE --date 2026-02-17) or --sample");
        }
        PrintWriter out = spec.commandLine().getOut();
        try (Marketlake marketlake = root.start()) {
            List<IngestOutcome> outcomes = new ArrayList<>();
            for (Samples.Sample sample : Samples.bundled()) {
                marketlake.requireRoute(sample.source() + "-load");
                IngestOutcome outcome = marketlake.ingest("direct:" + sample.source() + "-load", sample.market(),
                        sample.date(), sample.payload());
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

    @Command(name = "futures", description = "Daily bars of every instrument of the market's futures parent.")
    static final class Futures implements Callable<Integer> {

        @ParentCommand
        IngestCommand ingest;

        @Spec
        CommandSpec spec;

        @Option(names = "--market", required = true, description = "Market code from config, such as HE.")
        String market;

        @Option(names = "--date", required = true, description = "Trading date (UTC day of the daily bar).")
        LocalDate date;

        @Override
        public Integer call() {
            try (Marketlake marketlake = ingest.root.start()) {
                marketlake.requireRoute("futures-ingest");
                marketlake.settings().markets().get(market);
                marketlake.bean("databentoAuth", DatabentoAuth.class).requireKey();
                IngestOutcome outcome = marketlake.ingest("direct:futures-ingest", market, date.toString(), null);
                PrintWriter out = spec.commandLine().getOut();
                out.println(Reports.line("futures", outcome));
                out.flush();
                return Reports.exitCode(List.of(outcome));
            }
        }
    }
}
