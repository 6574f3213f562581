package io.marketlake.bench;

import io.marketlake.features.FeatureMatrix;
import io.marketlake.features.FeatureStore;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;

/**
 * A point-in-time feature matrix ({@code marketlake features join}) of {@code -Dtimes} times (in order, spread over
 * the store's span) × 50 features over the store of 1,000,000 rows of {@link BenchStore} (one market, 50 features ×
 * 20,000 as_of times, one every 15 minutes), written as Parquet, in this JVM at the heap it runs with; then, in the
 * same run, over the same rows:
 * <ul>
 * <li>DuckDB answering the same times with its ASOF JOIN (the rows read from a CSV copy and the times loaded
 * beforehand, not timed) and writing the answers (long form) as Parquet: line {@code <case>};</li>
 * <li>with {@code -Dsqlite=true} (the default up to 100,000 times), the market-wide lookup written by hand on
 * sqlite-jdbc ({@link ReferenceSql#MARKET}, one prepared statement kept open) asked at each time, the answers kept
 * in memory, not written: line {@code <case>-sqlite}.</li>
 * </ul>
 * Times in seconds; the answers of all three are counted and must agree.
 *
 * <pre>mvn -B -q -Pbench test-compile exec:exec@features-join     # -Dtimes=1000000 -Dcase=features-join</pre>
 */
public final class FeaturesJoinBench {

    public static void main(String[] args) throws Exception {
        int times = Integer.getInteger("times", 1_000_000);
        String name = System.getProperty("case", "features-join");
        boolean sqliteReference = Boolean.parseBoolean(System.getProperty("sqlite", String.valueOf(times <= 100_000)));
        BenchStore.Shared shared = BenchStore.shared(Integer.getInteger("features", 50),
                Integer.getInteger("asofs", 20_000));
        Path dir = BenchFiles.fresh(name);
        long start = BenchStore.START.toEpochMilli();

        Path timesCsv = dir.resolve("times.csv");
        long[] millis = new long[times];
        try (BufferedWriter csv = Files.newBufferedWriter(timesCsv, StandardCharsets.UTF_8)) {
            csv.write("ts\n");
            for (int i = 0; i < times; i++) {
                millis[i] = start + shared.spanMillis() * i / times;
                csv.write(Instant.ofEpochMilli(millis[i]).toString());
                csv.write('\n');
            }
        }

        FeatureStore store = shared.open();
        Heap.resetPeaks();
        long join = System.nanoTime();
        FeatureMatrix.Result result = new FeatureMatrix(store).join(new FeatureMatrix.Request(timesCsv,
                dir.resolve("matrix.parquet"), BenchStore.MARKET, List.of(), false, false, null));
        double joinSeconds = (System.nanoTime() - join) / 1e9;
        long peak = Heap.peakBytes();
        int features = result.features().size();
        System.out.printf("marketlake features join: %,d times x %d features in %.2f s (%,.0f rows/s, %,.0f values/s),"
                + " peak heap %d MB of max %d MB, %d MB of Parquet%n", result.rows(), features,
                joinSeconds, result.rows() / joinSeconds, result.rows() * (double) features / joinSeconds,
                peak >> 20, Runtime.getRuntime().maxMemory() >> 20, Files.size(dir.resolve("matrix.parquet")) >> 20);

        double duckSeconds;
        long marketlakeValues;
        long duckValues;
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = duck.createStatement()) {
            statement.execute("SET threads TO 2");
            statement.execute("CREATE TABLE f AS SELECT * FROM read_csv('" + shared.csv() + "', header = true)");
            statement.execute("CREATE TABLE t AS SELECT epoch_ms(ts::TIMESTAMPTZ) AS ms, ts::TIMESTAMPTZ AS ts"
                    + " FROM read_csv('" + timesCsv + "', header = true, columns = {'ts': 'VARCHAR'})");
            long duckStart = System.nanoTime();
            // each time against each feature's timeline: the row with the greatest available_at at or before it
            // (as_of grows with available_at here, so it is also the greatest as_of: the same rule)
            statement.execute("COPY (SELECT t.ts, f.feature_name, f.value FROM t"
                    + " CROSS JOIN (SELECT DISTINCT feature_name AS name FROM f) n"
                    + " ASOF LEFT JOIN f ON f.feature_name = n.name AND t.ms >= f.available_at)"
                    + " TO '" + dir.resolve("duck.parquet") + "' (FORMAT PARQUET, COMPRESSION zstd)");
            duckSeconds = (System.nanoTime() - duckStart) / 1e9;
            try (ResultSet rs = statement.executeQuery("SELECT count(*), count(value) FROM read_parquet('"
                    + dir.resolve("duck.parquet") + "')")) {
                rs.next();
                duckValues = rs.getLong(2);
                System.out.printf("DuckDB ASOF JOIN: %,d answers (%,d values) in %.2f s (%,.0f times/s)%n",
                        rs.getLong(1), duckValues, duckSeconds, times / duckSeconds);
            }
            // the values of the wide matrix (null: not known yet)
            String counts = String.join(" + ", result.features().stream().map(f -> "count(\"" + f + "\")").toList());
            try (ResultSet rs = statement.executeQuery("SELECT " + counts + " FROM read_parquet('"
                    + dir.resolve("matrix.parquet") + "')")) {
                rs.next();
                marketlakeValues = rs.getLong(1);
            }
        }
        if (marketlakeValues != duckValues) {
            throw new IllegalStateException("marketlake's matrix holds " + marketlakeValues + " values, DuckDB's "
                    + duckValues);
        }
        Results.report(name, "s", joinSeconds, duckSeconds);
        // the same join again in this JVM, as a daemon or a notebook session asks it: on SQLite the store answers
        // from the market it kept in memory while no writer has committed since (MarketSnapshots)
        long again = System.nanoTime();
        new FeatureMatrix(store).join(new FeatureMatrix.Request(timesCsv, dir.resolve("matrix-again.parquet"),
                BenchStore.MARKET, List.of(), false, false, null));
        double againSeconds = (System.nanoTime() - again) / 1e9;
        System.out.printf("marketlake features join again in the same JVM: %.2f s%n", againSeconds);
        Results.report(name + "-again", "s", againSeconds, duckSeconds);

        if (sqliteReference) {
            long sqliteValues = 0;
            long sqliteStart = System.nanoTime();
            try (Connection sqlite = DriverManager.getConnection(shared.jdbcUrl());
                    ReferenceSql.MarketLookup lookup = new ReferenceSql.MarketLookup(sqlite)) {
                for (long t : millis) {
                    sqliteValues += lookup.at(BenchStore.MARKET, t).size();
                }
            }
            double sqliteSeconds = (System.nanoTime() - sqliteStart) / 1e9;
            System.out.printf("prepared SQL on sqlite-jdbc, one market-wide lookup per time: %,d values in %.2f s%n",
                    sqliteValues, sqliteSeconds);
            if (sqliteValues != marketlakeValues) {
                throw new IllegalStateException("the SQL reference answered " + sqliteValues + " values, marketlake "
                        + marketlakeValues);
            }
            Results.report(name + "-sqlite", "s", joinSeconds, sqliteSeconds);
        }
    }
}
