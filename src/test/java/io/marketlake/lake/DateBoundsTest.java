package io.marketlake.lake;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.YearMonth;
import org.junit.jupiter.api.Test;

/** The dates a lake query asks for. */
class DateBoundsTest {

    private static final LocalDate FEB_17 = LocalDate.of(2026, 2, 17);

    @Test
    void both_ends_are_included_and_an_open_end_holds_every_date_on_its_side() {
        assertThat(new DateBounds(FEB_17, FEB_17).contains(FEB_17)).isTrue();
        assertThat(new DateBounds(null, FEB_17).contains(LocalDate.MIN)).isTrue();
        assertThat(new DateBounds(FEB_17, null).contains(FEB_17.minusDays(1))).isFalse();
    }

    @Test
    void a_reversed_range_holds_no_date() {
        DateBounds reversed = new DateBounds(FEB_17.plusDays(1), FEB_17);

        assertThat(reversed.contains(FEB_17)).isFalse();
        assertThat(reversed.contains(FEB_17.plusDays(1))).isFalse();
    }

    @Test
    void a_month_overlaps_when_any_of_its_days_is_in_range() {
        assertThat(new DateBounds(LocalDate.of(2026, 1, 31), null).overlaps(YearMonth.of(2026, 1))).isTrue();
        assertThat(new DateBounds(LocalDate.of(2026, 2, 1), null).overlaps(YearMonth.of(2026, 1))).isFalse();
        assertThat(new DateBounds(null, LocalDate.of(2026, 2, 1)).overlaps(YearMonth.of(2026, 2))).isTrue();
        assertThat(new DateBounds(null, LocalDate.of(2026, 1, 31)).overlaps(YearMonth.of(2026, 2))).isFalse();
    }
}
