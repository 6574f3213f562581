package io.marketlake.features;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Staleness as served with each point: per feature by its longest prefix, trading days counted by weekday. */
class StalenessTest {

    private final Staleness staleness = new Staleness(Map.of("futures", "1td", "futures.close", "3td", "cot", "P7D"));

    /** The weekdays begun between a value's date and the query's, counted as a calendar would, over years. */
    @Test
    void trading_days_are_counted_as_the_calendar_counts_weekdays_however_far_apart() {
        LocalDate first = LocalDate.of(1969, 12, 1);
        for (int from = 0; from < 60; from++) {
            for (int to = -3; to < 900; to += 1 + to / 100) {
                LocalDate a = first.plusDays(from * 7L + from % 7);
                LocalDate b = a.plusDays(to);
                assertThat(Staleness.weekdaysBegunAfter(a, b)).as("%s to %s", a, b).isEqualTo(byCalendar(a, b));
            }
        }
    }

    @Test
    void fridays_bar_is_fresh_through_monday_and_stale_once_tuesday_begins() {
        Instant fri = Instant.parse("2026-02-13T00:00:00Z");
        Instant sat = Instant.parse("2026-02-14T00:00:00Z");

        assertThat(staleness.isStale("futures.settle.HEJ6", fri, sat, Instant.parse("2026-02-16T23:59:59.999Z")))
                .isFalse();
        assertThat(staleness.isStale("futures.settle.HEJ6", fri, sat, Instant.parse("2026-02-17T00:00:00Z")))
                .isTrue();
    }

    @Test
    void the_longest_matching_prefix_decides_and_names_only_match_at_a_separator() {
        Instant fri = Instant.parse("2026-02-13T00:00:00Z");
        Instant wed = Instant.parse("2026-02-18T12:00:00Z");

        assertThat(staleness.isStale("futures.close.HEJ6", fri, fri, wed)).as("3td: three weekdays begun").isFalse();
        assertThat(staleness.isStale("futures_volume", fri, fri, wed)).as("1td").isTrue();
        assertThat(staleness.isStale("futuresque", fri, fri, wed)).as("no rule").isFalse();
    }

    @Test
    void a_release_is_stale_once_more_than_its_duration_has_passed_since_available_at_to_the_nanosecond() {
        Instant available = Instant.parse("2026-02-13T20:30:00Z");

        assertThat(staleness.isStale("cot_net", available, available, available.plusSeconds(7 * 86_400))).isFalse();
        assertThat(staleness.isStale("cot_net", available, available, available.plusSeconds(7 * 86_400).plusNanos(1)))
                .isTrue();
    }

    private static long byCalendar(LocalDate from, LocalDate to) {
        long count = 0;
        for (LocalDate day = from.plusDays(1); !day.isAfter(to); day = day.plusDays(1)) {
            if (day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY) {
                count++;
            }
        }
        return count;
    }
}
