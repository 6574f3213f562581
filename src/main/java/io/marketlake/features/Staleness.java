package io.marketlake.features;

import io.marketlake.ConfigurationException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

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

    private final Map<String, String> rules;

    public Staleness(Map<String, String> rules) {
        this.rules = new LinkedHashMap<>(rules);
        rules.forEach((prefix, rule) -> parse(prefix, rule));
    }

    public boolean isStale(String feature, Instant asOf, Instant availableAt, Instant queryTime) {
        Optional<String> rule = ruleFor(feature);
        if (rule.isEmpty()) {
            return false;
        }
        Object limit = parse(feature, rule.get());
        if (limit instanceof Integer tradingDays) {
            return weekdaysBegunAfter(LocalDate.ofInstant(asOf, ZoneOffset.UTC),
                    LocalDate.ofInstant(queryTime, ZoneOffset.UTC)) > tradingDays;
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
        long count = 0;
        for (LocalDate day = from.plusDays(1); !day.isAfter(to); day = day.plusDays(1)) {
            if (day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY) {
                count++;
            }
        }
        return count;
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
