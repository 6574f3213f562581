package io.marketlake.features;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * Versioned migrations (Flyway) of one set of tables, each set with its own history table. On PostgreSQL one
 * process at a time migrates, under a session advisory lock: Flyway locks the migrations themselves but not the
 * creation and baselining of its history table, so two daemons starting together on an empty database would
 * otherwise both create it and the second fail ("already exists, and is empty").
 */
public final class SchemaMigrations {

    private static final long MIGRATION_LOCK = 0x6d6b746d696772L;

    private SchemaMigrations() {
    }

    /**
     * Creates or upgrades the tables of {@code location}. A database that holds other tables already has its
     * history table baselined at version 0, so the first migration (which only creates what is not there) runs.
     */
    public static void migrate(DataSource dataSource, String location, String historyTable) {
        Flyway flyway = Flyway.configure().dataSource(dataSource).locations("classpath:" + location)
                .table(historyTable).baselineOnMigrate(true).baselineVersion("0").loggers("slf4j").load();
        try (Connection lock = dataSource.getConnection()) {
            boolean postgresql = lock.getMetaData().getDatabaseProductName().startsWith("PostgreSQL");
            if (!postgresql) {
                flyway.migrate();
                return;
            }
            advisory(lock, "SELECT pg_advisory_lock(?)");
            try {
                flyway.migrate();
            } finally {
                advisory(lock, "SELECT pg_advisory_unlock(?)");
            }
        } catch (SQLException e) {
            throw new FlywayException("cannot take the migration lock: " + e.getMessage(), e);
        }
    }

    private static void advisory(Connection connection, String sql) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, MIGRATION_LOCK);
            statement.execute();
        }
    }
}
