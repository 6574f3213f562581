package io.marketlake.cot;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CotReleaseCalendarTest {

    private final CotReleaseCalendar shipped = CotReleaseCalendar.load(Path.of("config/cot-release-calendar.csv"));

    @Test
    void a_normal_week_is_released_friday_1530_new_york_with_daylight_saving() {
        assertThat(shipped.releaseOf(LocalDate.of(2024, 1, 9))).isEqualTo(Instant.parse("2024-01-12T20:30:00Z"));
        assertThat(shipped.releaseOf(LocalDate.of(2024, 7, 16))).isEqualTo(Instant.parse("2024-07-19T19:30:00Z"));
    }

    @Test
    void positions_are_as_of_the_report_dates_close_in_new_york() {
        assertThat(shipped.asOf(LocalDate.of(2024, 1, 9))).isEqualTo(Instant.parse("2024-01-09T22:00:00Z"));
        assertThat(shipped.asOf(LocalDate.of(2024, 7, 16))).isEqualTo(Instant.parse("2024-07-16T21:00:00Z"));
    }

    @Test
    void the_rule_moves_holiday_weeks_to_monday_as_the_cftc_did_in_2024() {
        assertThat(CotReleaseCalendar.ruleRelease(LocalDate.of(2024, 6, 18))).isEqualTo(LocalDate.of(2024, 6, 24));
        assertThat(CotReleaseCalendar.ruleRelease(LocalDate.of(2024, 7, 2))).isEqualTo(LocalDate.of(2024, 7, 8));
        assertThat(CotReleaseCalendar.ruleRelease(LocalDate.of(2024, 11, 26))).isEqualTo(LocalDate.of(2024, 12, 2));
        assertThat(CotReleaseCalendar.ruleRelease(LocalDate.of(2024, 12, 24))).isEqualTo(LocalDate.of(2024, 12, 30));
        // a Monday holiday does not delay that week's Friday release
        assertThat(CotReleaseCalendar.ruleRelease(LocalDate.of(2024, 1, 16))).isEqualTo(LocalDate.of(2024, 1, 19));
    }

    @Test
    void the_shutdown_catch_up_comes_from_the_calendar() {
        assertThat(shipped.releaseOf(LocalDate.of(2025, 9, 30))).isEqualTo(Instant.parse("2025-11-19T20:30:00Z"));
        assertThat(shipped.releaseOf(LocalDate.of(2025, 11, 10))).isEqualTo(Instant.parse("2025-12-12T20:30:00Z"));
        assertThat(shipped.releaseOf(LocalDate.of(2025, 12, 16))).isEqualTo(Instant.parse("2026-01-06T20:30:00Z"));
        assertThat(shipped.releaseOf(LocalDate.of(2026, 1, 20))).isEqualTo(Instant.parse("2026-01-23T20:30:00Z"));
    }

    @Test
    void an_operator_adds_a_row_without_a_rebuild(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("calendar.csv");
        Files.writeString(file, "# comment\nreport_date,release_new_york,source\n"
                + "2026-03-03,2026-03-09T15:30,CFTC notice\n");

        CotReleaseCalendar calendar = CotReleaseCalendar.load(file);

        assertThat(calendar.releaseOf(LocalDate.of(2026, 3, 3))).isEqualTo(Instant.parse("2026-03-09T19:30:00Z"));
        assertThat(calendar.releaseOf(LocalDate.of(2026, 3, 10))).isEqualTo(Instant.parse("2026-03-13T19:30:00Z"));
    }

    @Test
    void federal_holidays_are_observed_on_weekdays() {
        assertThat(UsFederalHolidays.isHoliday(LocalDate.of(2026, 7, 3))).isTrue(); // July 4th is a Saturday
        assertThat(UsFederalHolidays.isHoliday(LocalDate.of(2022, 12, 26))).isTrue(); // Christmas on a Sunday
        assertThat(UsFederalHolidays.isHoliday(LocalDate.of(2025, 11, 27))).isTrue(); // Thanksgiving
        assertThat(UsFederalHolidays.isHoliday(LocalDate.of(2025, 11, 26))).isFalse();
    }
}
