package io.marketlake.features;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketlake.MutableClock;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The schema's migrations: a store made before them upgrades in place; the newest version is the one skipped. */
class FeatureMigrationsTest {

    @TempDir
    Path home;

    @Test
    void the_newest_migration_is_the_version_a_current_store_skips() throws URISyntaxException, Exception {
        Path migrations = Path.of(FeatureStore.class.getClassLoader().getResource(FeatureStore.MIGRATIONS).toURI());
        Pattern version = Pattern.compile("V(\\d+)__.*\\.sql");
        int newest;
        try (Stream<Path> files = Files.list(migrations)) {
            newest = files.map(p -> version.matcher(p.getFileName().toString())).filter(Matcher::matches)
                    .mapToInt(m -> Integer.parseInt(m.group(1))).max().orElseThrow();
        }
        assertThat(FeatureStore.NEWEST_MIGRATION).isEqualTo(String.valueOf(newest));
    }

    @Test
    void a_store_made_before_migrations_keeps_its_rows_and_is_upgraded_in_place() throws Exception {
        String url = "jdbc:sqlite:" + home.resolve("features.db");
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
            // the schema as the code before migrations created it
            statement.execute("CREATE TABLE features (market VARCHAR(32) NOT NULL, feature_name VARCHAR(200) NOT NULL,"
                    + " as_of BIGINT NOT NULL, available_at BIGINT NOT NULL, recorded_at BIGINT NOT NULL,"
                    + " value DOUBLE PRECISION, quality VARCHAR(16) NOT NULL,"
                    + " CONSTRAINT features_pk PRIMARY KEY (market, feature_name, as_of, available_at))");
            statement.execute("INSERT INTO features VALUES ('HE', 'futures.close.HEJ6', 1771286400000, 1771372800000,"
                    + " 1771372800000, 91.5, 'normal')");
        }
        FeatureStore store = new FeatureStore(FeatureDataSources.create(url),
                new MutableClock(Instant.parse("2026-02-20T00:00:00Z")), new Staleness(Map.of()));

        store.createSchema();
        store.createSchema();

        assertThat(store.at("HE", Instant.parse("2026-02-19T00:00:00Z"))).singleElement()
                .satisfies(p -> assertThat(p.value()).isEqualTo(91.5));
        assertThat(store.ledgerSummary("futures", "HE").batches()).isZero();
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT version FROM flyway_schema_history ORDER BY installed_rank")) {
            List<String> versions = new java.util.ArrayList<>();
            while (rs.next()) {
                versions.add(rs.getString(1));
            }
            assertThat(versions).containsExactly("0", "1");
        }
    }
}
