package io.marketlake.bench;

import io.marketlake.features.FeatureDataSources;
import io.marketlake.features.FeatureStore;
import io.marketlake.features.Staleness;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The feature store the point-in-time benchmarks query: one market (HE), {@code features} features, each with a
 * value every 15 minutes from {@link #START} ({@code asOfs} of them), available one minute after its as_of.
 */
final class BenchStore {

    static final Instant START = Instant.parse("2025-06-01T00:00:00Z");
    static final long STEP_MS = 15 * 60_000L;
    static final long PUBLICATION_DELAY_MS = 60_000L;
    static final String MARKET = "HE";

    private BenchStore() {
    }

    /**
     * A store as described above in {@code home/features.db} (a marketlake home, so {@code features at --home}
     * answers from it), and {@code csv}, HE's rows as CSV for DuckDB. Built once, then shared by the benchmarks
     * that only read it (pit-one, pit-market, pit-timeline, startup).
     */
    record Shared(Path home, Path csv, int features, int asOfs) {

        Path database() {
            return home.resolve("features.db");
        }

        String jdbcUrl() {
            return "jdbc:sqlite:" + database();
        }

        /** The times the store covers: from START to its last as_of. */
        long spanMillis() {
            return asOfs * STEP_MS;
        }

        FeatureStore open() {
            return new FeatureStore(FeatureDataSources.create(jdbcUrl()), Clock.systemUTC(), new Staleness(Map.of()));
        }
    }

    static Shared shared(int features, int asOfs) throws Exception {
        Path home = BenchFiles.root().resolve("features-" + features + "x" + asOfs);
        Shared shared = new Shared(home, home.resolve("features.csv"), features, asOfs);
        if (Files.isRegularFile(home.resolve("complete"))) {
            return shared;
        }
        BenchFiles.fresh(home.getFileName().toString());
        long start = System.nanoTime();
        DataSource dataSource = FeatureDataSources.create(shared.jdbcUrl());
        new FeatureStore(dataSource, Clock.systemUTC(), new Staleness(Map.of())).createSchema();
        fill(dataSource, MARKET, features, asOfs, shared.csv());
        ((AutoCloseable) dataSource).close();
        Files.writeString(home.resolve("complete"), "");
        System.out.printf("feature store of %,d rows (%s: %d features x %,d as_of times) built in %.1f s%n",
                (long) features * asOfs, MARKET, features, asOfs, (System.nanoTime() - start) / 1e9);
        return shared;
    }

    /** Inserts the rows into a store whose schema exists; {@code csvCopy}, when given, gets the same rows as CSV. */
    static void fill(DataSource dataSource, String market, int features, int asOfs, Path csvCopy) throws Exception {
        long start = START.toEpochMilli();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement("INSERT INTO features (market, feature_name,"
                        + " as_of, available_at, recorded_at, value, quality) VALUES (?, ?, ?, ?, ?, ?, 'normal')");
                BufferedWriter csv = csvCopy == null ? null : Files.newBufferedWriter(csvCopy, StandardCharsets.UTF_8)) {
            connection.setAutoCommit(false);
            if (csv != null) {
                csv.write("feature_name,as_of,available_at,value\n");
            }
            for (int a = 0; a < asOfs; a++) {
                for (int f = 0; f < features; f++) {
                    long asOf = start + a * STEP_MS;
                    long availableAt = asOf + PUBLICATION_DELAY_MS;
                    double value = value(f, a);
                    insert.setString(1, market);
                    insert.setString(2, "feature." + f);
                    insert.setLong(3, asOf);
                    insert.setLong(4, availableAt);
                    insert.setLong(5, availableAt);
                    insert.setDouble(6, value);
                    insert.addBatch();
                    if (csv != null) {
                        csv.write("feature." + f + "," + asOf + "," + availableAt + "," + value + "\n");
                    }
                }
                if (a % 200 == 0) {
                    insert.executeBatch();
                }
            }
            insert.executeBatch();
            connection.commit();
        }
    }

    /** The value of feature {@code f} at its {@code a}-th as_of. */
    static double value(int f, int a) {
        return f * 1000 + a * 0.25;
    }
}
