package io.marketlake.bench;

import io.marketlake.features.FeaturePoint;
import io.marketlake.features.FeatureStore;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Point-in-time lookups on a SQLite store of 1,000,000 rows (one market, 50 features × 20,000 as_of times; see
 * {@link BenchStore}) in this warm JVM, at random times, each answered by {@link FeatureStore#at} and by the same
 * lookup written by hand on sqlite-jdbc ({@link ReferenceSql}), alternating which goes first; the answers must agree.
 * {@code pit-one}: one feature (the store's market of one feature); {@code pit-market}: all 50 of a market. Medians,
 * in microseconds. Then {@code marketlake features at} as a user runs it, a new JVM each time, against
 * {@code --help} of the same jar ({@link StartupBench}).
 *
 * <pre>mvn -B -q package -DskipTests && mvn -B -q -Pbench test-compile exec:exec@features-at
 *     -Dmeasure=pit-one,pit-market,command (the default: all three)</pre>
 */
public final class FeaturesAtBench {

    public static void main(String[] args) throws Exception {
        Set<String> measure = Set.of(System.getProperty("measure", "pit-one,pit-market,command").split(","));
        BenchStore.Shared shared = BenchStore.shared(Integer.getInteger("features", 50),
                Integer.getInteger("asofs", 20_000));
        if (measure.contains("pit-one") || measure.contains("pit-market")) {
            FeatureStore store = shared.open();
            try (Connection sqlite = DriverManager.getConnection(shared.jdbcUrl())) {
                if (measure.contains("pit-one")) {
                    pitOne(shared, store, sqlite);
                }
                if (measure.contains("pit-market")) {
                    pitMarket(shared, store, sqlite);
                }
            }
        }
        if (measure.contains("command")) {
            StartupBench.measure(shared, Integer.getInteger("runs", 7), false);
        }
    }

    private static void pitOne(BenchStore.Shared shared, FeatureStore store, Connection sqlite) throws Exception {
        try (PreparedStatement select = sqlite.prepareStatement(ReferenceSql.ONE)) {
            compare("pit-one", shared, 2_000, 10_000,
                    millis -> store.at(BenchStore.MARKET, "feature.0", Instant.ofEpochMilli(millis)).stream().toList(),
                    millis -> {
                select.setString(1, BenchStore.MARKET);
                select.setString(2, "feature.0");
                select.setLong(3, millis);
                select.setLong(4, millis);
                try (ResultSet rs = select.executeQuery()) {
                    return rs.next() ? List.of(new ReferenceSql.Answer("feature.0", rs.getDouble(1), rs.getLong(2),
                            rs.getLong(3), rs.getString(4))) : List.of();
                }
            });
        }
    }

    private static void pitMarket(BenchStore.Shared shared, FeatureStore store, Connection sqlite) throws Exception {
        try (ReferenceSql.MarketLookup lookup = new ReferenceSql.MarketLookup(sqlite)) {
            compare("pit-market", shared, 300, 2_000,
                    millis -> store.at(BenchStore.MARKET, Instant.ofEpochMilli(millis)),
                    millis -> lookup.at(BenchStore.MARKET, millis));
        }
    }

    private interface Lookup<T> {
        T at(long millis) throws SQLException;
    }

    /** Both lookups at the same random times (warm-up first); the medians of the measured calls, in µs. */
    private static void compare(String name, BenchStore.Shared shared, int warmUp, int measured,
            Lookup<List<FeaturePoint>> marketlake, Lookup<List<ReferenceSql.Answer>> reference) throws SQLException {
        Random random = new Random(11);
        long start = BenchStore.START.toEpochMilli();
        long[] marketlakeNanos = new long[measured];
        long[] referenceNanos = new long[measured];
        for (int i = 0; i < warmUp + measured; i++) {
            // from a little before the first value (nothing known yet) to a day after the last
            long t = start - 3_600_000L + (long) (random.nextDouble() * (shared.spanMillis() + 25 * 3_600_000L));
            List<FeaturePoint> a = null;
            List<ReferenceSql.Answer> b = null;
            long marketlakeTime = 0;
            long referenceTime = 0;
            for (int turn = 0; turn < 2; turn++) {
                long t0 = System.nanoTime();
                if ((turn + i) % 2 == 0) {
                    a = marketlake.at(t);
                    marketlakeTime = System.nanoTime() - t0;
                } else {
                    b = reference.at(t);
                    referenceTime = System.nanoTime() - t0;
                }
            }
            if (!answers(a).equals(b)) {
                throw new IllegalStateException(name + " at " + Instant.ofEpochMilli(t) + ": marketlake " + a
                        + ", reference " + b);
            }
            if (i >= warmUp) {
                marketlakeNanos[i - warmUp] = marketlakeTime;
                referenceNanos[i - warmUp] = referenceTime;
            }
        }
        double marketlakeMicros = medianMicros(marketlakeNanos);
        double referenceMicros = medianMicros(referenceNanos);
        System.out.printf("%s: median of %,d random times after %,d to warm up: FeatureStore.at %.1f µs,"
                + " prepared SQL on sqlite-jdbc %.1f µs%n", name, measured, warmUp, marketlakeMicros, referenceMicros);
        Results.report(name, "µs", marketlakeMicros, referenceMicros);
    }

    private static List<ReferenceSql.Answer> answers(List<FeaturePoint> points) {
        List<ReferenceSql.Answer> answers = new ArrayList<>(points.size());
        for (FeaturePoint p : points) {
            answers.add(new ReferenceSql.Answer(p.feature(), p.value(), p.asOf().toEpochMilli(),
                    p.availableAt().toEpochMilli(), p.quality().label()));
        }
        return answers;
    }

    private static double medianMicros(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2] / 1e3;
    }
}
