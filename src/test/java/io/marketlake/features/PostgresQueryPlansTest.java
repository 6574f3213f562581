package io.marketlake.features;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketlake.TestPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL's plans for the point-in-time reads, on a store of 100,000 rows it has analysed: each seeks the
 * primary key, none scans the table or sorts.
 */
class PostgresQueryPlansTest {

    private static final long DAY = 86_400_000L;

    private DataSource dataSource;

    @BeforeEach
    void storeOfAHundredThousandRows() throws Exception {
        dataSource = FeatureDataSources.create(TestPostgres.freshSchemaUrl());
        new FeatureStore(dataSource, Clock.systemUTC(), new Staleness(Map.of())).createSchema();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement("INSERT INTO features (market, feature_name,"
                        + " as_of, available_at, recorded_at, value, quality) VALUES ('HE', ?, ?, ?, ?, 1.0, 'normal')")) {
            connection.setAutoCommit(false);
            for (int f = 0; f < 50; f++) {
                for (int d = 0; d < 2_000; d++) {
                    insert.setString(1, "feature." + f);
                    insert.setLong(2, d * DAY);
                    insert.setLong(3, d * DAY + DAY);
                    insert.setLong(4, d * DAY + DAY);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            connection.commit();
            connection.setAutoCommit(true);
            try (Statement statement = connection.createStatement()) {
                statement.execute("ANALYZE features");
            }
        }
    }

    @Test
    void a_lookup_at_a_time_reads_one_feature_backwards_from_t_on_the_primary_key() throws Exception {
        assertThat(plan(FeatureStore.LATEST_AT, "HE", "feature.7", 1_500 * DAY, 1_500 * DAY))
                .anyMatch(step -> step.contains("Index Scan Backward using features_pk"))
                .anyMatch(step -> step.contains("as_of <="))
                .noneMatch(step -> step.contains("Seq Scan") || step.contains("Sort"));
    }

    @Test
    void all_features_at_a_time_are_one_statement_reading_each_feature_backwards_from_t() throws Exception {
        List<String> plan = plan(FeatureStore.ALL_AT_POSTGRESQL, "HE", "HE", "HE", 1_500 * DAY, 1_500 * DAY);
        assertThat(plan).as(String.join("\n", plan))
                .anyMatch(step -> step.contains("Index Scan Backward using features_pk"))
                .anyMatch(step -> step.contains("as_of <="))
                .noneMatch(step -> step.contains("Seq Scan"))
                // the only sort is of the names found, to put them in order
                .filteredOn(step -> step.contains("Sort Key")).allMatch(step -> step.contains("names.name"));
    }

    @Test
    void the_feature_names_are_found_by_seeks_not_by_a_scan_of_the_market() throws Exception {
        assertThat(plan(FeatureStore.NAMES, "HE", "HE"))
                .anyMatch(step -> step.contains("using features_pk"))
                .noneMatch(step -> step.contains("Seq Scan"));
    }

    @Test
    void the_revision_check_reads_a_range_of_one_feature() throws Exception {
        assertThat(plan(FeatureStore.KNOWN, "HE", "feature.7", 10 * DAY, 20 * DAY))
                .anyMatch(step -> step.contains("using features_pk"))
                .noneMatch(step -> step.contains("Seq Scan"));
    }

    private List<String> plan(String sql, Object... parameters) throws Exception {
        List<String> steps = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement explain = connection.prepareStatement("EXPLAIN " + sql)) {
            for (int i = 0; i < parameters.length; i++) {
                explain.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rs = explain.executeQuery()) {
                while (rs.next()) {
                    steps.add(rs.getString(1));
                }
            }
        }
        return steps;
    }
}
