package io.marketlake.features;

import io.marketlake.ConfigurationException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-feature maximum age, so an old value is served as {@code stale} instead of silently. A rule applies to the
 * features whose name starts with its prefix followed by '.' or '_' (the longest prefix wins). Two forms:
 * <ul>
 * <li>{@code 1td}: trading days, for daily data: stale once more than N weekdays (UTC) have begun since the
 * value's as_of date. Friday's bar is fresh through Monday and stale on Tuesday, when Monday's bar is due.</li>
 * <li>an ISO-8601 duration such as {@code P7D}, for releases: stale once the query time is more than that after
 * the value's available_at, that is when the next release is overdue.</li>
 * </ul>
 */
public final class Staleness {

    /** No rule: never stale. */
    private static final Object NONE = new Object();

    private final Map<String, String> rules;
    /** Each feature's limit (trading days, a duration or {@link #NONE}), resolved once: it is asked per point served. */
    private final Map<String, Object> limits = new ConcurrentHashMap<>();

    public Staleness(Map<String, String> rules) {
        this.rules = new LinkedHashMap<>(rules);
        rules.forEach((prefix, rule) -> parse(prefix, rule));
    }

    public boolean isStale(String feature, Instant asOf, Instant availableAt, Instant queryTime) {
        Object limit = limits.computeIfAbsent(feature, f -> ruleFor(f).map(rule -> parse(f, rule)).orElse(NONE));
        if (limit == NONE) {
            return false;
        }
        if (limit instanceof Integer tradingDays) {
            return weekdaysBegunAfter(epochDay(asOf), epochDay(queryTime)) > tradingDays;
        }
        return Duration.between(availableAt, queryTime).compareTo((Duration) limit) > 0;
    }

    private Optional<String> ruleFor(String feature) {
        return rules.keySet().stream()
                .filter(prefix -> feature.equals(prefix) || feature.startsWith(prefix + ".")
                        || feature.startsWith(prefix + "_"))
                .max(Comparator.comparingInt(String::length))
                .map(rules::get);
    }

    /** Weekdays in (from, to]. */
    static long weekdaysBegunAfter(LocalDate from, LocalDate to) {
        return weekdaysBegunAfter(from.toEpochDay(), to.toEpochDay());
    }

    /** Weekdays in (from, to], as epoch days (UTC dates): counted in constant time, however old the value. */
    static long weekdaysBegunAfter(long fromEpochDay, long toEpochDay) {
        return toEpochDay <= fromEpochDay ? 0 : weekdaysBefore(toEpochDay + 1) - weekdaysBefore(fromEpochDay + 1);
    }

    /** Weekdays before an epoch day, counted from Monday 1969-12-29 (negative before it). */
    private static long weekdaysBefore(long epochDay) {
        long sinceMonday = epochDay + 3; // 1970-01-01 was a Thursday
        return 5 * Math.floorDiv(sinceMonday, 7) + Math.min(Math.floorMod(sinceMonday, 7), 5);
    }

    private static long epochDay(Instant instant) {
        return Math.floorDiv(instant.getEpochSecond(), 86_400);
    }

    private static Object parse(String prefix, String rule) {
        String text = rule.trim();
        try {
            if (text.toLowerCase().endsWith("td")) {
                return Integer.parseInt(text.substring(0, text.length() - 2).trim());
            }
            return Duration.parse(text);
        } catch (RuntimeException e) {
            throw new ConfigurationException("staleness rule for '" + prefix + "' must be like 1td or P7D, not '"
                    + rule + "'");
        }
    }
}
