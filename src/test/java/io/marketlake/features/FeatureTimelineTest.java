package io.marketlake.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.marketlake.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A timeline read in one pass answers every time exactly as {@code FeatureStore.at} does, on a real SQLite file. */
class FeatureTimelineTest {

    private static final Instant MON = Instant.parse("2026-02-16T00:00:00Z");
    private static final Instant TUE = Instant.parse("2026-02-17T00:00:00Z");
    private static final Instant WED = Instant.parse("2026-02-18T00:00:00Z");
    private static final Instant THU = Instant.parse("2026-02-19T00:00:00Z");
    private static final Instant REVISED = Instant.parse("2026-02-18T09:30:00.000400Z");

    @TempDir
    Path home;

    private MutableClock clock;
    private String url;
    private FeatureStore store;

    @BeforeEach
    void storeWithRevisionsLateValuesAndStaleOnes() {
        clock = new MutableClock(Instant.parse("2026-02-17T18:00:00Z"));
        url = jdbcUrl();
        store = new FeatureStore(FeatureDataSources.create(url), clock,
                new Staleness(Map.of("futures", "1td", "cot", "P7D")));
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
                new FeatureValue("HE", "options.iv.front", TUE, WED.plusNanos(900_000), null, Quality.MISSING)));
        clock.set(REVISED);
        store.append(List.of(value("futures.close.HEJ6", TUE, WED, 91.75)));
    }

    /** The store the promises are checked against: a SQLite file here, PostgreSQL in the subclass. */
    protected String jdbcUrl() {
        return "jdbc:sqlite:" + home.resolve("features.db");
    }

    @Test
    void every_time_is_answered_as_a_single_lookup_answers_it() {
        List<Instant> times = List.of(MON.minus(Duration.ofDays(10)), MON.minusMillis(1), MON, TUE, WED.minusNanos(1),
                WED, WED.plusNanos(900_000), WED.plusMillis(1), WED.plusSeconds(3_600), REVISED.minusMillis(1),
                REVISED, REVISED.plusMillis(1), THU, THU.plus(Duration.ofDays(9)));

        try (FeatureTimeline timeline = store.timeline("HE", store.featureNames("HE"), null)) {
            for (Instant time : times) {
                List<FeaturePoint> known = timeline.at(time).stream().filter(Objects::nonNull).toList();
                assertThat(known).as("at %s", time).isEqualTo(store.at("HE", time));
            }
        }
    }

    @Test
    void a_feature_not_known_yet_is_null_in_its_place() {
        try (FeatureTimeline timeline = store.timeline("HE", List.of("futures.close.HEK6", "futures.close.HEJ6"), null)) {
            List<FeaturePoint> monday = timeline.at(MON);

            assertThat(monday).hasSize(2);
            assertThat(monday.get(0)).isNull();
            assertThat(monday.get(1).value()).isEqualTo(89.0);
        }
    }

    @Test
    void as_recorded_before_a_revision_answers_with_the_original_value() {
        Instant later = THU;
        List<Double> now = new ArrayList<>();
        List<Double> before = new ArrayList<>();
        try (FeatureTimeline timeline = store.timeline("HE", List.of("futures.close.HEJ6"), null)) {
            now.add(timeline.at(later).get(0).value());
        }
        try (FeatureTimeline timeline = store.timeline("HE", List.of("futures.close.HEJ6"), REVISED.minusMillis(1))) {
            before.add(timeline.at(later).get(0).value());
        }

        assertThat(now).containsExactly(91.75);
        assertThat(before).containsExactly(91.5);
    }

    @Test
    void stale_values_carry_their_status() {
        try (FeatureTimeline timeline = store.timeline("HE", List.of("cot_managed_money_net"), null)) {
            // released Friday the 13th, P7D: overdue once the next Friday's release is more than due
            assertThat(timeline.at(THU).get(0).status()).isEqualTo(FeaturePoint.Status.OK);
            assertThat(timeline.at(THU.plus(Duration.ofDays(2))).get(0).status())
                    .isEqualTo(FeaturePoint.Status.STALE);
        }
    }

    /**
     * {@code features join} reading the store does not hold the pipeline's writes back (another process, which
     * would wait its busy timeout and fail); the timeline answers as the store stood when it was opened.
     */
    @Test
    void a_writer_is_not_held_back_while_a_timeline_is_read_and_the_timeline_keeps_its_start() {
        FeatureStore writer = new FeatureStore(FeatureDataSources.create(url, Duration.ofSeconds(2)), clock,
                new Staleness(Map.of()));
        try (FeatureTimeline timeline = store.timeline("HE", List.of("futures.close.HEJ6"), null)) {
            assertThat(timeline.at(MON).get(0).value()).isEqualTo(89.0);

            assertThat(writer.append(List.of(value("futures.close.HEJ6", WED, WED.plusSeconds(60), 93.0))))
                    .isEqualTo(1);

            assertThat(timeline.at(THU).get(0).value()).isEqualTo(91.75);
        }
        assertThat(store.at("HE", "futures.close.HEJ6", THU).orElseThrow().value()).isEqualTo(93.0);
    }

    @Test
    void a_time_before_the_previous_one_is_refused() {
        try (FeatureTimeline timeline = store.timeline("HE", store.featureNames("HE"), null)) {
            timeline.at(WED);
            assertThatThrownBy(() -> timeline.at(TUE)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("must not go back");
        }
    }

    @Test
    void the_market_s_feature_names_are_listed_in_order() {
        assertThat(store.featureNames("HE")).containsExactly("cot_managed_money_net", "futures.close.HEJ6",
                "futures.close.HEK6", "options.iv.front");
        assertThat(store.featureNames("LE")).isEmpty();
    }

    private static FeatureValue value(String feature, Instant asOf, Instant availableAt, double value) {
        return new FeatureValue("HE", feature, asOf, availableAt, value, Quality.NORMAL);
    }
}
