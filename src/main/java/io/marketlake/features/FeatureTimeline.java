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
 *
 * <p>On SQLite, the rows it reads also make the market's {@link MarketSnapshot}, which the store then keeps (up to
 * {@link MarketSnapshots#LIMIT} answering rows, about 25 bytes each; past that the market is not kept), and a
 * timeline opened while that snapshot still holds answers from it, with no connection: a second join of a market
 * in one process costs the merge only. Not with a recorded-at bound (the snapshot holds every row, whenever
 * recorded), which always reads the database.
 */
public final class FeatureTimeline implements AutoCloseable {

    /** Makes the point served for a row at a query time (its staleness then). */
    interface Points {
        FeaturePoint of(String feature, Double value, long asOf, long availableAt, Quality quality, Instant time);
    }

    private final List<String> features;
    private final Points points;
    private long lastTime = Long.MIN_VALUE;

    /** Answering from a snapshot: each feature's position in it (-1: none) and its answer so far. */
    private final MarketSnapshot snapshot;
    private final int[] inSnapshot;
    private final int[] answers;

    /** Answering from the database: per feature name read, its position (-1: not asked for) and snapshot rows. */
    private final Map<String, Integer> positions = new HashMap<>();
    private final Map<String, Slot> slots = new HashMap<>();
    private final boolean[] known;
    private final long[] asOf;
    private final long[] availableAt;
    private final Double[] values;
    private final String[] qualities;
    private final Connection connection;
    private final PreparedStatement select;
    private final ResultSet rows;
    private final MarketSnapshots snapshots;
    private final MarketSnapshot.Builder builder;
    private long rowsRead;
    private boolean rowWaiting;
    private boolean rowsLeft = true;

    FeatureTimeline(DataSource dataSource, MarketSnapshots snapshots, String market, List<String> features,
            Instant asRecorded, Points points) {
        this.features = List.copyOf(features);
        this.points = points;
        int n = this.features.size();
        for (int i = 0; i < n; i++) {
            positions.put(this.features.get(i), i);
        }
        MarketSnapshot current = asRecorded == null ? snapshots.current(market) : null;
        if (current != null) {
            snapshot = current;
            inSnapshot = new int[n];
            answers = new int[n];
            for (int i = 0; i < n; i++) {
                String feature = this.features.get(i);
                // a name asked twice is answered in its last place only, as the rows are
                inSnapshot[i] = positions.get(feature) == i ? current.position(feature) : -1;
                answers[i] = -1;
            }
            known = null;
            asOf = null;
            availableAt = null;
            values = null;
            qualities = null;
            connection = null;
            select = null;
            rows = null;
            this.snapshots = null;
            builder = null;
            return;
        }
        snapshot = null;
        inSnapshot = null;
        answers = null;
        known = new boolean[n];
        asOf = new long[n];
        availableAt = new long[n];
        values = new Double[n];
        qualities = new String[n];
        String sql = "SELECT feature_name, value, as_of, available_at, quality FROM features WHERE market = ?"
                + (asRecorded == null ? "" : " AND recorded_at <= ?") + " ORDER BY available_at";
        this.snapshots = snapshots;
        // asked before the read begins: a commit in between makes the snapshot look older than it is, never newer
        builder = asRecorded == null ? snapshots.startBuilding(market) : null;
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
            if (builder != null) {
                snapshots.finishBuilding(builder, false);
            }
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
        List<FeaturePoint> answer = new ArrayList<>(Arrays.asList(new FeaturePoint[features.size()]));
        if (snapshot != null) {
            for (int i = 0; i < inSnapshot.length; i++) {
                if (inSnapshot[i] >= 0) {
                    answers[i] = snapshot.answerAt(inSnapshot[i], millis, answers[i]);
                    if (answers[i] >= 0) {
                        answer.set(i, snapshot.point(inSnapshot[i], answers[i], time, points));
                    }
                }
            }
            return answer;
        }
        try {
            advanceTo(millis);
        } catch (SQLException e) {
            throw new FeatureStoreException("cannot read the features at " + time, e);
        }
        for (int i = 0; i < known.length; i++) {
            if (known[i]) {
                answer.set(i, points.of(features.get(i), values[i], asOf[i], availableAt[i], Quality.of(qualities[i]),
                        time));
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
            take(rowAvailableAt);
        }
    }

    /** A feature met in the rows: where it goes in the answer (-1: not asked for) and in the snapshot. */
    private record Slot(int position, MarketSnapshot.Answers answers) {
    }

    /** The row under the cursor, available by now: the answer of its feature if it beats the one held. */
    private void take(long rowAvailableAt) throws SQLException {
        rowsRead++;
        String feature = rows.getString(1);
        long rowAsOf = rows.getLong(3);
        Slot slot = slots.get(feature);
        if (slot == null) {
            Integer position = positions.get(feature);
            slot = new Slot(position == null ? -1 : position, builder == null ? null : builder.of(feature));
            slots.put(feature, slot);
        }
        int i = slot.position();
        boolean answers = i >= 0
                && (!known[i] || rowAsOf > asOf[i] || (rowAsOf == asOf[i] && rowAvailableAt > availableAt[i]));
        if (builder == null && !answers) {
            return;
        }
        double value = rows.getDouble(2);
        boolean nullValue = rows.wasNull();
        String quality = rows.getString(5);
        if (builder != null) {
            builder.accept(slot.answers(), rowAsOf, rowAvailableAt, value, nullValue, quality);
        }
        if (answers) {
            known[i] = true;
            asOf[i] = rowAsOf;
            availableAt[i] = rowAvailableAt;
            values[i] = nullValue ? null : value;
            qualities[i] = quality;
        }
    }

    @Override
    public void close() {
        if (connection == null) {
            return;
        }
        boolean complete = false;
        try {
            complete = builder != null && !builder.abandoned() && readTheRest();
            rows.close();
            select.close();
            if (!connection.getAutoCommit()) {
                connection.rollback();
            }
        } catch (SQLException | RuntimeException e) {
            // read only: nothing to keep (and no snapshot of a read that failed)
            complete = false;
        } finally {
            closeQuietly(connection);
            if (builder != null) {
                snapshots.finishBuilding(builder, complete);
            }
        }
    }

    /**
     * The rows after the timeline's last time, into the snapshot: a few (a timeline usually ends near the store's
     * end) are worth reading for a snapshot of the whole market; more than an eighth of what was read already, or
     * 10,000, are not (a timeline of a market's early days is not made to pay for the rest).
     */
    private boolean readTheRest() throws SQLException {
        long allowed = Math.max(10_000, rowsRead / 8);
        for (long read = 0; rowsLeft; read++) {
            if (!rowWaiting) {
                rowsLeft = rows.next();
                if (!rowsLeft) {
                    break;
                }
            }
            if (read == allowed || builder.abandoned()) {
                return false;
            }
            rowWaiting = false;
            take(rows.getLong(4));
        }
        return !builder.abandoned();
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
