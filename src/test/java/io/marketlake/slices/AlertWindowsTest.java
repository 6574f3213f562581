package io.marketlake.slices;

import static io.marketlake.slices.SliceFixtures.micros;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Windows of an hourly pre2_post1 config: two candles before the alert's, its own and one after. */
class AlertWindowsTest {

    private static final SliceConfig HOURLY = SliceFixtures.config("1h", "pre2_post1", false, Path.of("alerts.csv"));

    @Test
    void a_window_starts_n_intervals_before_the_alerts_candle_and_ends_after_m_more() {
        AlertWindows.Span span = AlertWindows.span(alert("HEJ6", "2026-03-02T10:17:00Z"), HOURLY);

        assertThat(span).isEqualTo(new AlertWindows.Span(micros("2026-03-02T08:00:00Z"),
                micros("2026-03-02T10:00:00Z"), micros("2026-03-02T12:00:00Z")));
    }

    @Test
    void a_window_covers_its_first_candle_and_not_the_one_at_its_end() {
        AlertWindows windows = AlertWindows.of(List.of(alert("HEJ6", "2026-03-02T10:17:00Z")), HOURLY);

        assertThat(windows.covers("HEJ6", micros("2026-03-02T07:00:00Z"))).isFalse();
        assertThat(windows.covers("HEJ6", micros("2026-03-02T08:00:00Z"))).isTrue();
        assertThat(windows.covers("HEJ6", micros("2026-03-02T11:00:00Z"))).isTrue();
        assertThat(windows.covers("HEJ6", micros("2026-03-02T12:00:00Z"))).isFalse();
    }

    @Test
    void windows_given_out_of_order_cover_each_window_and_not_the_gap_between_them() {
        AlertWindows windows = AlertWindows.of(List.of(alert("HEJ6", "2026-03-02T20:00:00Z"),
                alert("HEJ6", "2026-03-02T12:30:00Z"), alert("HEJ6", "2026-03-02T10:17:00Z")), HOURLY);

        // 08:00-12:00 and 10:00-14:00 overlap into 08:00-14:00; 18:00-22:00 stands apart
        assertThat(windows.covers("HEJ6", micros("2026-03-02T13:00:00Z"))).isTrue();
        assertThat(windows.covers("HEJ6", micros("2026-03-02T14:00:00Z"))).isFalse();
        assertThat(windows.covers("HEJ6", micros("2026-03-02T17:00:00Z"))).isFalse();
        assertThat(windows.covers("HEJ6", micros("2026-03-02T18:00:00Z"))).isTrue();
        assertThat(windows.covers("HEJ6", micros("2026-03-02T21:00:00Z"))).isTrue();
    }

    @Test
    void a_cursor_answers_as_covers_does_for_times_ascending_and_going_back() {
        AlertWindows windows = AlertWindows.of(List.of(alert("HEJ6", "2026-03-02T20:00:00Z"),
                alert("HEJ6", "2026-03-02T10:17:00Z")), HOURLY);
        AlertWindows.Cursor cursor = windows.cursor("HEJ6");

        // windows 08:00-12:00 and 18:00-22:00; the times ascend, then go back twice
        List<String> times = List.of("07", "08", "11", "12", "19", "22", "09", "17", "18", "23", "10");
        for (String hour : times) {
            long ts = micros("2026-03-02T" + hour + ":00:00Z");
            assertThat(cursor.covers(ts)).as(hour + ":00").isEqualTo(windows.covers("HEJ6", ts))
                    .isEqualTo(List.of("08", "11", "19", "09", "18", "10").contains(hour));
        }
        assertThat(windows.cursor("HEK6").covers(micros("2026-03-02T10:00:00Z"))).isFalse();
    }

    @Test
    void a_symbols_windows_cover_no_candle_of_another_symbol() {
        AlertWindows windows = AlertWindows.of(List.of(alert("HEJ6", "2026-03-02T10:17:00Z")), HOURLY);

        assertThat(windows.covers("HEK6", micros("2026-03-02T10:00:00Z"))).isFalse();
        assertThat(windows.symbols()).containsExactly("HEJ6");
    }

    @Test
    void the_dates_to_read_end_with_the_last_candles_date_not_the_date_the_window_ends_on() {
        SliceConfig daily = SliceFixtures.daily("pre1_post0", false);
        AlertWindows windows = AlertWindows.of(List.of(alert("HEJ6", "2026-03-04T15:00:00Z"),
                alert("HEJ6", "2026-03-09T15:00:00Z")), daily);

        // [Mar 3, Mar 5) and [Mar 8, Mar 10): the last candle opens on Mar 9
        assertThat(windows.firstDate()).isEqualTo(LocalDate.of(2026, 3, 3));
        assertThat(windows.lastDate()).isEqualTo(LocalDate.of(2026, 3, 9));
    }

    private static Alert alert(String symbol, String ts) {
        return new Alert("a-" + ts, symbol, Instant.parse(ts));
    }
}
