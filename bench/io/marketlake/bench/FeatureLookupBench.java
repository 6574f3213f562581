package io.marketlake.bench;

import io.marketlake.features.FeatureDataSources;
import io.marketlake.features.FeatureMatrix;
import io.marketlake.features.FeaturePoint;
import io.marketlake.features.FeatureStore;
import io.marketlake.features.FeatureTimeline;
import io.marketlake.features.Staleness;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.sql.DataSource;

/**
 * The store's point-in-time reads in a warm JVM, each beside its reference, on a SQLite store of 1,000,000 rows
 * (one market, 50 features × 20,000 as_of times 15 minutes apart): one feature at a time and all 50 at a time through
 * {@link FeatureStore} and through prepared statements kept open on a plain sqlite-jdbc connection; then a timeline
 * of 10,000 times × 50 features through {@link FeatureTimeline} and {@code features join} ({@link FeatureMatrix},
 * CSV in, Parquet out) beside DuckDB's ASOF JOIN over the same rows, loaded into DuckDB beforehand (not timed).
 * Prints one {@code name=value unit} line per figure (medians; timeline figures are the median of a few runs).
 *
 * <pre>mvn -B -q -Pbench test-compile exec:exec@feature-lookups   # -Dfeatures=50 -Dasofs=20000 -Djoin.times=10000</pre>
 */
public final class FeatureLookupBench {

    /** The rule as a reader would write it by hand: the latest as_of available at t, then its latest available_at. */
    private static final String ONE = "SELECT value, as_of, available_at, quality FROM features"
            + " WHERE market = ? AND feature_name = ? AND +available_at <= ? AND as_of <= ?"
            + " ORDER BY as_of DESC, available_at DESC LIMIT 1";

    public static void main(String[] args) throws Exception {
        int features = Integer.getInteger("features", 50);
        int asOfs = Integer.getInteger("asofs", 20_000);
        int joinTimes = Integer.getInteger("join.times", 10_000);
        int calls = Integer.getInteger("calls", 5_000);
        Path dir = Files.createTempDirectory("marketlake-lookup-bench-");
        Path db = dir.resolve("features.db");
        DataSource dataSource = FeatureDataSources.create("jdbc:sqlite:" + db);
        FeatureStore store = new FeatureStore(dataSource, Clock.systemUTC(), new Staleness(Map.of("feature", "P1D")));
        store.createSchema();
        Path rowsCsv = dir.resolve("features.csv");
        BenchStore.fill(dataSource, features, asOfs, rowsCsv);
        System.out.println("store_rows=" + (long) features * asOfs + " rows");

        long start = BenchStore.START.toEpochMilli();
        long span = asOfs * BenchStore.STEP_MS;
        Random random = new Random(13);
        Instant[] times = new Instant[1024];
        String[] names = new String[times.length];
        for (int i = 0; i < times.length; i++) {
            // any millisecond of the store's second half: between rows, on them, just before a value is available
            times[i] = Instant.ofEpochMilli(start + span / 2 + (long) (random.nextDouble() * (span / 2)));
            names[i] = "feature." + random.nextInt(features);
        }

        try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + db);
                PreparedStatement one = raw.prepareStatement(ONE)) {
            double[] store1 = new double[calls];
            double[] raw1 = new double[calls];
            for (int round = 0; round < 2; round++) { // the first round warms up
                for (int i = 0; i < calls; i++) {
                    Instant t = times[i % times.length];
                    String name = names[i % names.length];
                    long s = System.nanoTime();
                    FeaturePoint p = store.at("HE", name, t).orElseThrow();
                    store1[i] = (System.nanoTime() - s) / 1e3;
                    s = System.nanoTime();
                    FeaturePoint q = rawOne(one, name, t);
                    raw1[i] = (System.nanoTime() - s) / 1e3;
                    if (!p.value().equals(q.value()) || !p.asOf().equals(q.asOf())) {
                        throw new IllegalStateException(p + " != " + q);
                    }
                }
            }
            System.out.printf("one_feature_store=%.1f us%n", median(store1));
            System.out.printf("one_feature_raw_sql=%.1f us%n", median(raw1));

            List<String> all = store.featureNames("HE");
            int allCalls = Math.max(200, calls / 10);
            double[] storeAll = new double[allCalls];
            double[] rawAll = new double[allCalls];
            for (int round = 0; round < 2; round++) {
                for (int i = 0; i < allCalls; i++) {
                    Instant t = times[i % times.length];
                    long s = System.nanoTime();
                    List<FeaturePoint> p = store.at("HE", t);
                    storeAll[i] = (System.nanoTime() - s) / 1e3;
                    s = System.nanoTime();
                    List<FeaturePoint> q = new ArrayList<>(all.size());
                    for (String name : all) {
                        q.add(rawOne(one, name, t));
                    }
                    rawAll[i] = (System.nanoTime() - s) / 1e3;
                    if (p.size() != features || q.size() != features
                            || !p.get(features - 1).value().equals(q.get(features - 1).value())) {
                        throw new IllegalStateException("all features at " + t + ": " + p.size() + " vs " + q.size());
                    }
                }
            }
            System.out.printf("all_features_store=%.1f us%n", median(storeAll));
            System.out.printf("all_features_raw_sql=%.1f us%n", median(rawAll));
        }

        // the timeline: joinTimes times in order over the whole store
        List<Instant> timeline = new ArrayList<>(joinTimes);
        Path timesCsv = dir.resolve("times.csv");
        try (BufferedWriter csv = Files.newBufferedWriter(timesCsv, StandardCharsets.UTF_8)) {
            csv.write("ts\n");
            for (int i = 0; i < joinTimes; i++) {
                Instant t = Instant.ofEpochMilli(start + span * i / joinTimes);
                timeline.add(t);
                csv.write(t.toString());
                csv.write('\n');
            }
        }
        List<String> all = store.featureNames("HE");
        int runs = Integer.getInteger("join.runs", 5);
        double[] timelineMs = new double[runs];
        double[] matrixMs = new double[runs];
        long answered = 0;
        for (int round = 0; round < 2; round++) {
            for (int r = 0; r < runs; r++) {
                long s = System.nanoTime();
                answered = 0;
                try (FeatureTimeline read = store.timeline("HE", all, null)) {
                    for (Instant t : timeline) {
                        for (FeaturePoint p : read.at(t)) {
                            answered += p == null ? 0 : 1;
                        }
                    }
                }
                timelineMs[r] = (System.nanoTime() - s) / 1e6;
                s = System.nanoTime();
                new FeatureMatrix(store).join(new FeatureMatrix.Request(timesCsv, dir.resolve("matrix.parquet"), "HE",
                        List.of(), false, true, null));
                matrixMs[r] = (System.nanoTime() - s) / 1e6;
            }
        }
        System.out.printf("timeline_store=%.1f ms%n", median(timelineMs));
        System.out.printf("features_join_parquet=%.1f ms%n", median(matrixMs));

        double[] duckMs = new double[runs];
        double[] duckParquetMs = new double[runs];
        double[] duckCountMs = new double[runs];
        long duckAnswered = 0;
        long duckCounted = 0;
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = duck.createStatement()) {
            statement.execute("SET threads TO 2");
            statement.execute("CREATE TABLE f AS SELECT * FROM read_csv('" + rowsCsv + "', header = true)");
            statement.execute("CREATE TABLE t AS SELECT epoch_ms(ts::TIMESTAMPTZ) AS ms, ts::TIMESTAMPTZ AS ts"
                    + " FROM read_csv('" + timesCsv + "', header = true, columns = {'ts': 'VARCHAR'})");
            // each time against each feature's timeline: the row with the greatest available_at at or before it (as_of
            // grows with available_at here, so it is also the greatest as_of: the same rule)
            String join = " FROM t CROSS JOIN (SELECT DISTINCT feature_name AS name FROM f) n"
                    + " ASOF LEFT JOIN f ON f.feature_name = n.name AND t.ms >= f.available_at";
            String asof = "SELECT t.ms, n.name, f.value, f.as_of, f.available_at" + join;
            for (int round = 0; round < 2; round++) {
                for (int r = 0; r < runs; r++) {
                    long s = System.nanoTime();
                    duckAnswered = 0;
                    // every answer brought into this JVM, as the timeline hands each to its caller
                    try (ResultSet rs = statement.executeQuery(asof)) {
                        while (rs.next()) {
                            rs.getLong(1);
                            rs.getString(2);
                            rs.getDouble(3);
                            duckAnswered += rs.wasNull() ? 0 : 1;
                            rs.getLong(4);
                            rs.getLong(5);
                        }
                    }
                    duckMs[r] = (System.nanoTime() - s) / 1e6;
                    s = System.nanoTime();
                    try (ResultSet rs = statement.executeQuery("SELECT count(f.value)" + join)) {
                        rs.next();
                        duckCounted = rs.getLong(1);
                    }
                    duckCountMs[r] = (System.nanoTime() - s) / 1e6;
                    s = System.nanoTime();
                    statement.execute("COPY (SELECT t.ts, n.name, f.value, f.as_of, f.available_at" + join + ") TO '"
                            + dir.resolve("duck.parquet") + "' (FORMAT PARQUET, COMPRESSION zstd)");
                    duckParquetMs[r] = (System.nanoTime() - s) / 1e6;
                }
            }
        }
        if (duckAnswered != answered || duckCounted != answered) {
            throw new IllegalStateException("DuckDB answered " + duckAnswered + " values, the timeline " + answered);
        }
        System.out.printf("timeline_duckdb_asof=%.1f ms%n", median(duckMs));
        System.out.printf("timeline_duckdb_asof_count_only=%.1f ms%n", median(duckCountMs));
        System.out.printf("features_join_duckdb_parquet=%.1f ms%n", median(duckParquetMs));
        System.out.printf("timeline_answers=%d values%n", answered);
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static FeaturePoint rawOne(PreparedStatement one, String name, Instant t) throws Exception {
        long millis = t.toEpochMilli();
        one.setString(1, "HE");
        one.setString(2, name);
        one.setLong(3, millis);
        one.setLong(4, millis);
        try (ResultSet rs = one.executeQuery()) {
            if (!rs.next()) {
                return null;
            }
            double value = rs.getDouble(1);
            Double boxed = rs.wasNull() ? null : value;
            return new FeaturePoint(name, boxed, Instant.ofEpochMilli(rs.getLong(2)), Instant.ofEpochMilli(rs.getLong(3)),
                    io.marketlake.features.Quality.of(rs.getString(4)), FeaturePoint.Status.OK);
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
