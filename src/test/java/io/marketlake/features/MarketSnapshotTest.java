package io.marketlake.features;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketlake.MutableClock;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A SQLite store keeps the market a timeline read in memory and answers from it while no writer has committed,
 * exactly as the database would: every writer, in this process or another, is seen by the next read.
 */
class MarketSnapshotTest {

    private static final Instant MON = Instant.parse("2026-02-16T00:00:00Z");
    private static final Instant TUE = Instant.parse("2026-02-17T00:00:00Z");
    private static final Instant WED = Instant.parse("2026-02-18T00:00:00Z");
    private static final Instant THU = Instant.parse("2026-02-19T00:00:00Z");
    private static final Instant REVISED = Instant.parse("2026-02-18T09:30:00.000400Z");

    @TempDir
    Path home;

    private String url;
    private MutableClock clock;
    private DataSource dataSource;
    private FeatureStore store;
    /** The same rows in a store that keeps nothing in memory: the database's own answers. */
    private FeatureStore database;

    @BeforeEach
    void storeWithRevisionsLateValuesAndStaleOnes() {
        url = "jdbc:sqlite:" + home.resolve("features.db");
        clock = new MutableClock(Instant.parse("2026-02-17T18:00:00Z"));
        Staleness staleness = new Staleness(Map.of("futures", "1td", "cot", "P7D"));
        dataSource = FeatureDataSources.create(url);
        store = new FeatureStore(dataSource, clock, staleness);
        database = new FeatureStore(FeatureDataSources.create(url), clock, staleness, 0);
        store.createSchema();
        Instant fri = MON.minus(Duration.ofDays(3));
        store.append(List.of(
                value("futures.close.HEJ6", fri, MON, 89.0),
                value("futures.close.HEJ6", MON, TUE, 90.0),
                value("futures.close.HEJ6", TUE, WED, 91.5),
                // a later as_of published before an earlier one: the greater as_of answers once both are known
                value("futures.close.HEK6", TUE, WED, 95.0),
                value("futures.close.HEK6", MON, WED.plusSeconds(3_600), 94.0),
                value("cot_managed_money_net", fri.minus(Duration.ofDays(3)), fri, 12_000.0),
                new FeatureValue("HE", "options.iv.front", TUE, WED.plusNanos(900_000), null, Quality.MISSING),
                new FeatureValue("LE", "futures.close.LEJ6", MON, TUE, 230.0, Quality.DEGRADED)));
        clock.set(REVISED);
        store.append(List.of(value("futures.close.HEJ6", TUE, WED, 91.75)));
    }

    @AfterEach
    void close() {
        store.close();
        database.close();
    }

    @Test
    void after_a_timeline_every_read_is_answered_from_memory_as_the_database_answers_it() {
        List<Instant> times = times();
        List<List<FeaturePoint>> first = readTimeline(store, store.featureNames("HE"), times);

        assertThat(store.inMemory("HE")).isTrue();
        assertThat(readTimeline(store, store.featureNames("HE"), times)).isEqualTo(first);
        assertThat(readTimeline(store, List.of("options.iv.front", "nothing.such", "futures.close.HEK6"), times))
                .isEqualTo(readTimeline(database, List.of("options.iv.front", "nothing.such", "futures.close.HEK6"),
                        times));
        for (Instant time : times) {
            assertThat(store.at("HE", time)).as("at %s", time).isEqualTo(database.at("HE", time));
            for (String feature : List.of("futures.close.HEJ6", "futures.close.HEK6", "options.iv.front",
                    "cot_managed_money_net", "nothing.such")) {
                assertThat(store.at("HE", feature, time)).as("%s at %s", feature, time)
                        .isEqualTo(database.at("HE", feature, time));
            }
        }
        assertThat(store.atEach("HE", times)).isEqualTo(database.atEach("HE", times));
        assertThat(store.at("LE", THU)).isEqualTo(database.at("LE", THU)).hasSize(1);
        assertThat(store.inMemory("HE")).isTrue();
    }

    @Test
    void a_value_written_through_the_store_is_served_at_once() {
        readTimeline(store, store.featureNames("HE"), times());
        clock.set(THU);

        store.append(List.of(value("futures.close.HEJ6", WED, THU, 92.0)));

        assertThat(store.at("HE", "futures.close.HEJ6", THU).orElseThrow().value()).isEqualTo(92.0);
    }

    @Test
    void a_row_inserted_by_plain_sql_on_the_same_pool_is_served_at_once() throws Exception {
        readTimeline(store, store.featureNames("HE"), times());

        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement("INSERT INTO features (market, feature_name,"
                        + " as_of, available_at, recorded_at, value, quality) VALUES ('HE', 'futures.close.HEJ6',"
                        + " ?, ?, ?, 92.0, 'normal')")) {
            insert.setLong(1, WED.toEpochMilli());
            insert.setLong(2, THU.toEpochMilli());
            insert.setLong(3, THU.toEpochMilli());
            insert.executeUpdate();
        }

        assertThat(store.at("HE", THU)).isEqualTo(database.at("HE", THU))
                .filteredOn(p -> p.feature().equals("futures.close.HEJ6")).singleElement()
                .satisfies(p -> assertThat(p.value()).isEqualTo(92.0));
    }

    /** The daemon writes while a CLI (or a research process) reads: the next read sees the daemon's commit. */
    @Test
    void a_value_written_by_another_process_is_served_at_once() throws Exception {
        readTimeline(store, store.featureNames("HE"), times());
        assertThat(store.inMemory("HE")).isTrue();

        Process writer = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                WriterProcess.class.getName(), url, "HE", "futures.close.HEJ6", WED.toString(), THU.toString(), "92.0")
                .redirectErrorStream(true).redirectOutput(home.resolve("writer.log").toFile()).start();
        assertThat(writer.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(writer.exitValue()).as("the writer process's exit").isZero();

        assertThat(store.at("HE", "futures.close.HEJ6", THU).orElseThrow().value()).isEqualTo(92.0);
        assertThat(readTimeline(store, List.of("futures.close.HEJ6"), List.of(THU)).get(0).get(0).value())
                .isEqualTo(92.0);
    }

    @Test
    void a_feature_first_written_by_another_writer_is_in_the_next_answer_of_a_store_that_kept_the_names() {
        List<String> before = store.at("HE", THU).stream().map(FeaturePoint::feature).toList();
        assertThat(before).doesNotContain("futures.close.HEM6");

        // another writer (its own pool) adds a feature whose value was available long before THU
        database.append(List.of(value("futures.close.HEM6", MON, TUE, 97.0)));

        assertThat(store.at("HE", THU)).extracting(FeaturePoint::feature).contains("futures.close.HEM6")
                .containsAll(before);
        assertThat(store.at("HE", THU)).isEqualTo(database.at("HE", THU));
    }

    @Test
    void a_timeline_as_recorded_reads_the_database_not_the_snapshot() {
        readTimeline(store, store.featureNames("HE"), times());

        try (FeatureTimeline timeline = store.timeline("HE", List.of("futures.close.HEJ6"), REVISED.minusMillis(1))) {
            assertThat(timeline.at(THU).get(0).value()).isEqualTo(91.5);
        }
    }

    @Test
    void a_market_with_more_rows_than_a_snapshot_may_hold_is_read_from_the_database_every_time() {
        FeatureStore small = new FeatureStore(dataSource, clock, new Staleness(Map.of("futures", "1td", "cot",
                "P7D")), 3);
        List<List<FeaturePoint>> answers = readTimeline(small, small.featureNames("HE"), times());

        assertThat(small.inMemory("HE")).isFalse();
        assertThat(answers).isEqualTo(readTimeline(database, database.featureNames("HE"), times()));
        small.close();
    }

    @Test
    void a_timeline_opened_while_another_keeps_its_start_when_a_writer_commits() {
        readTimeline(store, store.featureNames("HE"), times());
        try (FeatureTimeline timeline = store.timeline("HE", List.of("futures.close.HEJ6"), null)) {
            clock.set(THU);
            store.append(List.of(value("futures.close.HEJ6", WED, THU, 92.0)));

            assertThat(timeline.at(THU).get(0).value()).isEqualTo(91.75);
        }
        assertThat(store.at("HE", "futures.close.HEJ6", THU).orElseThrow().value()).isEqualTo(92.0);
    }

    private static List<List<FeaturePoint>> readTimeline(FeatureStore store, List<String> features,
            List<Instant> times) {
        List<List<FeaturePoint>> answers = new ArrayList<>();
        try (FeatureTimeline timeline = store.timeline("HE", features, null)) {
            for (Instant time : times) {
                answers.add(timeline.at(time));
            }
        }
        return answers;
    }

    private static List<Instant> times() {
        return List.of(MON.minus(Duration.ofDays(10)), MON.minusMillis(1), MON, TUE, WED.minusNanos(1), WED,
                WED.plusNanos(900_000), WED.plusMillis(1), WED.plusSeconds(3_600), REVISED.minusMillis(1), REVISED,
                REVISED.plusMillis(1), THU, THU.plus(Duration.ofDays(9)));
    }

    private static FeatureValue value(String feature, Instant asOf, Instant availableAt, double value) {
        return new FeatureValue("HE", feature, asOf, availableAt, value, Quality.NORMAL);
    }
}
