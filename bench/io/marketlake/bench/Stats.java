package io.marketlake.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Figures of repeated measurements. */
final class Stats {

    private Stats() {
    }

    /** The middle value (the upper one of an even count). */
    static double median(List<Double> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no measurement");
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
