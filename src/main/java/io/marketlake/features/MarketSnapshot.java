package io.marketlake.features;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;

/**
 * A market's rows as the point-in-time rule reads them, in memory: per feature, the rows that were the answer from
 * their available_at on (a row is one when it has a greater as_of than every row available before it, or the same
 * as_of and a later available_at: the rule of {@link FeatureStore#at}), in available_at order. What was known of a
 * feature at t is then the last of them available at or before t, found by binary search. Made from the rows a
 * {@link FeatureTimeline} reads anyway ({@link Builder}), all of them; whether it still holds is for
 * {@link MarketSnapshots} to say.
 */
final class MarketSnapshot {

    /** SQLite's BINARY collation (memcmp of the UTF-8 bytes): the order the store's lookups list features in. */
    static final Comparator<String> SQLITE_ORDER = (a, b) -> Arrays.compareUnsigned(
            a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));

    private static final Quality[] QUALITIES = Quality.values();
    private static final byte NULL_VALUE = (byte) 0x80;

    final String market;
    final long version;
    /** The market's features in {@link #SQLITE_ORDER}, and each one's position. */
    final String[] names;
    private final Map<String, Integer> positions;
    private final Answers[] answers;

    private MarketSnapshot(String market, long version, String[] names, Answers[] answers) {
        this.market = market;
        this.version = version;
        this.names = names;
        this.answers = answers;
        this.positions = new HashMap<>();
        for (int i = 0; i < names.length; i++) {
            positions.put(names[i], i);
        }
    }

    /** The feature's position, or -1 when the market has no row of it. */
    int position(String feature) {
        Integer position = positions.get(feature);
        return position == null ? -1 : position;
    }

    /**
     * The answer of feature {@code position} at {@code millis}: the index of its last row available by then, or -1
     * when none is. {@code known}: an index known to be available by then, or -1 (a timeline moving forward knows
     * its previous answer), where the search starts.
     */
    int answerAt(int position, long millis, int known) {
        Answers a = answers[position];
        int low = known + 1;
        if (low >= a.size || a.availableAt[low] > millis) {
            return known;
        }
        // the last index in [low, size) available by millis; available_at only grows along it
        int high = a.size - 1;
        while (low < high) {
            int mid = (low + high + 1) >>> 1;
            if (a.availableAt[mid] <= millis) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        return low;
    }

    FeaturePoint point(int position, int answer, java.time.Instant time, FeatureTimeline.Points points) {
        Answers a = answers[position];
        byte flags = a.flags[answer];
        return points.of(names[position], (flags & NULL_VALUE) != 0 ? null : a.value[answer], a.asOf[answer],
                a.availableAt[answer], QUALITIES[flags & 0x7f], time);
    }

    /** One feature's answering rows, in available_at order. */
    static final class Answers {
        long[] availableAt = new long[16];
        long[] asOf = new long[16];
        double[] value = new double[16];
        byte[] flags = new byte[16];
        int size;

        /** Without the room left for growing: what is kept is exactly what was offered. */
        Answers trimmed() {
            availableAt = Arrays.copyOf(availableAt, size);
            asOf = Arrays.copyOf(asOf, size);
            value = Arrays.copyOf(value, size);
            flags = Arrays.copyOf(flags, size);
            return this;
        }

        void clear() {
            availableAt = new long[0];
            asOf = new long[0];
            value = new double[0];
            flags = new byte[0];
            size = 0;
        }

        /** Appends the row if it answers from its available_at on (rows come in available_at order). */
        boolean offer(long rowAsOf, long rowAvailableAt, double rowValue, boolean nullValue, Quality quality) {
            if (size > 0) {
                long bestAsOf = asOf[size - 1];
                if (rowAsOf < bestAsOf || (rowAsOf == bestAsOf && rowAvailableAt <= availableAt[size - 1])) {
                    return false;
                }
            }
            if (size == availableAt.length) {
                int grown = Math.max(16, size + (size >> 1));
                availableAt = Arrays.copyOf(availableAt, grown);
                asOf = Arrays.copyOf(asOf, grown);
                value = Arrays.copyOf(value, grown);
                flags = Arrays.copyOf(flags, grown);
            }
            availableAt[size] = rowAvailableAt;
            asOf[size] = rowAsOf;
            value[size] = rowValue;
            flags[size] = (byte) (quality.ordinal() | (nullValue ? NULL_VALUE : 0));
            size++;
            return true;
        }
    }

    /**
     * Gathers the snapshot from the market's rows as they stream in available_at order, every feature of the
     * market, up to a number of answering rows; past it, it gives up (the timeline goes on without it).
     */
    static final class Builder {

        private final String market;
        private final long version;
        private final long limit;
        private final Map<String, Answers> byName = new HashMap<>();
        private long rows;
        private boolean abandoned;

        Builder(String market, long version, long limit) {
            this.market = market;
            this.version = version;
            this.limit = limit;
        }

        /** Where the rows of {@code feature} go: asked once per feature, not per row. */
        Answers of(String feature) {
            return abandoned ? new Answers() : byName.computeIfAbsent(feature, f -> new Answers());
        }

        /** Takes the next row, of the feature of {@code answers}; rows must come in available_at order. */
        void accept(Answers answers, long asOf, long availableAt, double value, boolean nullValue, String quality) {
            if (abandoned) {
                return;
            }
            Quality known = quality(quality);
            if (known == null) {
                // a label this version cannot serve: the rows stay in the database, where a read says so
                abandon();
                return;
            }
            if (answers.offer(asOf, availableAt, value, nullValue, known) && ++rows > limit) {
                abandon();
            }
        }

        boolean abandoned() {
            return abandoned;
        }

        void abandon() {
            abandoned = true;
            // the timeline still holds each feature's Answers: their rows go now, not when it closes
            byName.values().forEach(Answers::clear);
            byName.clear();
        }

        /** The snapshot, once every row of the market was offered. */
        MarketSnapshot build() {
            String[] names = byName.keySet().toArray(new String[0]);
            Arrays.sort(names, SQLITE_ORDER);
            Answers[] answers = new Answers[names.length];
            for (int i = 0; i < names.length; i++) {
                answers[i] = byName.get(names[i]).trimmed();
            }
            return new MarketSnapshot(market, version, names, answers);
        }

        private static Quality quality(String label) {
            try {
                return Quality.of(label);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
    }
}
