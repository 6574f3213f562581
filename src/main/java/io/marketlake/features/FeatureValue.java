package io.marketlake.features;

import java.time.Instant;

/**
 * A value to store: what it describes ({@code asOf}) and the earliest instant it could have been known in real
 * time ({@code availableAt}), never earlier than its publication.
 */
public record FeatureValue(String market, String feature, Instant asOf, Instant availableAt, Double value,
        Quality quality) {

    public FeatureValue {
        if (availableAt.isBefore(asOf)) {
            throw new IllegalArgumentException(feature + ": available_at " + availableAt + " before as_of " + asOf);
        }
    }
}
