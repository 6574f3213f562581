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
 * The first timeline of the market reads the database and leaves the market in memory (a SQLite store's snapshot,
 * see MarketSnapshots): {@code timeline_store_first} is that read, {@code timeline_store_database} the same
 * timeline as recorded at a far instant (always read from the database), {@code timeline_store} and
 * {@code features_join_parquet} the later ones, and the lookups are measured again from memory at the end.
 * Prints one {@code name=value unit} line per figure (medians; timeline figures are the median of a few runs).
 *
 * <pre>mvn -B -q -Pbench test-compile exec:exec@feature-lookups</pre>
 * Sizes (JVM properties, when run with java directly): -Dfeatures=50 -Dasofs=20000 -Djoin.times=10000 -Dcalls=5000
 * -Djoin.runs=5.
 */
public final class FeatureLookupBench {

    /** The rule as a reader would write it by hand: the latest as_of available at t, then its latest available_at. */
    private static final String ONE = "SELECT value, as_of, available_at, quality FROM features"
            + " WHERE market = ? AND feature_name = ? AND +available_at <= ? AND as_of <= ?"
            + " ORDER BY as_of DESC, available_at DESC LIMIT 1";

    /** All features in one statement: the names by a skip scan, each joined to the row its seek finds. */
    private static final String ALL = "WITH RECURSIVE names(name) AS ("
            + " SELECT MIN(feature_name) FROM features WHERE market = ?"
            + " UNION ALL SELECT (SELECT MIN(feature_name) FROM features WHERE market = ? AND feature_name > name)"
            + " FROM names WHERE name IS NOT NULL)"
            + " SELECT names.name, f.value, f.as_of, f.available_at, f.quality FROM names"
            + " JOIN features f ON f.rowid = (SELECT rowid FROM features"
            + " WHERE market = ? AND feature_name = names.name AND +available_at <= ? AND as_of <= ?"
            + " ORDER BY as_of DESC, available_at DESC LIMIT 1)"
            + " WHERE names.name IS NOT NULL ORDER BY names.name";

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
        BenchStore.fill(dataSource, BenchStore.MARKET, features, asOfs, rowsCsv);
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

        List<String> all = store.featureNames("HE");
        try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + db);
                PreparedStatement one = raw.prepareStatement(ONE);
                PreparedStatement allInOne = raw.prepareStatement(ALL)) {
            for (int i = 0; i < times.length; i++) {
                FeaturePoint p = store.at("HE", names[i], times[i]).orElseThrow();
                FeaturePoint q = rawOne(one, names[i], times[i]);
                if (!p.value().equals(q.value()) || !p.asOf().equals(q.asOf()) || store.at("HE", times[i]).size()
                        != features || rawAll(allInOne, times[i]).size() != features) {
                    throw new IllegalStateException("the store and the SQL differ at " + times[i]);
                }
            }
            double[] medians = medians(calls, i -> store.at("HE", names[i % names.length], times[i % times.length]),
                    i -> rawOne(one, names[i % names.length], times[i % times.length]));
            System.out.printf("one_feature_store=%.1f us%n", medians[0]);
            System.out.printf("one_feature_raw_sql=%.1f us%n", medians[1]);

            medians = medians(Math.max(200, calls / 10), i -> store.at("HE", times[i % times.length]), i -> {
                List<FeaturePoint> q = new ArrayList<>(all.size());
                for (String name : all) {
                    q.add(rawOne(one, name, times[i % times.length]));
                }
                return q;
            }, i -> rawAll(allInOne, times[i % times.length]));
            System.out.printf("all_features_store=%.1f us%n", medians[0]);
            System.out.printf("all_features_raw_sql=%.1f us%n", medians[1]);
            System.out.printf("all_features_raw_sql_one_statement=%.1f us%n", medians[2]);
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
        int runs = Integer.getInteger("join.runs", 5);
        // the first timeline of the market in this JVM reads the database (and leaves the market in memory)
        long s0 = System.nanoTime();
        long answered = timeline(store, all, timeline, null);
        System.out.printf("timeline_store_first=%.1f ms%n", (System.nanoTime() - s0) / 1e6);
        // as recorded at a far instant: every row, always read from the database
        Instant everything = Instant.parse("3000-01-01T00:00:00Z");
        double[] databaseMs = new double[runs];
        double[] timelineMs = new double[runs];
        double[] matrixMs = new double[runs];
        for (int round = 0; round < 2; round++) {
            for (int r = 0; r < runs; r++) {
                long s = System.nanoTime();
                if (timeline(store, all, timeline, everything) != answered) {
                    throw new IllegalStateException("the database answered differently");
                }
                databaseMs[r] = (System.nanoTime() - s) / 1e6;
                s = System.nanoTime();
                if (timeline(store, all, timeline, null) != answered) {
                    throw new IllegalStateException("the second timeline answered differently");
                }
                timelineMs[r] = (System.nanoTime() - s) / 1e6;
                s = System.nanoTime();
                new FeatureMatrix(store).join(new FeatureMatrix.Request(timesCsv, dir.resolve("matrix.parquet"), "HE",
                        List.of(), false, true, null));
                matrixMs[r] = (System.nanoTime() - s) / 1e6;
            }
        }
        System.out.printf("timeline_store_database=%.1f ms%n", median(databaseMs));
        System.out.printf("timeline_store=%.1f ms%n", median(timelineMs));
        System.out.printf("features_join_parquet=%.1f ms%n", median(matrixMs));

        // the lookups again, now that the market is in memory
        double[] inMemory = medians(calls, i -> store.at("HE", names[i % names.length], times[i % times.length]),
                i -> store.at("HE", times[i % times.length]));
        System.out.printf("one_feature_store_in_memory=%.1f us%n", inMemory[0]);
        System.out.printf("all_features_store_in_memory=%.1f us%n", inMemory[1]);

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

    /** Reads the timeline through the store; returns the values answered. */
    private static long timeline(FeatureStore store, List<String> features, List<Instant> times, Instant asRecorded) {
        long answered = 0;
        try (FeatureTimeline read = store.timeline("HE", features, asRecorded)) {
            for (Instant t : times) {
                for (FeaturePoint p : read.at(t)) {
                    answered += p == null ? 0 : 1;
                }
            }
        }
        return answered;
    }

    /** One call of a measured read, the i-th. */
    private interface Call {
        Object run(int i) throws Exception;
    }

    /**
     * The median µs of each read over {@code n} calls, in passes of its own (a read right after another of the same
     * rows would find them in the CPU's caches), in turns that alternate which goes first, after a warm-up turn.
     */
    private static double[] medians(int n, Call... reads) throws Exception {
        int turns = 4;
        double[][] micros = new double[reads.length][n * (turns - 1)];
        for (int turn = 0; turn < turns; turn++) {
            for (int k = 0; k < reads.length; k++) {
                int read = turn % 2 == 0 ? k : reads.length - 1 - k;
                for (int i = 0; i < n; i++) {
                    long s = System.nanoTime();
                    if (reads[read].run(i) == null) {
                        throw new IllegalStateException("no answer");
                    }
                    if (turn > 0) {
                        micros[read][(turn - 1) * n + i] = (System.nanoTime() - s) / 1e3;
                    }
                }
            }
        }
        double[] medians = new double[reads.length];
        for (int k = 0; k < reads.length; k++) {
            medians[k] = median(micros[k]);
        }
        return medians;
    }

    private static List<FeaturePoint> rawAll(PreparedStatement all, Instant t) throws Exception {
        long millis = t.toEpochMilli();
        all.setString(1, "HE");
        all.setString(2, "HE");
        all.setString(3, "HE");
        all.setLong(4, millis);
        all.setLong(5, millis);
        List<FeaturePoint> points = new ArrayList<>();
        try (ResultSet rs = all.executeQuery()) {
            while (rs.next()) {
                double value = rs.getDouble(2);
                Double boxed = rs.wasNull() ? null : value;
                points.add(new FeaturePoint(rs.getString(1), boxed, Instant.ofEpochMilli(rs.getLong(3)),
                        Instant.ofEpochMilli(rs.getLong(4)), io.marketlake.features.Quality.of(rs.getString(5)),
                        FeaturePoint.Status.OK));
            }
        }
        return points;
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
