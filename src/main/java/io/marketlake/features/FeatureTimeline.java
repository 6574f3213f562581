package io.marketlake.features;

import io.marketlake.Timestamps;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.sqlite.SQLiteConnection;

/**
 * What was known of some features of one market along a timeline, in one pass: the market's rows are read once in
 * available_at order (the store's index on it), merged with the query times, and for each feature only the row
 * that answers so far is held: the greatest as_of among the rows available, then the greatest available_at, the
 * rule of {@link FeatureStore#at}. Memory grows with the number of features, not with the times or the rows.
 * The times must not go back; it holds a connection until closed.
 */
public final class FeatureTimeline implements AutoCloseable {

    /** Makes the point served for a row at a query time (its staleness then). */
    interface Points {
        FeaturePoint of(String feature, Double value, long asOf, long availableAt, String quality, Instant time);
    }

    private final List<String> features;
    private final Map<String, Integer> positions = new HashMap<>();
    private final Points points;
    private final boolean[] known;
    private final long[] asOf;
    private final long[] availableAt;
    private final Double[] values;
    private final String[] qualities;
    private final Connection connection;
    private final PreparedStatement select;
    private final ResultSet rows;
    private boolean rowWaiting;
    private boolean rowsLeft = true;
    private long lastTime = Long.MIN_VALUE;

    FeatureTimeline(DataSource dataSource, String market, List<String> features, Instant asRecorded, Points points) {
        this.features = List.copyOf(features);
        for (int i = 0; i < this.features.size(); i++) {
            positions.put(this.features.get(i), i);
        }
        this.points = points;
        int n = this.features.size();
        known = new boolean[n];
        asOf = new long[n];
        availableAt = new long[n];
        values = new Double[n];
        qualities = new String[n];
        String sql = "SELECT feature_name, value, as_of, available_at, quality FROM features WHERE market = ?"
                + (asRecorded == null ? "" : " AND recorded_at <= ?") + " ORDER BY available_at";
        Connection opened = null;
        try {
            opened = dataSource.getConnection();
            // PostgreSQL streams a result only inside a transaction with a fetch size. SQLite streams anyway, and its
            // transactions here are IMMEDIATE: one would hold the write lock for the whole read and every writer
            // (the daemon's pipeline) would wait its busy timeout and fail. One statement reads one snapshot anyway.
            if (!opened.isWrapperFor(SQLiteConnection.class)) {
                opened.setAutoCommit(false);
            }
            PreparedStatement statement = opened.prepareStatement(sql);
            statement.setFetchSize(10_000);
            statement.setString(1, market);
            if (asRecorded != null) {
                // recorded_at is stored rounded up to the millisecond: a row recorded within R's own millisecond may
                // be left out, one recorded after R never counts
                statement.setLong(2, Timestamps.floorMillis(asRecorded));
            }
            this.connection = opened;
            this.select = statement;
            this.rows = statement.executeQuery();
        } catch (SQLException e) {
            closeQuietly(opened);
            throw new FeatureStoreException("cannot read the features of " + market, e);
        }
    }

    /** The point of each feature (in {@link #features()} order) known at {@code time}; null where none is. */
    public List<FeaturePoint> at(Instant time) {
        long millis = Timestamps.floorMillis(time);
        if (millis < lastTime) {
            throw new IllegalArgumentException("a timeline's times must not go back: " + time);
        }
        lastTime = millis;
        try {
            advanceTo(millis);
        } catch (SQLException e) {
            throw new FeatureStoreException("cannot read the features at " + time, e);
        }
        List<FeaturePoint> answer = new ArrayList<>(Arrays.asList(new FeaturePoint[features.size()]));
        for (int i = 0; i < known.length; i++) {
            if (known[i]) {
                answer.set(i, points.of(features.get(i), values[i], asOf[i], availableAt[i], qualities[i], time));
            }
        }
        return answer;
    }

    private void advanceTo(long millis) throws SQLException {
        while (rowsLeft) {
            if (!rowWaiting) {
                rowsLeft = rows.next();
                rowWaiting = rowsLeft;
                if (!rowsLeft) {
                    return;
                }
            }
            long rowAvailableAt = rows.getLong(4);
            if (rowAvailableAt > millis) {
                return;
            }
            rowWaiting = false;
            Integer i = positions.get(rows.getString(1));
            if (i == null) {
                continue;
            }
            long rowAsOf = rows.getLong(3);
            if (!known[i] || rowAsOf > asOf[i] || (rowAsOf == asOf[i] && rowAvailableAt > availableAt[i])) {
                known[i] = true;
                asOf[i] = rowAsOf;
                availableAt[i] = rowAvailableAt;
                values[i] = FeatureStore.doubleOrNull(rows, 2);
                qualities[i] = rows.getString(5);
            }
        }
    }

    @Override
    public void close() {
        try {
            rows.close();
            select.close();
            if (!connection.getAutoCommit()) {
                connection.rollback();
            }
        } catch (SQLException e) {
            // read only: nothing to keep
        } finally {
            closeQuietly(connection);
        }
    }

    private static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                // nothing was written through it
            }
        }
    }
}
