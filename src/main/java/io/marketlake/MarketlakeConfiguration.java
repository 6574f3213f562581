package io.marketlake;

import io.marketlake.databento.DatabentoAuth;
import io.marketlake.databento.DatabentoRequest;
import io.marketlake.databento.OhlcvReader;
import io.marketlake.features.FeatureDataSources;
import io.marketlake.features.FeatureStore;
import io.marketlake.features.Staleness;
import io.marketlake.futures.FuturesFeatures;
import io.marketlake.futures.FuturesLakeTable;
import io.marketlake.futures.FuturesValidator;
import io.marketlake.ingest.IngestReports;
import io.marketlake.lake.LakePlanner;
import io.marketlake.lake.LakeReader;
import io.marketlake.lake.LakeWriter;
import io.marketlake.ops.DeadLetters;
import io.marketlake.ops.PipelineStats;
import io.marketlake.ops.Redactor;
import io.marketlake.ops.RetryAfter;
import io.marketlake.ops.Schedule;
import java.time.Clock;
import java.time.Duration;
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

        registry.bind("settings", settings);
        registry.bind("markets", markets);
        registry.bind("schedule", new Schedule(markets, clock));

        DatabentoAuth auth = new DatabentoAuth(keyVariable, settings.duration("marketlake.databento.timeout"));
        registry.bind("databentoAuth", auth);
        registry.bind("databentoRequest", new DatabentoRequest(auth, markets, settings.get("marketlake.databento.dataset"),
                settings.get("marketlake.databento.encoding")));
        registry.bind("ohlcvReader", new OhlcvReader());
        registry.bind("futuresValidator", new FuturesValidator());
        registry.bind("futuresFeatures", new FuturesFeatures());

        LakeWriter lakeWriter = new LakeWriter(clock);
        registry.bind("lakeWriter", lakeWriter);
        registry.bind("lakeReader", new LakeReader(settings.lakeRoot()));
        registry.bind("futuresLake", new LakePlanner<>(new FuturesLakeTable(), lakeWriter));

        DataSource dataSource = FeatureDataSources.create(settings.get("marketlake.features.jdbc-url"));
        FeatureStore featureStore = new FeatureStore(dataSource, clock, new Staleness(settings.under("marketlake.staleness.")));
        featureStore.createSchema();
        registry.bind("featureDataSource", dataSource);
        registry.bind("featureStore", featureStore);

        PipelineStats stats = new PipelineStats(clock);
        registry.bind("pipelineStats", stats);
        registry.bind("ingestReports", new IngestReports(lakeWriter, stats));
        registry.bind("deadLetters", new DeadLetters(clock, stats, new Redactor(keyVariable)));
        registry.bind("retryAfter", new RetryAfter(Duration.ofMillis(Long.parseLong(settings.get("marketlake.retry.max-delay-ms")))));
    }
}
