package io.marketlake.features;

import java.time.Instant;

/** A stored row, as history shows it: revisions of one as_of appear as several rows. */
public record FeatureRow(String feature, Double value, Instant asOf, Instant availableAt, Instant recordedAt,
        Quality quality) {
}
