package io.marketlake;

import io.marketlake.cot.CotFeatures;
import io.marketlake.cot.CotFiles;
import io.marketlake.cot.CotLakeTable;
import io.marketlake.cot.CotReader;
import io.marketlake.cot.CotReleaseCalendar;
import io.marketlake.cot.CotSources;
import io.marketlake.cot.CotValidator;
import io.marketlake.cot.CotVersions;
import io.marketlake.databento.DatabentoAuth;
import io.marketlake.databento.DatabentoRequest;
import io.marketlake.databento.OhlcvReader;
import io.marketlake.features.FeatureDataSources;
import io.marketlake.features.FeatureMatrix;
import io.marketlake.features.FeatureStore;
import io.marketlake.features.Staleness;
import io.marketlake.futures.FuturesFeatures;
import io.marketlake.futures.BarSchema;
import io.marketlake.futures.FuturesBars;
import io.marketlake.futures.LandedBars;
import io.marketlake.futures.FuturesValidator;
import io.marketlake.ingest.Backfill;
import io.marketlake.ingest.BatchLedger;
import io.marketlake.ingest.HttpLimits;
import io.marketlake.ingest.IngestReports;
import io.marketlake.ingest.Ingestion;
import io.marketlake.ingest.Landings;
import io.marketlake.lake.LakeFiles;
import io.marketlake.lake.LakePlanner;
import io.marketlake.lake.LakeReader;
import io.marketlake.lake.LakeWriter;
import io.marketlake.ops.DeadLetters;
import io.marketlake.options.OptionsLakeTable;
import io.marketlake.options.ChainFeatures;
import io.marketlake.options.ChainJoin;
import io.marketlake.options.ChainPricing;
import io.marketlake.options.ChainReader;
import io.marketlake.options.ChainResponses;
import io.marketlake.options.ChainSnapshots;
import io.marketlake.options.ChainValidator;
import io.marketlake.options.OptionsSettings;
import io.marketlake.ops.PipelineStats;
import io.marketlake.ops.Redactor;
import io.marketlake.ops.RetryAfter;
import io.marketlake.ops.MarketSchedules;
import io.marketlake.ops.Schedule;
import io.marketlake.ops.ScheduleTriggers;
import io.marketlake.ops.TempFileSweeper;
import io.marketlake.slices.SliceExporter;
import io.marketlake.trading.DeltaTables;
import io.marketlake.trading.TradingImport;
import io.marketlake.trading.TradingRepository;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.Registry;

/** Binds the beans the YAML routes name, built from configuration. */
public class MarketlakeConfiguration implements CamelConfiguration {

    @Override
    public void configure(CamelContext context) {
        Settings settings = new Settings(context);
        Registry registry = context.getRegistry();
        Clock clock = Clock.systemUTC();
        Markets markets = settings.markets();
        String keyVariable = settings.get("marketlake.databento.api-key-env");
        Redactor redactor = Redactor.install(keyVariable);

        registry.bind("settings", settings);
        new TempFileSweeper(List.of(settings.lakeRoot(), settings.home().resolve("dead"),
                settings.home().resolve("landing")), settings.duration("marketlake.temp-files.max-age"), clock).sweep();
        registry.bind("markets", markets);
        MarketSchedules schedules = MarketSchedules.fromProperties(markets, settings::optional);
        registry.bind("scheduleTriggers", new ScheduleTriggers(schedules));

        OptionsSettings options = new OptionsSettings(schedules,
                settings.duration("marketlake.options.quote-lookback"),
                settings.duration("marketlake.options.statistics-lookback"),
                settings.get("marketlake.options.quote-schema"),
                settings.decimal("marketlake.options.risk-free-rate"),
                settings.longValue("marketlake.options.min-oi"),
                settings.decimal("marketlake.options.max-spread-pct"),
                settings.integer("marketlake.options.min-liquid-strikes"));
        // responses read into memory (futures, COT) and responses streamed to landing files (options)
        HttpLimits inMemory = httpLimits(settings, "marketlake.http.max-response-bytes");
        HttpLimits streamed = httpLimits(settings, "marketlake.http.max-streamed-bytes");
        registry.bind("sourceHttp", inMemory);
        DatabentoAuth auth = new DatabentoAuth(keyVariable, inMemory);
        registry.bind("databentoStreamAuth", new DatabentoAuth(keyVariable, streamed));
        registry.bind("databentoAuth", auth);
        registry.bind("databentoRequest", new DatabentoRequest(auth, markets, settings.get("marketlake.databento.dataset"),
                settings.get("marketlake.databento.encoding"), options));
        registry.bind("ohlcvReader", new OhlcvReader());
        registry.bind("futuresValidator", new FuturesValidator());
        registry.bind("futuresFeatures", new FuturesFeatures());

        LakeWriter lakeWriter = new LakeWriter(clock);
        LakeReader lakeReader = new LakeReader(settings.lakeRoot());
        registry.bind("lakeWriter", lakeWriter);
        registry.bind("lakeReader", lakeReader);
        registry.bind("lakeFiles", new LakeFiles(settings.lakeRoot(), settings.get("marketlake.lake.compression")));
        registry.bind("landings", new Landings());
        registry.bind("chainSnapshots", new ChainSnapshots(markets, options));
        registry.bind("chainResponses", new ChainResponses());
        registry.bind("chainReader", new ChainReader());
        registry.bind("chainJoin", new ChainJoin());
        registry.bind("chainPricing", new ChainPricing(options.riskFreeRate()));
        registry.bind("chainValidator", new ChainValidator());
        registry.bind("chainFeatures", new ChainFeatures(options.minOpenInterest(), options.maxSpreadOfMid(),
                options.minLiquidStrikes()));
        registry.bind("optionsLake", new LakePlanner<>(new OptionsLakeTable(), lakeWriter));
        DeltaTables trading = new DeltaTables(settings.home().resolve("trading"),
                settings.integer("marketlake.trading.checkpoint-interval"));
        registry.bind("tradingImport", new TradingImport(trading,
                settings.integer("marketlake.trading.batch-size")));
        registry.bind("tradingRepository", new TradingRepository(trading));
        registry.bind("sliceExporter", new SliceExporter(lakeReader, settings.home().resolve("runs"), markets));
        registry.bind("futuresBars", new FuturesBars(lakeWriter));
        registry.bind("landedBars", new LandedBars());

        DataSource dataSource = FeatureDataSources.create(settings.get("marketlake.features.jdbc-url"),
                settings.duration("marketlake.features.busy-timeout"));
        FeatureStore featureStore = new FeatureStore(dataSource, clock, new Staleness(settings.under("marketlake.staleness.")));
        featureStore.createSchema();
        registry.bind("featureDataSource", dataSource);
        registry.bind("featureStore", featureStore);
        registry.bind("featureMatrix", new FeatureMatrix(featureStore));
        BatchLedger ledger = new BatchLedger(featureStore, lakeReader);
        registry.bind("batchLedger", ledger);
        Ingestion ingestion = new Ingestion(context);
        registry.bind("ingestion", ingestion);
        registry.bind("backfill", new Backfill(ingestion, ledger, markets));
        registry.bind("schedule", new Schedule(schedules, clock, ledger,
                settings.integer("marketlake.schedules.catch-up-days"), futuresSchemas(settings)));

        CotReleaseCalendar calendar = CotReleaseCalendar.load(Path.of(settings.get("marketlake.cot.release-calendar")));
        registry.bind("cotReleaseCalendar", calendar);
        registry.bind("cotSources", new CotSources(settings.get("marketlake.cftc.base-url"),
                settings.get("marketlake.cot.yearly-path"), settings.get("marketlake.cot.current-week-path"),
                settings.integer("marketlake.cot.revision-weeks")));
        registry.bind("cotFiles", new CotFiles(Pattern.compile(settings.get("marketlake.cot.zip-entry")),
                settings.longValue("marketlake.cot.max-uncompressed-bytes")));
        registry.bind("cotReader", new CotReader(markets));
        registry.bind("cotValidator", new CotValidator(markets));
        registry.bind("cotVersions", new CotVersions(lakeReader, ledger));
        registry.bind("cotFeatures", new CotFeatures(calendar, settings.duration("marketlake.cot.live-window"), clock));
        registry.bind("cotLake", new LakePlanner<>(new CotLakeTable(calendar), lakeWriter));

        PipelineStats stats = new PipelineStats(clock);
        registry.bind("pipelineStats", stats);
        registry.bind("ingestReports", new IngestReports(lakeWriter, stats));
        registry.bind("deadLetters", new DeadLetters(clock, stats, redactor,
                settings.home().resolve("dead")));
        registry.bind("retryAfter", new RetryAfter(Duration.ofMillis(settings.longValue("marketlake.retry.max-delay-ms"))));
    }

    /** The bar schemas the futures triggers ingest, each a feed of its own. */
    private static List<BarSchema> futuresSchemas(Settings settings) {
        String key = "marketlake.futures.schemas";
        List<BarSchema> schemas = new java.util.ArrayList<>();
        for (String name : settings.get(key).split(",")) {
            try {
                BarSchema bars = BarSchema.of(name);
                if (!name.isBlank() && !schemas.contains(bars)) {
                    schemas.add(bars);
                }
            } catch (ConfigurationException e) {
                throw new ConfigurationException(key + ": " + e.getMessage());
            }
        }
        if (schemas.isEmpty()) {
            throw new ConfigurationException(key + " is empty: give at least one of " + BarSchema.names());
        }
        return schemas;
    }

    private static HttpLimits httpLimits(Settings settings, String maxBytesKey) {
        return new HttpLimits(settings.duration("marketlake.http.connect-timeout"),
                settings.duration("marketlake.http.read-timeout"), settings.duration("marketlake.http.deadline"),
                settings.longValue(maxBytesKey));
    }
}
