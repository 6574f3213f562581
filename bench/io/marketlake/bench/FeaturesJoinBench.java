package io.marketlake.bench;

import io.marketlake.features.FeatureDataSources;
import io.marketlake.features.FeatureMatrix;
import io.marketlake.features.FeatureStore;
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
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * A point-in-time feature matrix of 1,000,000 times × 50 features over a store of 1,000,000 rows (one market,
 * 50 features × 20,000 as_of times, one every 15 minutes), written as Parquet, in this JVM at the heap it runs
 * with; then DuckDB answering the same times with its ASOF JOIN over the same rows (read from a CSV copy) and
 * writing the 50,000,000 answers as Parquet, in the same run. Prints rows/s, peak heap and the time ratio.
 *
 * <pre>mvn -B -q -Pbench test-compile exec:exec@features-join     # -Dtimes=1000000 -Dfeatures=50 -Dasofs=20000</pre>
 */
public final class FeaturesJoinBench {

    public static void main(String[] args) throws Exception {
        int times = Integer.getInteger("times", 1_000_000);
        int features = Integer.getInteger("features", 50);
        int asOfs = Integer.getInteger("asofs", 20_000);
        Path dir = Files.createTempDirectory("marketlake-join-bench-");
        DataSource dataSource = FeatureDataSources.create("jdbc:sqlite:" + dir.resolve("features.db"));
        FeatureStore store = new FeatureStore(dataSource, Clock.systemUTC(), new Staleness(Map.of()));
        store.createSchema();
        long start = BenchStore.START.toEpochMilli();

        long generate = System.nanoTime();
        Path rowsCsv = dir.resolve("features.csv");
        BenchStore.fill(dataSource, features, asOfs, rowsCsv);
        Path timesCsv = dir.resolve("times.csv");
        long span = asOfs * BenchStore.STEP_MS;
        try (BufferedWriter csv = Files.newBufferedWriter(timesCsv, StandardCharsets.UTF_8)) {
            csv.write("ts\n");
            for (int i = 0; i < times; i++) {
                csv.write(Instant.ofEpochMilli(start + span * i / times).toString());
                csv.write('\n');
            }
        }
        System.out.printf("generated %,d feature rows and %,d times in %.1f s%n", (long) features * asOfs, times,
                (System.nanoTime() - generate) / 1e9);

        Heap.resetPeaks();
        long join = System.nanoTime();
        FeatureMatrix.Result result = new FeatureMatrix(store).join(new FeatureMatrix.Request(timesCsv,
                dir.resolve("matrix.parquet"), "HE", List.of(), false, false, null));
        double joinSeconds = (System.nanoTime() - join) / 1e9;
        long peak = Heap.peakBytes();
        System.out.printf("marketlake features join: %,d times x %d features in %.1f s (%,.0f rows/s, %,.0f values/s),"
                + " peak heap %d MB of max %d MB, %d MB of Parquet%n", result.rows(), result.features().size(),
                joinSeconds, result.rows() / joinSeconds, result.rows() * (double) features / joinSeconds,
                peak >> 20, Runtime.getRuntime().maxMemory() >> 20, Files.size(dir.resolve("matrix.parquet")) >> 20);

        double duckSeconds;
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = duck.createStatement()) {
            statement.execute("SET threads TO 2");
            statement.execute("CREATE TABLE f AS SELECT * FROM read_csv('" + rowsCsv + "', header = true)");
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
                System.out.printf("DuckDB ASOF JOIN: %,d answers (%,d values) in %.1f s (%,.0f times/s)%n",
                        rs.getLong(1), rs.getLong(2), duckSeconds, times / duckSeconds);
            }
        }
        System.out.printf("features-join,times/s,%.0f,%.0f,%.2f%n", times / joinSeconds, times / duckSeconds,
                duckSeconds / joinSeconds);
    }
}
