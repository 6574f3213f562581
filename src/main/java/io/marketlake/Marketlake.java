package io.marketlake;

import io.marketlake.ingest.IngestProperties;
import io.marketlake.ingest.IngestReport;
import io.marketlake.ingest.IngestReports;
import io.marketlake.ops.DeadLetters;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainConfigurationProperties;

/**
 * The application as the command line uses it: Camel Main with the configuration from {@code config/} and the
 * routes from {@code routes/*.yaml}, started for one command (or run as the daemon) and stopped after.
 */
public final class Marketlake implements AutoCloseable {

    /** The first location that defines a key wins: the operator's file, then the copy bundled in the jar. */
    public static final String PROPERTY_LOCATIONS =
            "file:config/application.properties;optional=true,classpath:application.properties;optional=true";

    private final Main main;
    private ProducerTemplate template;

    private Marketlake(Main main) {
        this.main = main;
    }

    /** Applies the application's Camel Main configuration; tests call it too, so they run what users run. */
    public static void configure(MainConfigurationProperties configuration) {
        configuration.addConfiguration(new MarketlakeConfiguration());
    }

    /** A Main configured like the application, not yet started; {@code overrides} beat every other source. */
    public static Marketlake create(Map<String, String> overrides) {
        Main main = new Main();
        configure(main.configure());
        main.setPropertyPlaceholderLocations(PROPERTY_LOCATIONS);
        overrides.forEach(main::addOverrideProperty);
        return new Marketlake(main);
    }

    /** Starts Camel for a one-shot command: schedules off, routes ready to be called. */
    public static Marketlake start(Map<String, String> overrides) {
        Map<String, String> oneShot = new java.util.HashMap<>(overrides);
        oneShot.put("marketlake.schedules.enabled", "false");
        Marketlake marketlake = create(oneShot);
        try {
            marketlake.main.start();
        } catch (Exception e) {
            throw Failures.unwrap(e);
        }
        return marketlake;
    }

    /** Runs the daemon until the JVM is asked to stop (SIGTERM, Ctrl-C); Camel shuts down gracefully. */
    public void runUntilStopped() throws Exception {
        main.run();
    }

    public CamelContext context() {
        return main.getCamelContext();
    }

    public Settings settings() {
        return bean("settings", Settings.class);
    }

    public <T> T bean(String name, Class<T> type) {
        T bean = context().getRegistry().lookupByNameAndType(name, type);
        if (bean == null) {
            throw new IllegalStateException("no bean " + name + " of type " + type.getSimpleName());
        }
        return bean;
    }

    /** Fails with a clear message when the routes were not found (the command was run from elsewhere). */
    public void requireRoute(String routeId) {
        if (context().getRoute(routeId) == null) {
            throw new ConfigurationException("route " + routeId + " is not loaded: run marketlake from its directory"
                    + " (it reads routes/*.yaml and config/ from there) or set camel.main.routes-include-pattern");
        }
    }

    /**
     * Sends one ingest through a route and reports what happened: the report of a finished ingest, or the reason
     * of a failure that was dead-lettered.
     */
    public IngestOutcome ingest(String endpoint, String market, String date, Object body) {
        return ingest(endpoint, market, date, body, Map.of());
    }

    /** As {@link #ingest(String, String, String, Object)}, with more exchange properties (a COT selection). */
    public IngestOutcome ingest(String endpoint, String market, String date, Object body,
            Map<String, Object> properties) {
        if (template == null) {
            template = context().createProducerTemplate();
        }
        Exchange exchange = template.send(endpoint, e -> {
            e.setProperty(IngestProperties.MARKET, market);
            e.setProperty(IngestProperties.DATE, date);
            properties.forEach(e::setProperty);
            e.getMessage().setBody(body);
        });
        // EXCEPTION_CAUGHT stays set after a retry that succeeded: only a dead letter (or an exception that
        // escaped the error handler) means this ingest failed.
        Exception failure = exchange.getException();
        if (failure == null && exchange.getProperty(IngestProperties.DEAD_LETTER) != null) {
            failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        }
        IngestReport report = exchange.getProperty(IngestReports.PROPERTY, IngestReport.class);
        return new IngestOutcome(market, date, failure == null ? report : null,
                failure == null ? null : DeadLetters.reason(failure));
    }

    @Override
    public void close() {
        if (template != null) {
            try {
                template.stop();
            } catch (RuntimeException ignored) {
                // stopping the context stops it anyway
            }
        }
        try {
            main.stop();
        } catch (Exception e) {
            throw Failures.unwrap(e);
        }
    }

    /** The result of one ingest: a report when it finished, a failure reason when it was dead-lettered. */
    public record IngestOutcome(String market, String date, IngestReport report, String failure) {

        public boolean clean() {
            return failure == null && report != null && report.rowsRejected() == 0;
        }
    }
}
