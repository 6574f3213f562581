package io.marketlake;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketlake.features.FeatureStore;
import io.marketlake.ingest.IngestProperties;
import io.marketlake.ingest.IngestReport;
import io.marketlake.ingest.IngestReports;
import io.marketlake.lake.LakeReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.camel.Exchange;
import org.apache.camel.main.MainConfigurationProperties;
import org.apache.camel.test.main.junit5.CamelMainTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * Starts the application's real configuration and the routes of routes/*.yaml (camel-test-main-junit5), with a
 * fresh home directory per test, and Databento and the CFTC served by stubs on 127.0.0.1.
 */
public abstract class RouteTestSupport extends CamelMainTestSupport {

    protected static DatabentoStub databento;
    protected static CftcStub cftc;

    // Set while the superclass constructor asks for the override properties, before field initialisers run,
    // so it must not have one.
    protected Path home;

    @BeforeAll
    static void startStub() throws IOException {
        databento = DatabentoStub.start();
        cftc = CftcStub.start();
    }

    @AfterAll
    static void stopStub() {
        databento.close();
        cftc.close();
    }

    @BeforeEach
    void clearStub() {
        databento.reset();
        cftc.reset();
    }

    /** The feature store's pool, as the application closes it when it stops (Marketlake.close). */
    @AfterEach
    void closeBuiltBeans() {
        if (context != null) {
            MarketlakeConfiguration.BuiltBeans built = context.getRegistry()
                    .lookupByNameAndType(MarketlakeConfiguration.BuiltBeans.NAME, MarketlakeConfiguration.BuiltBeans.class);
            if (built != null) {
                built.close();
            }
        }
    }

    @Override
    protected void configure(MainConfigurationProperties configuration) {
        Marketlake.configure(configuration);
    }

    @Override
    protected String getPropertyPlaceholderLocations() {
        return Marketlake.PROPERTY_LOCATIONS;
    }

    @Override
    protected Properties useOverridePropertiesWithPropertiesComponent() {
        try {
            home = Files.createTempDirectory("marketlake-test-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Properties properties = new Properties();
        properties.put("marketlake.home", home.toString());
        properties.put("marketlake.databento.base-url", databento.baseUrl());
        properties.put("marketlake.cftc.base-url", cftc.baseUrl());
        properties.put("marketlake.schedules.enabled", "false");
        // the daemon's health and metrics port (ObserveEndpointsTest starts a daemon of its own)
        properties.put("camel.management.enabled", "false");
        properties.put("camel.metrics.enabled", "false");
        properties.put("marketlake.retry.initial-delay-ms", "20");
        properties.put("marketlake.retry.max-redeliveries", "3");
        return properties;
    }

    /** Sends one ingest of futures through the real route, as the CLI and the schedule do. */
    protected Exchange ingestFutures(String market, String date) {
        return template.send("direct:futures-ingest", e -> {
            e.setProperty(IngestProperties.MARKET, market);
            e.setProperty(IngestProperties.DATE, date);
        });
    }

    /** The report of an ingest that must have finished: no dead letter, no exception. */
    protected static IngestReport report(Exchange exchange) {
        assertThat(exchange.getProperty(IngestProperties.DEAD_LETTER)).as("dead letter").isNull();
        assertThat(exchange.getException()).isNull();
        return IngestReports.report(exchange);
    }

    protected FeatureStore featureStore() {
        return context.getRegistry().lookupByNameAndType("featureStore", FeatureStore.class);
    }

    protected LakeReader lakeReader() {
        return context.getRegistry().lookupByNameAndType("lakeReader", LakeReader.class);
    }

    protected Path lake() {
        return home.resolve("lake");
    }

    protected List<Path> filesUnder(String directory, String suffix) {
        Path dir = home.resolve(directory);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().endsWith(suffix))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Another writer holding the feature store's write lock (a long backfill in a second process); the store's
     * writes wait their busy timeout, then fail. Close the connection to release it.
     */
    protected java.sql.Connection lockFeatureStore() throws java.sql.SQLException {
        java.sql.Connection connection = java.sql.DriverManager.getConnection("jdbc:sqlite:" + home.resolve("features.db"));
        try (java.sql.Statement statement = connection.createStatement()) {
            statement.execute("BEGIN EXCLUSIVE");
        }
        return connection;
    }

    protected static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
