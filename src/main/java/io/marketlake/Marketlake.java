package io.marketlake;

import io.marketlake.ingest.Ingestion;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainConfigurationProperties;
import org.apache.camel.spi.PropertiesComponent;

/**
 * The application as the command line uses it: Camel Main with the configuration from {@code config/} and the
 * routes from {@code routes/*.yaml}, started for one command (or run as the daemon) and stopped after; or, for a
 * command that only reads the stores, the same beans from the same configuration without routes or a started
 * context ({@link #open}).
 */
public final class Marketlake implements AutoCloseable {

    /** The first location that defines a key wins: the operator's file, then the copy bundled in the jar. */
    public static final String PROPERTY_LOCATIONS =
            "file:config/application.properties;optional=true,classpath:application.properties;optional=true";

    private final Main main;
    private final CamelContext readOnly;

    private Marketlake(Main main, CamelContext readOnly) {
        this.main = main;
        this.readOnly = readOnly;
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
        return new Marketlake(main, null);
    }

    /** Starts Camel for a one-shot command: schedules off, routes ready to be called. */
    public static Marketlake start(Map<String, String> overrides) {
        Map<String, String> oneShot = new java.util.HashMap<>(overrides);
        oneShot.put("marketlake.schedules.enabled", "false");
        // the daemon's health and metrics port: a one-shot command beside a running daemon must not take it
        oneShot.put("camel.management.enabled", "false");
        oneShot.put("camel.metrics.enabled", "false");
        Marketlake marketlake = create(oneShot);
        try {
            marketlake.main.start();
        } catch (Exception e) {
            throw Failures.unwrap(e);
        }
        return marketlake;
    }

    /**
     * The application's beans for a command that only reads (features, lake read, slices verify, trading reads,
     * dlq list): the same configuration (locations, overrides, environment and system properties) bound into a
     * context that loads no route and never starts, so the answer comes without Camel's start-up.
     */
    public static Marketlake open(Map<String, String> overrides) {
        CamelContext context = configuredContext(overrides);
        try {
            new MarketlakeConfiguration(true).configure(context);
            return new Marketlake(null, context);
        } catch (RuntimeException e) {
            context.stop();
            throw e;
        }
    }

    private static CamelContext configuredContext(Map<String, String> overrides) {
        DefaultCamelContext context = new DefaultCamelContext(false);
        PropertiesComponent properties = context.getPropertiesComponent();
        properties.setLocation(PROPERTY_LOCATIONS);
        Properties given = new Properties();
        given.putAll(overrides);
        properties.setOverrideProperties(given);
        context.build();
        return context;
    }

    /**
     * marketlake.home as the application resolves it (same locations, overrides, environment and system
     * properties), without starting the application: reading dead letters must not open the feature store or routes.
     */
    public static Path home(Map<String, String> overrides) {
        CamelContext context = configuredContext(overrides);
        try {
            return new Settings(context).home();
        } finally {
            context.stop();
        }
    }

    /** Starts the daemon as {@code run} does (schedules as configured, health and metrics served), not blocking. */
    public static Marketlake startDaemon(Map<String, String> overrides) {
        Marketlake marketlake = create(overrides);
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
        return main != null ? main.getCamelContext() : readOnly;
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
        if (main == null || context().getRoute(routeId) == null) {
            throw new ConfigurationException("route " + routeId + " is not loaded: run marketlake from its directory"
                    + " (it reads routes/*.yaml and config/ from there) or set camel.main.routes-include-pattern");
        }
    }

    /** Sends one ingest through a route and reports what happened (see {@link Ingestion}). */
    public Ingestion.Outcome ingest(String endpoint, String market, String date, Object body) {
        return ingest(endpoint, market, date, body, Map.of());
    }

    public Ingestion.Outcome ingest(String endpoint, String market, String date, Object body,
            Map<String, Object> properties) {
        return bean("ingestion", Ingestion.class).ingest(endpoint, market, date, body, properties);
    }

    /** Sends a body to a route and returns what the route answered; a failure in the route is thrown. */
    public <T> T request(String endpoint, Object body, Class<T> type) {
        Exchange exchange = context().createProducerTemplate().send(endpoint, e -> e.getMessage().setBody(body));
        if (exchange.getException() != null) {
            throw exchange.getException() instanceof RuntimeException runtime ? runtime
                    : new IllegalStateException(exchange.getException());
        }
        return exchange.getMessage().getBody(type);
    }

    @Override
    public void close() {
        MarketlakeConfiguration.BuiltBeans built = context().getRegistry()
                .lookupByNameAndType(MarketlakeConfiguration.BuiltBeans.NAME, MarketlakeConfiguration.BuiltBeans.class);
        if (main == null) {
            // never started: stopping would only log Camel's shutdown lines after a read's answer
            if (built != null) {
                built.close();
            }
            return;
        }
        try {
            main.stop();
            if (built != null) {
                built.close();
            }
        } catch (Exception e) {
            throw Failures.unwrap(e);
        }
    }
}
