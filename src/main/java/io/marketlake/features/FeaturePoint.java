package io.marketlake.features;

import java.time.Instant;

/** The value of one feature as known at a query time, with its freshness at that time. */
public record FeaturePoint(String feature, Double value, Instant asOf, Instant availableAt, Quality quality,
        Status status) {

    public enum Status {
        OK, STALE;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
