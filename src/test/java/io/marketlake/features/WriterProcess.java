package io.marketlake.features;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Another process writing to a store, as the daemon's pipeline does while a CLI reads: one value, then exit. */
public final class WriterProcess {

    /** Arguments: JDBC URL, market, feature, as_of, available_at (ISO instants), value. */
    public static void main(String[] args) {
        int added;
        try (FeatureStore store = new FeatureStore(FeatureDataSources.create(args[0]), Clock.systemUTC(),
                new Staleness(Map.of()))) {
            added = store.append(List.of(new FeatureValue(args[1], args[2], Instant.parse(args[3]),
                    Instant.parse(args[4]), Double.valueOf(args[5]), Quality.NORMAL)));
        }
        System.exit(added == 1 ? 0 : 3);
    }
}
