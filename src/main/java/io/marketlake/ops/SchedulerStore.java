package io.marketlake.ops;

import com.zaxxer.hikari.HikariDataSource;
import io.marketlake.ConfigurationException;
import io.marketlake.Settings;
import io.marketlake.features.FeatureDataSources;
import io.marketlake.features.SchemaMigrations;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;
import java.util.TimeZone;
import org.apache.camel.CamelContext;
import org.apache.camel.ExtendedStartupListener;
import org.apache.camel.component.quartz.QuartzComponent;
import org.flywaydb.core.api.FlywayException;
import org.quartz.CronScheduleBuilder;
import org.quartz.CronTrigger;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerKey;
import org.quartz.utils.ConnectionProvider;
import org.quartz.utils.DBConnectionManager;

/**
 * Where Quartz keeps the daemon's triggers ({@code marketlake.scheduler.store}). {@code memory}: in this process,
 * which fires every trigger itself. {@code jdbc}: in the feature store's PostgreSQL database, clustered, so
 * daemons on one database share the triggers: each fire runs on exactly one of them, and when one dies the others
 * fire the next ones and re-run a fire it had begun (the routes' jobs are recoverable). Applies to the daemon only:
 * a one-shot command never joins the cluster, where it could take a fire it has no started route for.
 */
public final class SchedulerStore implements AutoCloseable {

    public static final String STORE_KEY = "marketlake.scheduler.store";
    public static final String CHECKIN_KEY = "marketlake.scheduler.checkin-interval";
    /** The Quartz scheduler's name, the same on every daemon of a cluster (the tables' SCHED_NAME). */
    static final String SCHEDULER_NAME = "marketlake";
    /** The triggers' group: the routes' {@code quartz:marketlake/<name>}. */
    static final String TRIGGER_GROUP = "marketlake";
    private static final String DATA_SOURCE = "marketlake";
    private static final String MIGRATIONS = "db/scheduler";
    private static final int THREADS = 4;

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SchedulerStore.class);

    private final HikariDataSource pool;

    private SchedulerStore(HikariDataSource pool) {
        this.pool = pool;
    }

    /** Sets up camel-quartz for the configured store; for {@code jdbc}, its tables are created or upgraded first. */
    public static SchedulerStore configure(CamelContext context, Settings settings, MarketSchedules schedules) {
        String store = settings.get(STORE_KEY);
        if (store.equals("memory")) {
            return new SchedulerStore(null);
        }
        if (!store.equals("jdbc")) {
            throw new ConfigurationException(STORE_KEY + " must be memory or jdbc, not '" + store + "'");
        }
        String url = settings.get("marketlake.features.jdbc-url");
        if (!url.startsWith("jdbc:postgresql:")) {
            throw new ConfigurationException(STORE_KEY + "=jdbc keeps the schedules in the feature store's PostgreSQL"
                    + " database: marketlake.features.jdbc-url must be jdbc:postgresql://HOST:PORT/DB, not "
                    + FeatureDataSources.masked(url));
        }
        Duration checkin = settings.duration(CHECKIN_KEY);
        if (checkin.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new ConfigurationException(CHECKIN_KEY + " must be at least PT1S, not " + checkin);
        }
        // Quartz's scheduler thread, its cluster manager and the worker threads each hold a connection at times
        HikariDataSource pool = FeatureDataSources.postgresql(url, "marketlake-scheduler", THREADS + 3,
                Duration.ofSeconds(30));
        try {
            migrate(pool, url);
            DBConnectionManager.getInstance().addConnectionProvider(DATA_SOURCE, new PooledConnections(pool));
            QuartzComponent quartz = context.getComponent("quartz", QuartzComponent.class);
            // every daemon of the cluster must use the same scheduler name, not one suffixed per context
            quartz.setPrefixInstanceName(false);
            quartz.setProperties(clustered(checkin));
            context.addStartupListener(new ZoneReconciler(quartz, schedules));
        } catch (RuntimeException | Error e) {
            pool.close();
            throw e;
        } catch (Exception e) {
            pool.close();
            throw new IllegalStateException("cannot set up the clustered scheduler", e);
        }
        LOG.info("Schedules kept in {} (clustered, check-in every {})", FeatureDataSources.masked(url), checkin);
        return new SchedulerStore(pool);
    }

    private static void migrate(HikariDataSource pool, String url) {
        try {
            SchemaMigrations.migrate(pool, MIGRATIONS, "scheduler_schema_history");
        } catch (FlywayException e) {
            throw new IllegalStateException("cannot create or upgrade the scheduler's tables in "
                    + FeatureDataSources.masked(url) + ": " + e.getMessage(), e);
        }
    }

    /**
     * Quartz's JDBC job store, clustered. An idle daemon looks for due triggers as often as it checks in, so after a
     * failover the survivor takes the next trigger within about one interval of noticing the other gone (a daemon
     * silent for an interval plus 7.5 s, Quartz's margin).
     */
    static Properties clustered(Duration checkin) {
        Properties quartz = new Properties();
        quartz.setProperty("org.quartz.scheduler.instanceName", SCHEDULER_NAME);
        quartz.setProperty("org.quartz.scheduler.instanceId", "AUTO");
        quartz.setProperty("org.quartz.scheduler.idleWaitTime", String.valueOf(checkin.toMillis()));
        quartz.setProperty("org.quartz.threadPool.class", "org.quartz.simpl.SimpleThreadPool");
        quartz.setProperty("org.quartz.threadPool.threadCount", String.valueOf(THREADS));
        quartz.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
        quartz.setProperty("org.quartz.jobStore.driverDelegateClass",
                "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
        quartz.setProperty("org.quartz.jobStore.dataSource", DATA_SOURCE);
        quartz.setProperty("org.quartz.jobStore.tablePrefix", "QRTZ_");
        quartz.setProperty("org.quartz.jobStore.isClustered", "true");
        quartz.setProperty("org.quartz.jobStore.clusterCheckinInterval", String.valueOf(checkin.toMillis()));
        quartz.setProperty("org.quartz.jobStore.acquireTriggersWithinLock", "true");
        quartz.setProperty("org.quartz.jobStore.misfireThreshold", "60000");
        return quartz;
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.close();
        }
    }

    /** Quartz's connections from the scheduler's own pool. */
    private record PooledConnections(HikariDataSource pool) implements ConnectionProvider {

        @Override
        public Connection getConnection() throws SQLException {
            return pool.getConnection();
        }

        @Override
        public void shutdown() {
            // closed with the application's beans (the scheduler shuts down first)
        }

        @Override
        public void initialize() {
            // the pool opens connections on first use
        }
    }

    /**
     * A stored trigger keeps the zone it was first stored with: camel-quartz replaces a stored trigger only when
     * its cron expression changed. So once the context has started, a trigger whose stored zone is not the
     * configured one is rescheduled in the configured zone, and the change of a market's zone takes effect as it
     * does without a cluster.
     */
    private record ZoneReconciler(QuartzComponent quartz, MarketSchedules schedules)
            implements ExtendedStartupListener {

        @Override
        public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
            // the triggers are stored once every route has started
        }

        @Override
        public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted)
                throws SchedulerException {
            Scheduler scheduler = quartz.getScheduler();
            for (MarketSchedules.Trigger configured : schedules.triggers()) {
                TriggerKey key = TriggerKey.triggerKey(configured.routeId(), TRIGGER_GROUP);
                Trigger stored = scheduler.getTrigger(key);
                TimeZone zone = TimeZone.getTimeZone(configured.zone());
                if (stored instanceof CronTrigger old && !old.getTimeZone().getID().equals(zone.getID())) {
                    LOG.info("Trigger {} moves from {} to {}", key, old.getTimeZone().getID(), zone.getID());
                    CronScheduleBuilder schedule = ((CronScheduleBuilder) old.getScheduleBuilder()).inTimeZone(zone);
                    scheduler.rescheduleJob(key, old.getTriggerBuilder().withSchedule(schedule).startNow().build());
                }
            }
        }
    }
}
