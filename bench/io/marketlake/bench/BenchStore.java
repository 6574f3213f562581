package io.marketlake.bench;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import javax.sql.DataSource;

/**
 * The feature store the point-in-time benchmarks query: one market (HE), {@code features} features, each with a
 * value every 15 minutes from {@link #START} ({@code asOfs} of them), available one minute after its as_of.
 */
final class BenchStore {

    static final Instant START = Instant.parse("2025-06-01T00:00:00Z");
    static final long STEP_MS = 15 * 60_000L;
    static final long PUBLICATION_DELAY_MS = 60_000L;

    private BenchStore() {
    }

    /** Inserts the rows into a store whose schema exists; {@code csvCopy}, when given, gets the same rows as CSV. */
    static void fill(DataSource dataSource, int features, int asOfs, Path csvCopy) throws Exception {
        long start = START.toEpochMilli();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement("INSERT INTO features (market, feature_name,"
                        + " as_of, available_at, recorded_at, value, quality) VALUES ('HE', ?, ?, ?, ?, ?, 'normal')");
                BufferedWriter csv = csvCopy == null ? null : Files.newBufferedWriter(csvCopy, StandardCharsets.UTF_8)) {
            connection.setAutoCommit(false);
            if (csv != null) {
                csv.write("feature_name,as_of,available_at,value\n");
            }
            for (int a = 0; a < asOfs; a++) {
                for (int f = 0; f < features; f++) {
                    long asOf = start + a * STEP_MS;
                    long availableAt = asOf + PUBLICATION_DELAY_MS;
                    double value = f * 1000 + a * 0.25;
                    insert.setString(1, "feature." + f);
                    insert.setLong(2, asOf);
                    insert.setLong(3, availableAt);
                    insert.setLong(4, availableAt);
                    insert.setDouble(5, value);
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
}
