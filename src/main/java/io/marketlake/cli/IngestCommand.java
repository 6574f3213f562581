package io.marketlake.cli;

import io.marketlake.Marketlake;
import io.marketlake.databento.DatabentoAuth;
import io.marketlake.features.FeatureStore;
import io.marketlake.ingest.Backfill.DailySource;
import io.marketlake.ingest.DateIngest;
import io.marketlake.ingest.Ingestion;
import io.marketlake.ingest.Ingestion.Outcome;
import io.marketlake.ingest.SampleIngest;
import io.marketlake.lake.LakeReader;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.List;
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
            List<Outcome> outcomes = new SampleIngest(marketlake.bean("ingestion", Ingestion.class),
                    marketlake::requireRoute).ingestAll((sample, outcome) -> out.println(Reports.line(sample.source(),
                    outcome)));
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

    @Command(name = "futures", description = "Bars of every instrument of the market's futures parent for one UTC "
            + "day: daily, or intraday with --schema.")
    int futures(@Mixin MarketDay day, @Option(names = "--schema", defaultValue = "ohlcv-1d", description =
            "Databento bar schema: ohlcv-1d (default; lake data_type=futures, feeds the features), ohlcv-1h, "
            + "ohlcv-1m, ohlcv-1s (futures_1h, futures_1m, futures_1s).") String schema) {
        return daily(DailySource.futures(schema), day);
    }

    @Command(name = "options", description = "The options chain snapshot of one trading date.")
    int options(@Mixin MarketDay day) {
        return daily(DailySource.OPTIONS, day);
    }

    @Command(name = "cot", description = "The CFTC Commitments of Traders report of the week containing a date.")
    int cot(@Mixin MarketDay day) {
        try (Marketlake marketlake = root.start()) {
            marketlake.requireRoute("cot-ingest");
            return Reports.print(spec.commandLine().getOut(), "cot", dateIngest(marketlake).cot(day.market, day.date));
        }
    }

    private int daily(DailySource source, MarketDay day) {
        try (Marketlake marketlake = root.start()) {
            marketlake.bean("databentoAuth", DatabentoAuth.class).requireKey();
            marketlake.requireRoute(source.endpoint().substring("direct:".length()));
            return Reports.print(spec.commandLine().getOut(), source.source(),
                    dateIngest(marketlake).daily(source, day.market, day.date));
        }
    }

    private static DateIngest dateIngest(Marketlake marketlake) {
        return new DateIngest(marketlake.bean("ingestion", Ingestion.class), marketlake.settings().markets());
    }
}
