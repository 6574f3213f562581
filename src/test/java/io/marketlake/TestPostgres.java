package io.marketlake;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The real PostgreSQL server the tests run against: {@code .ci/run} starts a throwaway PostgreSQL 15 cluster on a
 * free loopback port and gives its URL in {@link #URL_VARIABLE}. Without it the PostgreSQL tests are skipped, and
 * fail when {@link #REQUIRED_VARIABLE} says a server was promised (CI).
 */
public final class TestPostgres {

    public static final String URL_VARIABLE = "MARKETLAKE_TEST_POSTGRES_URL";
    public static final String REQUIRED_VARIABLE = "MARKETLAKE_REQUIRE_POSTGRES";

    private TestPostgres() {
    }

    /** A JDBC URL whose connections use a new, empty schema of the test server, so every test starts clean. */
    public static String freshSchemaUrl() {
        String url = System.getenv(URL_VARIABLE);
        if (url == null || url.isBlank()) {
            if (System.getenv(REQUIRED_VARIABLE) != null) {
                Assertions.fail(REQUIRED_VARIABLE + " is set but " + URL_VARIABLE + " is not: no PostgreSQL server");
            }
            Assumptions.abort("no PostgreSQL server: " + URL_VARIABLE + " is not set (.ci/run starts one)");
        }
        String schema = "t_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reach the test PostgreSQL server at " + url, e);
        }
        return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }
}
