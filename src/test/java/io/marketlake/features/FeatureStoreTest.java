package io.marketlake.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.marketlake.MutableClock;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The point-in-time promises, against a real SQLite file (and a real PostgreSQL server: PostgresFeatureStoreTest). */
class FeatureStoreTest {

    private static final Instant MON = Instant.parse("2026-02-16T00:00:00Z");
    private static final Instant TUE = Instant.parse("2026-02-17T00:00:00Z");
    private static final Instant WED = Instant.parse("2026-02-18T00:00:00Z");
    private static final Instant THU = Instant.parse("2026-02-19T00:00:00Z");

    @TempDir
    Path home;

    private MutableClock clock;
    private FeatureStore store;

    @BeforeEach
    void open() {
        clock = new MutableClock(Instant.parse("2026-02-20T12:00:00Z"));
        store = new FeatureStore(FeatureDataSources.create(jdbcUrl()), clock,
                new Staleness(Map.of("futures", "1td", "cot", "P7D")));
        store.createSchema();
    }

    /** The store the promises are checked against: a SQLite file here, PostgreSQL in the subclass. */
    protected String jdbcUrl() {
        return "jdbc:sqlite:" + home.resolve("features.db");
    }

    @Test
    void a_value_is_invisible_until_its_available_at() {
        store.append(List.of(close(TUE, WED, 91.5)));

        assertThat(store.at("HE", WED.minusMillis(1))).isEmpty();
        assertThat(store.at("HE", WED)).singleElement().satisfies(p -> {
            assertThat(p.value()).isEqualTo(91.5);
            assertThat(p.asOf()).isEqualTo(TUE);
            assertThat(p.availableAt()).isEqualTo(WED);
        });
    }

    @Test
    void the_latest_as_of_known_at_the_time_wins() {
        store.append(List.of(close(MON, TUE, 90.0), close(TUE, WED, 91.5)));

        assertThat(store.at("HE", Instant.parse("2026-02-17T15:00:00Z"))).singleElement()
                .satisfies(p -> assertThat(p.value()).isEqualTo(90.0));
        assertThat(store.at("HE", Instant.parse("2026-02-18T15:00:00Z"))).singleElement()
                .satisfies(p -> assertThat(p.value()).isEqualTo(91.5));
    }

    @Test
    void identical_rewrites_add_nothing() {
        assertThat(store.append(List.of(close(TUE, WED, 91.5)))).isEqualTo(1);
        assertThat(store.append(List.of(close(TUE, WED, 91.5)))).isZero();
        assertThat(store.history("HE", "futures.close.HEJ6", MON, THU)).hasSize(1);
    }

    @Test
    void a_revision_is_a_new_row_available_from_when_it_was_observed() {
        store.append(List.of(close(TUE, WED, 91.5)));
        Instant observed = Instant.parse("2026-02-25T09:30:00Z");
        clock.set(observed);
        store.append(List.of(close(TUE, WED, 91.75)));

        assertThat(store.at("HE", observed.minusMillis(1))).singleElement()
                .satisfies(p -> assertThat(p.value()).isEqualTo(91.5));
        assertThat(store.at("HE", observed)).singleElement()
                .satisfies(p -> assertThat(p.value()).isEqualTo(91.75));
        assertThat(store.history("HE", "futures.close.HEJ6", TUE, TUE))
                .extracting(FeatureRow::value, FeatureRow::availableAt)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(91.5, WED),
                        org.assertj.core.groups.Tuple.tuple(91.75, observed));
    }

    @Test
    void the_timeline_join_answers_each_time_as_single_lookups_do() {
        store.append(List.of(close(MON, TUE, 90.0), close(TUE, WED, 91.5), close(WED, THU, 92.0),
                new FeatureValue("HE", "futures.close.front", TUE, WED, 91.5, Quality.NORMAL)));
        List<Instant> times = List.of(MON, TUE, Instant.parse("2026-02-18T12:00:00Z"), THU, THU.plusSeconds(86_400));

        Map<Instant, List<FeaturePoint>> timeline = store.atEach("HE", times);

        for (Instant time : times) {
            assertThat(timeline.get(time)).as("at %s", time).isEqualTo(store.at("HE", time));
        }
        assertThat(timeline.get(MON)).isEmpty();
        assertThat(timeline.get(THU)).hasSize(2);
    }

    @Test
    void one_feature_is_answered_as_the_market_lookup_answers_it_revisions_and_staleness_included() {
        Instant fri = Instant.parse("2026-02-13T00:00:00Z");
        store.append(List.of(close(fri, fri.plusSeconds(86_400), 89.0), close(MON, TUE, 90.0),
                new FeatureValue("HE", "futures.close.HEK6", MON, TUE, 95.0, Quality.DEGRADED)));
        Instant observed = Instant.parse("2026-02-17T09:30:00Z");
        clock.set(observed);
        store.append(List.of(close(MON, TUE, 90.25)));

        for (Instant time : List.of(fri, MON, TUE.minusNanos(1), TUE, observed.minusMillis(1), observed.plusNanos(1),
                THU.plusSeconds(5 * 86_400))) {
            List<FeaturePoint> all = store.at("HE", time);
            for (String feature : List.of("futures.close.HEJ6", "futures.close.HEK6")) {
                assertThat(store.at("HE", feature, time)).as("%s at %s", feature, time)
                        .isEqualTo(all.stream().filter(p -> p.feature().equals(feature)).findFirst());
            }
        }
        assertThat(store.at("HE", "futures.close.HEJ6", observed)).hasValueSatisfying(p -> {
            assertThat(p.value()).isEqualTo(90.25);
            assertThat(p.availableAt()).isEqualTo(observed);
        });
        assertThat(store.at("HE", "futures.close.HEJ6", THU.plusSeconds(5 * 86_400)).orElseThrow().status())
                .isEqualTo(FeaturePoint.Status.STALE);
        assertThat(store.at("HE", "futures.close.HEZ6", THU)).isEmpty();
        assertThat(store.at("LE", "futures.close.HEJ6", THU)).isEmpty();
    }

    @Test
    void an_old_value_is_served_as_stale() {
        // Friday's bar (as of Fri 13th, available Sat): fresh through Monday, stale once Tuesday begins.
        Instant fri = Instant.parse("2026-02-13T00:00:00Z");
        store.append(List.of(close(fri, fri.plusSeconds(86_400), 89.0)));

        assertThat(store.at("HE", Instant.parse("2026-02-16T20:00:00Z")).get(0).status())
                .isEqualTo(FeaturePoint.Status.OK);
        assertThat(store.at("HE", Instant.parse("2026-02-17T01:00:00Z")).get(0).status())
                .isEqualTo(FeaturePoint.Status.STALE);
    }

    @Test
    void markets_do_not_see_each_other() {
        store.append(List.of(close(TUE, WED, 91.5)));
        assertThat(store.at("LE", THU)).isEmpty();
    }

    @Test
    void a_value_available_within_a_millisecond_is_served_from_the_next_millisecond_never_earlier() {
        Instant availableAt = WED.plusNanos(900_000); // 00:00:00.0009
        store.append(List.of(close(TUE, availableAt, 91.5)));

        assertThat(store.at("HE", WED)).isEmpty();
        assertThat(store.at("HE", availableAt)).as("rounded up, so not yet at its own sub-millisecond instant")
                .isEmpty();
        assertThat(store.at("HE", WED.plusMillis(1))).singleElement().satisfies(p -> {
            assertThat(p.value()).isEqualTo(91.5);
            assertThat(p.availableAt()).isEqualTo(WED.plusMillis(1));
        });
    }

    @Test
    void the_timeline_join_takes_query_times_with_sub_millisecond_digits() {
        store.append(List.of(close(TUE, WED, 91.5)));
        List<Instant> times = List.of(WED.minusNanos(1), WED.plusNanos(1), WED.plusNanos(999_999), WED.plusMillis(1));

        Map<Instant, List<FeaturePoint>> timeline = store.atEach("HE", times);

        assertThat(timeline.keySet()).containsExactlyElementsOf(times);
        assertThat(timeline.get(WED.minusNanos(1))).isEmpty();
        for (Instant time : times) {
            assertThat(timeline.get(time)).as("at %s", time).isEqualTo(store.at("HE", time));
        }
        assertThat(timeline.get(WED.plusNanos(1))).hasSize(1);
    }

    @Test
    void a_batch_is_recorded_complete_only_with_its_features_in_one_transaction() {
        CompletedBatch batch = new CompletedBatch("20260218T000000000Z-00000001", "futures", "HE",
                java.time.LocalDate.of(2026, 2, 17), 16, 0);
        // a value the store cannot take fails the transaction: neither the features nor the ledger entry stay
        FeatureValue unstorable = new FeatureValue("HE", "futures.close.HEK6", TUE, WED, 95.0, null);
        assertThatThrownBy(() -> store.append(List.of(close(TUE, WED, 91.5), unstorable), batch));
        assertThat(store.completed(List.of(batch.batchId()))).isEmpty();
        assertThat(store.at("HE", THU)).isEmpty();

        store.append(List.of(close(TUE, WED, 91.5)), batch);

        assertThat(store.completed(List.of(batch.batchId()))).containsExactly(batch.batchId());
        assertThat(store.completed("futures", "HE", java.time.LocalDate.of(2026, 2, 17),
                java.time.LocalDate.of(2026, 2, 17))).singleElement()
                .satisfies(e -> assertThat(e.lakeRows()).isEqualTo(16));
    }

    private static FeatureValue close(Instant asOf, Instant availableAt, double value) {
        return new FeatureValue("HE", "futures.close.HEJ6", asOf, availableAt, value, Quality.NORMAL);
    }
}
