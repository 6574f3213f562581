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

    /** CPU time this process has used so far, every thread and native code included (DuckDB's threads too). */
    static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
