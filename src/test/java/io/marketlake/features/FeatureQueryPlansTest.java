package io.marketlake.features;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SQLite's plans for the point-in-time reads seek the primary key: none reads the market's history before t. */
class FeatureQueryPlansTest {

    @TempDir
    Path home;

    @Test
    void a_lookup_at_a_time_seeks_one_feature_up_to_t_and_reads_it_backwards_without_sorting() throws Exception {
        // seeking to as_of <= t: without the bound it reads back over every row of the feature after t
        assertThat(plan(FeatureStore.LATEST_AT, "HE", "f", 5L, 5L))
                .anyMatch(step -> step.contains("(market=? AND feature_name=? AND as_of<?)"))
                .noneMatch(step -> step.contains("features_by_availability"))
                .noneMatch(step -> step.contains("TEMP B-TREE"));
    }

    @Test
    void all_features_at_a_time_are_one_statement_seeking_each_feature_up_to_t_and_its_row_by_rowid() throws Exception {
        assertThat(plan(FeatureStore.ALL_AT_SQLITE, "HE", "HE", "HE", 5L, 5L))
                .anyMatch(step -> step.contains("(market=? AND feature_name>?)"))
                .anyMatch(step -> step.contains("(market=? AND feature_name=? AND as_of<?)"))
                .anyMatch(step -> step.startsWith("SEARCH f USING INTEGER PRIMARY KEY (rowid=?)"))
                .noneMatch(step -> step.contains("features_by_availability"))
                .noneMatch(step -> step.startsWith("SCAN f"))
                // the only sort is of the names found, to put them in order
                .filteredOn(step -> step.contains("TEMP B-TREE")).containsExactly("USE TEMP B-TREE FOR ORDER BY");
    }

    @Test
    void all_features_of_known_names_are_one_statement_seeking_each_name_up_to_t() throws Exception {
        assertThat(plan(FeatureStore.allAtNamed(3), "HE", 5L, 5L, "a", "b", "c"))
                .anyMatch(step -> step.contains("(market=? AND feature_name=? AND as_of<?)"))
                .anyMatch(step -> step.startsWith("SEARCH f USING INTEGER PRIMARY KEY (rowid=?)"))
                .noneMatch(step -> step.contains("features_by_availability"))
                .noneMatch(step -> step.startsWith("SCAN f"))
                .noneMatch(step -> step.contains("(market=? AND feature_name>?)"));
    }

    @Test
    void the_feature_names_are_found_by_seeks_not_by_a_scan_of_the_market() throws Exception {
        assertThat(plan(FeatureStore.NAMES, "HE", "HE"))
                .anyMatch(step -> step.contains("(market=? AND feature_name>?)"))
                .noneMatch(step -> step.startsWith("SCAN features"));
    }

    @Test
    void the_revision_check_reads_a_range_of_one_feature() throws Exception {
        assertThat(plan(FeatureStore.KNOWN, "HE", "f", 1L, 2L))
                .anyMatch(step -> step.contains("(market=? AND feature_name=? AND as_of>? AND as_of<?)"));
    }

    private List<String> plan(String sql, Object... parameters) throws Exception {
        DataSource dataSource = FeatureDataSources.create("jdbc:sqlite:" + home.resolve("features.db"));
        new FeatureStore(dataSource, Clock.systemUTC(), new Staleness(Map.of())).createSchema();
        List<String> steps = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement explain = connection.prepareStatement("EXPLAIN QUERY PLAN " + sql)) {
            for (int i = 0; i < parameters.length; i++) {
                explain.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rs = explain.executeQuery()) {
                while (rs.next()) {
                    steps.add(rs.getString("detail"));
                }
            }
        }
        return steps;
    }
}
