package io.marketlake.bench;

import io.marketlake.features.FeatureDataSources;
import io.marketlake.features.FeatureStore;
import io.marketlake.features.FeatureValue;
import io.marketlake.features.Quality;
import io.marketlake.features.Staleness;
import java.io.BufferedWriter;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * 1,000,000 feature rows (one market, 50 features × 20,000 as_of times 15 minutes apart, the rows of
 * {@link BenchStore}) appended through {@link FeatureStore#append} into a fresh SQLite store, one call per UTC day
 * of as_ofs (4,800 values, one transaction each), as a backfill's daily batches arrive; against the sqlite3 command
 * line's {@code .import} of the same rows as CSV, in one transaction, into a database with the same schema and
 * indexes (db/features/V1__features.sql) and the store's journal settings (WAL, synchronous=NORMAL). The import's
 * time is the sqlite3 process's wall time, its start included.
 *
 * <pre>mvn -B -q -Pbench test-compile exec:exec@features-write      (-Xmx1g; sqlite3 on the PATH or -Dsqlite3=)</pre>
 */
public final class FeaturesWriteBench {

    private static final int FEATURES = 50;
    private static final int AS_OFS = 20_000;
    private static final int AS_OFS_PER_APPEND = (int) (24 * 60 * 60_000L / BenchStore.STEP_MS);

    public static void main(String[] args) throws Exception {
        String sqlite3 = System.getProperty("sqlite3", "sqlite3");
        Path dir = BenchFiles.fresh("features-write");
        long total = (long) FEATURES * AS_OFS;

        List<List<FeatureValue>> appends = new ArrayList<>();
        Path csv = dir.resolve("features.csv");
        long start = BenchStore.START.toEpochMilli();
        try (BufferedWriter out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            out.write("market,feature_name,as_of,available_at,recorded_at,value,quality\n");
            List<FeatureValue> batch = new ArrayList<>();
            for (int a = 0; a < AS_OFS; a++) {
                Instant asOf = Instant.ofEpochMilli(start + a * BenchStore.STEP_MS);
                Instant availableAt = asOf.plusMillis(BenchStore.PUBLICATION_DELAY_MS);
                for (int f = 0; f < FEATURES; f++) {
                    double value = BenchStore.value(f, a);
                    batch.add(new FeatureValue(BenchStore.MARKET, "feature." + f, asOf, availableAt, value,
                            Quality.NORMAL));
                    out.write(BenchStore.MARKET + ",feature." + f + "," + asOf.toEpochMilli() + ","
                            + availableAt.toEpochMilli() + "," + availableAt.toEpochMilli() + "," + value + ",normal\n");
                }
                if ((a + 1) % AS_OFS_PER_APPEND == 0) {
                    appends.add(batch);
                    batch = new ArrayList<>();
                }
            }
            if (!batch.isEmpty()) {
                appends.add(batch);
            }
        }

        Path storeFile = dir.resolve("features.db");
        DataSource dataSource = FeatureDataSources.create("jdbc:sqlite:" + storeFile);
        FeatureStore store = new FeatureStore(dataSource, Clock.systemUTC(), new Staleness(Map.of()));
        store.createSchema();
        System.gc();
        long t0 = System.nanoTime();
        long added = 0;
        for (List<FeatureValue> values : appends) {
            added += store.append(values);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        ((AutoCloseable) dataSource).close();
        System.out.printf("marketlake FeatureStore.append: %,d rows in %d appends in %.2f s (%,.0f rows/s)%n", added,
                appends.size(), seconds, added / seconds);

        Path reference = dir.resolve("sqlite3.db");
        String schema;
        try (InputStream in = FeatureStore.class.getResourceAsStream("/db/features/V1__features.sql")) {
            schema = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        run(dir, List.of(sqlite3, reference.toString()), "PRAGMA journal_mode=WAL;\n" + schema);
        long t1 = System.nanoTime();
        run(dir, List.of(sqlite3, "-cmd", "PRAGMA synchronous=NORMAL", reference.toString(),
                ".import --csv --skip 1 " + csv + " features"), "");
        double importSeconds = (System.nanoTime() - t1) / 1e9;
        System.out.printf("sqlite3 .import: %,d rows in %.2f s (%,.0f rows/s)%n", total, importSeconds,
                total / importSeconds);

        for (Path db : List.of(storeFile, reference)) {
            try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + db);
                    Statement statement = connection.createStatement();
                    ResultSet rs = statement.executeQuery("SELECT count(*) FROM features")) {
                rs.next();
                if (rs.getLong(1) != total) {
                    throw new IllegalStateException(db + " holds " + rs.getLong(1) + " rows, not " + total);
                }
            }
        }
        Results.report("features-write", "rows/s", total / seconds, total / importSeconds);
    }

    private static void run(Path dir, List<String> command, String input) throws Exception {
        Path log = dir.resolve("sqlite3.log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try (var stdin = process.getOutputStream()) {
            stdin.write(input.getBytes(StandardCharsets.UTF_8));
        }
        int exit = process.waitFor();
        String output = Files.readString(log);
        // sqlite3 prints import errors (a bad row) but may still exit 0
        if (exit != 0 || output.contains("rror")) {
            throw new IllegalStateException(String.join(" ", command) + " exited " + exit + ": " + output);
        }
    }
}
