package io.marketlake.lake;

import java.time.LocalDate;
import java.time.YearMonth;

/**
 * The trading dates [from, to] a lake query asks for, either end open (null). Unlike a user's DateRange a reversed
 * one is no error here: it holds no date.
 */
record DateBounds(LocalDate from, LocalDate to) {

    boolean contains(LocalDate date) {
        return (from == null || !date.isBefore(from)) && (to == null || !date.isAfter(to));
    }

    boolean overlaps(YearMonth month) {
        return (from == null || !month.atEndOfMonth().isBefore(from)) && (to == null || !month.atDay(1).isAfter(to));
    }
}
