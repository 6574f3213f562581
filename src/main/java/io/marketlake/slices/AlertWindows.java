package io.marketlake.slices;

import io.marketlake.lake.LakeColumns;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The candle times a set of alerts needs, in epoch microseconds: per symbol the alerts' windows merged into
 * sorted, disjoint ranges, so that a candle two windows share is read and written once.
 */
final class AlertWindows {

    /** One alert's window, [start, end); anchor is the start of the alert's own candle. */
    record Span(long start, long anchor, long end) {
    }

    private static final long[][] NO_RANGES = new long[0][];

    private final Map<String, long[][]> ranges;
    private final long first;
    private final long last;

    private AlertWindows(Map<String, long[][]> ranges, long first, long last) {
        this.ranges = ranges;
        this.first = first;
        this.last = last;
    }

    static AlertWindows of(List<Alert> alerts, SliceConfig config) {
        Map<String, List<long[]>> windows = new HashMap<>();
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (Alert alert : alerts) {
            Span span = span(alert, config);
            windows.computeIfAbsent(alert.symbol(), s -> new ArrayList<>()).add(new long[] {span.start(), span.end()});
            first = Math.min(first, span.start());
            last = Math.max(last, span.end());
        }
        Map<String, long[][]> ranges = new HashMap<>();
        windows.forEach((symbol, list) -> ranges.put(symbol, merge(list)));
        return new AlertWindows(ranges, first, last);
    }

    /** [anchor − N·interval, anchor + (M+1)·interval), anchor = alert time floored to the interval. */
    static Span span(Alert alert, SliceConfig config) {
        long anchor = LakeColumns.micros(config.interval().floor(alert.ts()));
        long interval = config.interval().micros();
        return new Span(anchor - config.window().pre() * interval, anchor,
                anchor + (config.window().post() + 1L) * interval);
    }

    boolean isEmpty() {
        return ranges.isEmpty();
    }

    Set<String> symbols() {
        return ranges.keySet();
    }

    /** The UTC date of the earliest candle a window holds; only when not empty. */
    LocalDate firstDate() {
        return LocalDate.ofInstant(LakeColumns.instant(first), ZoneOffset.UTC);
    }

    /** The UTC date of the latest candle a window holds; only when not empty. */
    LocalDate lastDate() {
        return LocalDate.ofInstant(LakeColumns.instant(last - 1), ZoneOffset.UTC);
    }

    /** A symbol's windows as sorted, disjoint [start, end) ranges; none for a symbol without an alert. */
    long[][] ranges(String symbol) {
        return ranges.getOrDefault(symbol, NO_RANGES);
    }

    boolean covers(String symbol, long ts) {
        return cursor(symbol).covers(ts);
    }

    /** Tells which of a symbol's times its windows cover: see {@link Cursor}. */
    Cursor cursor(String symbol) {
        return new Cursor(ranges(symbol));
    }

    /**
     * Whether a symbol's windows cover times asked one after the other: for times in ascending order (as a scan gives
     * a symbol's candles) each answer is a step along the ranges from the one before, not a search of them.
     */
    static final class Cursor {

        private final long[][] ranges;
        /** The first range that ends after the time last asked. */
        private int range;
        private long lastTime = Long.MIN_VALUE;

        private Cursor(long[][] ranges) {
            this.ranges = ranges;
        }

        boolean covers(long ts) {
            if (ts < lastTime) {
                range = firstEndingAfter(ts); // out of order: found again by a binary search
            }
            lastTime = ts;
            while (range < ranges.length && ts >= ranges[range][1]) {
                range++;
            }
            return range < ranges.length && ts >= ranges[range][0];
        }

        private int firstEndingAfter(long ts) {
            int low = 0;
            int high = ranges.length;
            while (low < high) {
                int mid = (low + high) >>> 1;
                if (ranges[mid][1] <= ts) {
                    low = mid + 1;
                } else {
                    high = mid;
                }
            }
            return low;
        }
    }

    /** Sorted, disjoint [start, end) ranges covering the given windows. */
    private static long[][] merge(List<long[]> windows) {
        List<long[]> sorted = new ArrayList<>(windows);
        sorted.sort(Comparator.comparingLong(w -> w[0]));
        List<long[]> merged = new ArrayList<>();
        for (long[] window : sorted) {
            if (!merged.isEmpty() && merged.get(merged.size() - 1)[1] >= window[0]) {
                long[] lastRange = merged.get(merged.size() - 1);
                lastRange[1] = Math.max(lastRange[1], window[1]);
            } else {
                merged.add(new long[] {window[0], window[1]});
            }
        }
        return merged.toArray(long[][]::new);
    }
}
