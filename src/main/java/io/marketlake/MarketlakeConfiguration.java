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
import io.marketlake.databento.DatabentoResponses;
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
import io.marketlake.ops.DeadLetterArchive;
import io.marketlake.ops.DeadLetters;
import io.marketlake.ops.Freshness;
import io.marketlake.ops.FreshnessCheck;
import io.marketlake.ops.FreshnessMetrics;
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
import io.marketlake.ops.SchedulerStore;
import io.marketlake.ops.TempFileSweeper;
import io.marketlake.slices.SliceExporter;
import io.marketlake.trading.DeltaTables;
import io.marketlake.trading.TradingImport;
import io.marketlake.trading.TradingRepository;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import io.micrometer.core.instrument.MeterRegistry;
import javax.sql.DataSource;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.Registry;

/** Binds the beans the YAML routes name, built from configuration. */
public class MarketlakeConfiguration implements CamelConfiguration {

    private final boolean readOnly;

    /** The application's beans, all built at start-up, so a bad setting stops the start. */
    public MarketlakeConfiguration() {
        this(false);
    }

    /**
     * @param readOnly for a command that only reads the stores: each bean is built on its first lookup, and the
     *                 start-up sweep of temp files (a change to the home) is left to the commands that write
     */
    public MarketlakeConfiguration(boolean readOnly) {
        this.readOnly = readOnly;
    }

    @Override
    public void configure(CamelContext context) {
        Settings settings = new Settings(context);
        Beans beans = new Beans(context.getRegistry());
        context.getRegistry().bind(BuiltBeans.NAME, BuiltBeans.class, beans);
        Clock clock = Clock.systemUTC();
        Markets markets = settings.markets();
        String keyVariable = settings.get("marketlake.databento.api-key-env");
        Redactor redactor = Redactor.install(keyVariable);

        beans.bind("settings", Settings.class, () -> settings);
        if (!readOnly) {
            new TempFileSweeper(List.of(settings.lakeRoot(), settings.home().resolve("dead"),
                    settings.home().resolve("landing")), settings.duration("marketlake.temp-files.max-age"), clock)
                    .sweep();
        }
        beans.bind("markets", Markets.class, () -> markets);
        Supplier<MarketSchedules> schedules = beans.bind("marketSchedules", MarketSchedules.class,
                () -> MarketSchedules.fromProperties(markets, settings::optional));
        beans.bind("scheduleTriggers", ScheduleTriggers.class, () -> new ScheduleTriggers(schedules.get()));
        if (!readOnly && Boolean.parseBoolean(settings.get("marketlake.schedules.enabled"))) {
            beans.bind("schedulerStore", SchedulerStore.class,
                    () -> SchedulerStore.configure(context, settings, schedules.get()));
        }

        Supplier<OptionsSettings> options = beans.bind("optionsSettings", OptionsSettings.class,
                () -> new OptionsSettings(schedules.get(),
                        settings.duration("marketlake.options.quote-lookback"),
                        settings.duration("marketlake.options.statistics-lookback"),
                        settings.get("marketlake.options.quote-schema"),
                        settings.decimal("marketlake.options.risk-free-rate"),
                        settings.longValue("marketlake.options.min-oi"),
                        settings.decimal("marketlake.options.max-spread-pct"),
                        settings.integer("marketlake.options.min-liquid-strikes")));
        // responses read into memory (futures daily bars, COT) and responses streamed to landing files (options,
        // intraday bars)
        Supplier<HttpLimits> inMemory = beans.bind("sourceHttp", HttpLimits.class,
                () -> httpLimits(settings, "marketlake.http.max-response-bytes"));
        Supplier<DatabentoAuth> auth = beans.bind("databentoAuth", DatabentoAuth.class,
                () -> new DatabentoAuth(keyVariable, inMemory.get()));
        beans.bind("databentoStreamAuth", DatabentoAuth.class,
                () -> new DatabentoAuth(keyVariable, httpLimits(settings, "marketlake.http.max-streamed-bytes")));
        beans.bind("databentoRequest", DatabentoRequest.class, () -> new DatabentoRequest(auth.get(), markets,
                settings.get("marketlake.databento.dataset"), settings.get(DatabentoRequest.ENCODING_KEY),
                options.get()));
        beans.bind("databentoResponses", DatabentoResponses.class, DatabentoResponses::new);
        beans.bind("ohlcvReader", OhlcvReader.class, OhlcvReader::new);
        beans.bind("futuresValidator", FuturesValidator.class, FuturesValidator::new);
        beans.bind("futuresFeatures", FuturesFeatures.class, FuturesFeatures::new);

        Supplier<LakeWriter> lakeWriter = beans.bind("lakeWriter", LakeWriter.class, () -> new LakeWriter(clock));
        Supplier<LakeReader> lakeReader = beans.bind("lakeReader", LakeReader.class,
                () -> new LakeReader(settings.lakeRoot()));
        beans.bind("lakeFiles", LakeFiles.class,
                () -> new LakeFiles(settings.lakeRoot(), settings.get("marketlake.lake.compression")));
        beans.bind("landings", Landings.class, Landings::new);
        beans.bind("chainSnapshots", ChainSnapshots.class, () -> new ChainSnapshots(markets, options.get()));
        beans.bind("chainResponses", ChainResponses.class, ChainResponses::new);
        beans.bind("chainReader", ChainReader.class, ChainReader::new);
        beans.bind("chainJoin", ChainJoin.class, ChainJoin::new);
        beans.bind("chainPricing", ChainPricing.class, () -> new ChainPricing(options.get().riskFreeRate()));
        beans.bind("chainValidator", ChainValidator.class, ChainValidator::new);
        beans.bind("chainFeatures", ChainFeatures.class, () -> new ChainFeatures(options.get().minOpenInterest(),
                options.get().maxSpreadOfMid(), options.get().minLiquidStrikes()));
        beans.bind("optionsLake", LakePlanner.class, () -> new LakePlanner<>(new OptionsLakeTable(), lakeWriter.get()));
        Supplier<DeltaTables> trading = beans.bind("deltaTables", DeltaTables.class,
                () -> new DeltaTables(settings.home().resolve("trading"),
                        settings.integer("marketlake.trading.checkpoint-interval")));
        beans.bind("tradingImport", TradingImport.class, () -> new TradingImport(trading.get(),
                settings.integer("marketlake.trading.batch-size")));
        beans.bind("tradingRepository", TradingRepository.class, () -> new TradingRepository(trading.get()));
        beans.bind("sliceExporter", SliceExporter.class,
                () -> new SliceExporter(lakeReader.get(), settings.home().resolve("runs"), markets));
        beans.bind("futuresBars", FuturesBars.class, () -> new FuturesBars(lakeWriter.get()));
        beans.bind("landedBars", LandedBars.class, LandedBars::new);

        Supplier<DataSource> dataSource = beans.bind("featureDataSource", DataSource.class,
                () -> FeatureDataSources.create(settings.get("marketlake.features.jdbc-url"),
                        settings.duration("marketlake.features.busy-timeout")));
        Supplier<FeatureStore> featureStore = beans.bind("featureStore", FeatureStore.class, () -> {
            FeatureStore store = new FeatureStore(dataSource.get(), clock,
                    new Staleness(settings.under("marketlake.staleness.")));
            store.createSchema();
            return store;
        });
        beans.bind("featureMatrix", FeatureMatrix.class, () -> new FeatureMatrix(featureStore.get()));
        Supplier<BatchLedger> ledger = beans.bind("batchLedger", BatchLedger.class,
                () -> new BatchLedger(featureStore.get(), lakeReader.get()));
        Supplier<Ingestion> ingestion = beans.bind("ingestion", Ingestion.class, () -> new Ingestion(context));
        beans.bind("backfill", Backfill.class, () -> new Backfill(ingestion.get(), ledger.get(), markets));
        beans.bind("schedule", Schedule.class, () -> new Schedule(schedules.get(), clock, ledger.get(),
                settings.integer("marketlake.schedules.catch-up-days"), futuresSchemas(settings)));

        Supplier<CotReleaseCalendar> calendar = beans.bind("cotReleaseCalendar", CotReleaseCalendar.class,
                () -> CotReleaseCalendar.load(Path.of(settings.get("marketlake.cot.release-calendar"))));
        beans.bind("cotSources", CotSources.class, () -> new CotSources(settings.get("marketlake.cftc.base-url"),
                settings.get("marketlake.cot.yearly-path"), settings.get("marketlake.cot.current-week-path"),
                settings.integer("marketlake.cot.revision-weeks")));
        beans.bind("cotFiles", CotFiles.class, () -> new CotFiles(Pattern.compile(settings.get("marketlake.cot.zip-entry")),
                settings.longValue("marketlake.cot.max-uncompressed-bytes")));
        beans.bind("cotReader", CotReader.class, () -> new CotReader(markets));
        beans.bind("cotValidator", CotValidator.class, () -> new CotValidator(markets));
        beans.bind("cotVersions", CotVersions.class, () -> new CotVersions(lakeReader.get(), ledger.get()));
        beans.bind("cotFeatures", CotFeatures.class, () -> new CotFeatures(calendar.get(),
                settings.duration("marketlake.cot.live-window"), clock));
        beans.bind("cotLake", LakePlanner.class,
                () -> new LakePlanner<>(new CotLakeTable(calendar.get()), lakeWriter.get()));

        Supplier<DeadLetterArchive> archive = beans.bind("deadLetterArchive", DeadLetterArchive.class,
                () -> new DeadLetterArchive(settings.home().resolve("dead"), clock));
        List<String> feeds = watchedFeeds(settings);
        Supplier<Freshness> freshness = beans.bind("freshness", Freshness.class,
                () -> freshness(settings, feeds, featureStore, archive.get(), markets, clock));
        // one readiness check per feed and market, found in the registry by Camel's health checks
        for (Market market : markets.all()) {
            for (String feed : feeds) {
                beans.bind("health-freshness-" + feed + "-" + market.code(), FreshnessCheck.class,
                        () -> new FreshnessCheck(freshness, feed, market.code()));
            }
        }
        Supplier<PipelineStats> stats = beans.bind("pipelineStats", PipelineStats.class,
                () -> new PipelineStats(clock, PipelineStats.camel(context), freshness));
        beans.bind("ingestReports", IngestReports.class, () -> new IngestReports(lakeWriter.get(), stats.get()));
        beans.bind("deadLetters", DeadLetters.class, () -> new DeadLetters(clock, stats.get(), redactor,
                settings.home().resolve("dead")));
        if (!readOnly) {
            // the series join Camel's registry once camel-micrometer-prometheus has made it (camel.metrics.enabled)
            try {
                context.addStartupListener((started, alreadyStarted) -> {
                    MeterRegistry meters = started.getRegistry().findSingleByType(MeterRegistry.class);
                    if (meters != null) {
                        new FreshnessMetrics(freshness, stats.get(), markets, clock).bindTo(meters);
                    }
                });
            } catch (Exception e) {
                throw new IllegalStateException("cannot add the metrics' start-up listener", e);
            }
        }
        beans.bind("retryAfter", RetryAfter.class,
                () -> new RetryAfter(Duration.ofMillis(settings.longValue("marketlake.retry.max-delay-ms"))));
        if (!readOnly) {
            beans.buildAll();
        }
    }

    /**
     * Beans bound by the supplier that builds them, each built once, on its first lookup (Camel's registry asks the
     * supplier) or when another bean needs it; {@link #buildAll} builds every one in the order bound.
     */
    private static final class Beans implements BuiltBeans {
        private final Registry registry;
        private final List<Supplier<?>> bound = new java.util.ArrayList<>();
        private final java.util.Deque<AutoCloseable> built = new java.util.concurrent.ConcurrentLinkedDeque<>();

        Beans(Registry registry) {
            this.registry = registry;
        }

        <T> Supplier<T> bind(String name, Class<T> type, Supplier<? extends T> create) {
            Supplier<T> once = new Supplier<>() {
                private T bean;

                @Override
                public synchronized T get() {
                    if (bean == null) {
                        bean = create.get();
                        if (bean instanceof AutoCloseable closeable) {
                            built.push(closeable);
                        }
                    }
                    return bean;
                }
            };
            registry.bind(name, type, once::get);
            bound.add(once);
            return once;
        }

        void buildAll() {
            bound.forEach(Supplier::get);
        }

        @Override
        public void close() {
            for (AutoCloseable closeable = built.poll(); closeable != null; closeable = built.poll()) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    org.slf4j.LoggerFactory.getLogger(MarketlakeConfiguration.class).warn("Cannot close {}: {}",
                            closeable, e.toString());
                }
            }
        }
    }

    /** The beans built so far that hold resources (the feature store's pool), closed when the application stops. */
    public interface BuiltBeans extends AutoCloseable {
        String NAME = "builtBeans";

        @Override
        void close();
    }

    /**
     * The feeds watched for every market (the futures schemas of the triggers, options, COT), each with its
     * {@code marketlake.freshness.<feed>.max-age}; an intraday futures feed falls back to the futures one.
     */
    private static List<String> watchedFeeds(Settings settings) {
        List<String> feeds = new java.util.ArrayList<>();
        futuresSchemas(settings).forEach(bars -> feeds.add(bars.dataType()));
        feeds.add(OptionsLakeTable.DATA_TYPE);
        feeds.add(CotLakeTable.DATA_TYPE);
        return feeds;
    }

    private static Freshness freshness(Settings settings, List<String> feeds, Supplier<FeatureStore> store,
            DeadLetterArchive archive, Markets markets, Clock clock) {
        java.util.Map<String, Duration> maxAges = new java.util.HashMap<>();
        for (String feed : feeds) {
            String key = "marketlake.freshness." + feed + ".max-age";
            maxAges.put(feed, settings.optional(key).isPresent() || !feed.startsWith("futures_")
                    ? settings.duration(key) : settings.duration("marketlake.freshness.futures.max-age"));
        }
        return new Freshness(store, archive, markets, feeds, maxAges, clock);
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
