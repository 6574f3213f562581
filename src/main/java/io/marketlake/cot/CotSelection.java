package io.marketlake.cot;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Which report weeks an ingest wants: the week containing a date (ingest cot --date), the report dates in a
 * range (backfill cot), the latest N reports (the schedule, to catch revisions), or everything in the files
 * (bundled samples).
 */
public record CotSelection(Kind kind, LocalDate from, LocalDate to, int latest) {

    public enum Kind { WEEK, RANGE, LATEST, ALL }

    /** The Monday-to-Sunday week containing {@code date}: report dates are Tuesdays, Mondays in holiday weeks. */
    public static CotSelection weekOf(LocalDate date) {
        LocalDate monday = date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        return new CotSelection(Kind.WEEK, monday, monday.plusDays(6), 0);
    }

    public static CotSelection between(LocalDate from, LocalDate to) {
        return new CotSelection(Kind.RANGE, from, to, 0);
    }

    /** The latest {@code weeks} report dates found, as of {@code today}. */
    public static CotSelection latest(int weeks, LocalDate today) {
        return new CotSelection(Kind.LATEST, today.minusWeeks(weeks + 1L), today, weeks);
    }

    public static CotSelection all() {
        return new CotSelection(Kind.ALL, null, null, 0);
    }

    /** What an ingest that named no selection asks for: every week of its files. */
    public static CotSelection orAll(CotSelection selection) {
        return selection == null ? all() : selection;
    }

    /** Years whose yearly history file holds the selected weeks. */
    public List<Integer> years() {
        if (kind == Kind.ALL) {
            return List.of();
        }
        Set<Integer> years = new TreeSet<>();
        for (int year = from.getYear(); year <= to.getYear(); year++) {
            years.add(year);
        }
        return List.copyOf(years);
    }

    public List<CotReport> apply(List<CotReport> reports) {
        List<CotReport> inWindow = reports.stream()
                .filter(r -> kind == Kind.ALL || (!r.reportDate().isBefore(from) && !r.reportDate().isAfter(to)))
                .sorted(Comparator.comparing(CotReport::reportDate))
                .collect(Collectors.toList());
        if (kind == Kind.LATEST && inWindow.size() > latest) {
            return inWindow.subList(inWindow.size() - latest, inWindow.size());
        }
        return inWindow;
    }

    @Override
    public String toString() {
        return switch (kind) {
            case WEEK -> "the report week " + from + ".." + to;
            case RANGE -> "report dates " + from + ".." + to;
            case LATEST -> "the latest " + latest + " reports";
            case ALL -> "every report";
        };
    }
}
