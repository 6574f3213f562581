package io.marketlake.features;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.SQLExceptionOverride;
import io.marketlake.ConfigurationException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import javax.sql.DataSource;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The feature store's DataSource, made from the configured JDBC URL: SQLite ({@code jdbc:sqlite:FILE}) or
 * PostgreSQL ({@code jdbc:postgresql://host:port/db}), each through a HikariCP pool. A PostgreSQL user and password
 * come from the URL or from the environment ({@link #USER_VARIABLE}, {@link #PASSWORD_VARIABLE}) and are never
 * logged: a URL in a message has its password masked.
 */
public final class FeatureDataSources {

    public static final String USER_VARIABLE = "MARKETLAKE_FEATURES_USER";
    public static final String PASSWORD_VARIABLE = "MARKETLAKE_FEATURES_PASSWORD";

    private FeatureDataSources() {
    }

    public static DataSource create(String jdbcUrl) {
        return create(jdbcUrl, Duration.ofSeconds(30));
    }

    /** {@code busyTimeout}: how long a write waits for another writer's lock before it fails. */
    public static DataSource create(String jdbcUrl, Duration busyTimeout) {
        return create(jdbcUrl, busyTimeout, System.getenv());
    }

    static DataSource create(String jdbcUrl, Duration busyTimeout, Map<String, String> environment) {
        if (jdbcUrl.startsWith("jdbc:sqlite:")) {
            return sqlite(jdbcUrl, busyTimeout);
        }
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            return postgresql(jdbcUrl, busyTimeout, environment);
        }
        throw new ConfigurationException("marketlake.features.jdbc-url: jdbc:sqlite:FILE or"
                + " jdbc:postgresql://HOST:PORT/DB, not " + masked(jdbcUrl));
    }

    /** The URL as a message may show it: any password masked. */
    public static String masked(String jdbcUrl) {
        return jdbcUrl.replaceAll("(?i)(password=)[^&;]*", "$1***").replaceAll("//([^/@:]+):[^/@]*@", "//$1:***@");
    }

    /**
     * WAL lets readers query while the pipeline writes; IMMEDIATE transactions take the write lock at BEGIN, so
     * two writers (the daemon and a CLI backfill) serialize instead of both deciding a value is new. The pool keeps
     * a few connections open (each with these settings) instead of opening the file for every statement.
     */
    private static DataSource sqlite(String jdbcUrl, Duration busyTimeout) {
        String file = jdbcUrl.substring("jdbc:sqlite:".length());
        int options = file.indexOf('?');
        Path path = Path.of(options >= 0 ? file.substring(0, options) : file);
        if (path.getParent() != null) {
            try {
                Files.createDirectories(path.getParent());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the directory of " + path, e);
            }
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.setBusyTimeout((int) Math.min(Integer.MAX_VALUE, busyTimeout.toMillis()));
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        // 32 MiB of page cache a connection (SQLite's default is 2 MiB): a batch of a day's values touches a page of
        // every feature's part of the primary key, and a store of millions of rows no longer rereads them per batch
        config.setCacheSize(-32768);
        SQLiteDataSource sqlite = new SQLiteDataSource(config);
        sqlite.setUrl(jdbcUrl);
        HikariConfig pool = pool("marketlake-features-sqlite", busyTimeout);
        pool.setDataSource(sqlite);
        pool.setMaximumPoolSize(4);
        // a connection whose BEGIN IMMEDIATE met another writer's lock believes it is in a transaction SQLite
        // never began ("cannot rollback - no transaction is active" on its next use): never hand it out again
        pool.setExceptionOverride(new SQLExceptionOverride() {
            @java.lang.Override
            public SQLExceptionOverride.Override adjudicate(java.sql.SQLException e) {
                return SQLExceptionOverride.Override.MUST_EVICT;
            }
        });
        return new HikariDataSource(pool);
    }

    private static DataSource postgresql(String jdbcUrl, Duration busyTimeout, Map<String, String> environment) {
        return postgresql(jdbcUrl, "marketlake-features-postgresql", 8, busyTimeout, environment);
    }

    /**
     * Another pool on the feature store's PostgreSQL database, with the same credentials, for another client of
     * that database (the clustered scheduler), so neither can starve the other of connections.
     */
    public static HikariDataSource postgresql(String jdbcUrl, String poolName, int size, Duration connectTimeout) {
        if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new ConfigurationException("not a PostgreSQL URL: " + masked(jdbcUrl));
        }
        return postgresql(jdbcUrl, poolName, size, connectTimeout, System.getenv());
    }

    private static HikariDataSource postgresql(String jdbcUrl, String poolName, int size, Duration connectTimeout,
            Map<String, String> environment) {
        HikariConfig pool = pool(poolName, connectTimeout);
        pool.setJdbcUrl(jdbcUrl);
        if (environment.get(USER_VARIABLE) != null) {
            pool.setUsername(environment.get(USER_VARIABLE));
        }
        if (environment.get(PASSWORD_VARIABLE) != null) {
            pool.setPassword(environment.get(PASSWORD_VARIABLE));
        }
        pool.setMaximumPoolSize(size);
        // opened on first use: a read-only command that never touches the store does not wait for the server
        pool.setInitializationFailTimeout(-1);
        return new HikariDataSource(pool);
    }

    private static HikariConfig pool(String name, Duration busyTimeout) {
        HikariConfig pool = new HikariConfig();
        pool.setPoolName(name);
        pool.setMinimumIdle(0);
        pool.setConnectionTimeout(Math.max(250, busyTimeout.toMillis()));
        pool.setAutoCommit(true);
        return pool;
    }
}
