package io.marketlake.features;

import io.marketlake.ConfigurationException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import javax.sql.DataSource;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/** The feature store's DataSource, made from the configured JDBC URL. */
public final class FeatureDataSources {

    private FeatureDataSources() {
    }

    public static DataSource create(String jdbcUrl) {
        return create(jdbcUrl, Duration.ofSeconds(30));
    }

    /** {@code busyTimeout}: how long a write waits for another writer's lock before it fails. */
    public static DataSource create(String jdbcUrl, Duration busyTimeout) {
        if (jdbcUrl.startsWith("jdbc:sqlite:")) {
            return sqlite(jdbcUrl, busyTimeout);
        }
        throw new ConfigurationException("marketlake.features.jdbc-url: only jdbc:sqlite: is supported so far, not "
                + jdbcUrl.replaceAll("(?i)password=[^&;]*", "password=***"));
    }

    /**
     * WAL lets readers query while the pipeline writes; IMMEDIATE transactions take the write lock at BEGIN, so
     * two writers (the daemon and a CLI backfill) serialize instead of both deciding a value is new.
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
        SQLiteDataSource dataSource = new SQLiteDataSource(config);
        dataSource.setUrl(jdbcUrl);
        return dataSource;
    }
}
