package io.marketlake.cot;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.temporal.TemporalAdjusters;
import java.util.Set;
import java.util.TreeSet;

/**
 * US federal holidays (5 U.S.C. 6103) as observed: a Saturday holiday is observed the Friday before, a Sunday
 * one the Monday after. Juneteenth from 2021.
 */
public final class UsFederalHolidays {

    private UsFederalHolidays() {
    }

    public static boolean isHoliday(LocalDate date) {
        return observed(date.getYear()).contains(date)
                // New Year's Day of the next year falling on a Saturday is observed on 31 December
                || observed(date.getYear() + 1).contains(date);
    }

    public static boolean isBusinessDay(LocalDate date) {
        return date.getDayOfWeek() != DayOfWeek.SATURDAY && date.getDayOfWeek() != DayOfWeek.SUNDAY
                && !isHoliday(date);
    }

    static Set<LocalDate> observed(int year) {
        Set<LocalDate> days = new TreeSet<>();
        days.add(observe(LocalDate.of(year, Month.JANUARY, 1)));
        days.add(nth(year, Month.JANUARY, DayOfWeek.MONDAY, 3));
        days.add(nth(year, Month.FEBRUARY, DayOfWeek.MONDAY, 3));
        days.add(LocalDate.of(year, Month.MAY, 31).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)));
        if (year >= 2021) {
            days.add(observe(LocalDate.of(year, Month.JUNE, 19)));
        }
        days.add(observe(LocalDate.of(year, Month.JULY, 4)));
        days.add(nth(year, Month.SEPTEMBER, DayOfWeek.MONDAY, 1));
        days.add(nth(year, Month.OCTOBER, DayOfWeek.MONDAY, 2));
        days.add(observe(LocalDate.of(year, Month.NOVEMBER, 11)));
        days.add(nth(year, Month.NOVEMBER, DayOfWeek.THURSDAY, 4));
        days.add(observe(LocalDate.of(year, Month.DECEMBER, 25)));
        return days;
    }

    private static LocalDate observe(LocalDate holiday) {
        return switch (holiday.getDayOfWeek()) {
            case SATURDAY -> holiday.minusDays(1);
            case SUNDAY -> holiday.plusDays(1);
            default -> holiday;
        };
    }

    private static LocalDate nth(int year, Month month, DayOfWeek day, int n) {
        return LocalDate.of(year, month, 1).with(TemporalAdjusters.dayOfWeekInMonth(n, day));
    }
}
