package io.marketlake.slices;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class IntervalTest {

    @Test
    void a_time_is_floored_to_the_start_of_its_interval() {
        assertThat(Interval.parse("5m").floor(Instant.parse("2026-03-02T10:17:42.123456789Z")))
                .isEqualTo(Instant.parse("2026-03-02T10:15:00Z"));
    }

    @Test
    void a_time_before_the_epoch_is_floored_to_the_earlier_boundary() {
        assertThat(Interval.parse("1m").floor(Instant.parse("1969-12-31T23:59:30Z")))
                .isEqualTo(Instant.parse("1969-12-31T23:59:00Z"));
    }

    /** Nanoseconds since the epoch pass a long's range in 2262; microseconds do not for 292,000 years. */
    @Test
    void a_time_after_2262_is_floored_within_its_own_day() {
        assertThat(Interval.parse("1d").floor(Instant.parse("2300-01-01T12:00:00Z")))
                .isEqualTo(Instant.parse("2300-01-01T00:00:00Z"));
    }
}
