package io.marketlake.features;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.sqlite.SQLiteDataSource;

/**
 * The market snapshot a SQLite store keeps in memory (one, the last a timeline read through), and whether it still
 * holds. SQLite's {@code PRAGMA data_version} is the check: on one connection, its value changes when any other
 * connection, in this process or another (the daemon's pipeline, a CLI backfill), has committed a change to the
 * database since it was last asked. The store keeps a connection of its own for asking, outside the pool and never
 * written through, so every commit of every writer changes what it answers; it is asked before each read the
 * snapshot would answer (one statement that reads no table, a few microseconds), and the snapshot is dropped at the
 * first change. Its version is taken before the timeline's read transaction starts, so a commit landing in between
 * only makes it look older than it is, never newer. PostgreSQL has no such counter that costs nothing: there a
 * store keeps no snapshot and every read goes to the database.
 */
final class MarketSnapshots implements AutoCloseable {

    /**
     * Answering rows a snapshot may hold (about 25 bytes each in memory): a market with more is read from the
     * database every time, as timelines of any size always were.
     */
    static final long LIMIT = 2_000_000;

    private final DataSource sqlite;
    private final long limit;
    /** Guarded by {@code this}, as are the statement and the snapshot. */
    private Connection watch;
    private PreparedStatement version;
    private MarketSnapshot snapshot;
    private boolean building;
    private boolean closed;
    private String namesMarket;
    private List<String> names;
    private long namesVersion;

    private MarketSnapshots(DataSource sqlite, long limit) {
        this.sqlite = sqlite;
        this.limit = limit;
    }

    /** For the store's DataSource: a pool of SQLite connections (or SQLite's own); else it keeps nothing. */
    static MarketSnapshots of(DataSource dataSource, long limit) {
        DataSource underlying = dataSource;
        if (dataSource instanceof HikariDataSource pool) {
            underlying = pool.getDataSource();
        }
        return new MarketSnapshots(underlying instanceof SQLiteDataSource ? underlying : null, limit);
    }

    /** Whether snapshots can be kept at all (SQLite). */
    boolean enabled() {
        return sqlite != null;
    }

    /**
     * The snapshot of {@code market}, if there is one and no writer has committed since it was read; else null (and
     * a snapshot that no longer holds is let go).
     */
    synchronized MarketSnapshot current(String market) {
        if (snapshot == null || !snapshot.market.equals(market)) {
            return null;
        }
        Long now = dataVersion();
        if (now == null || now != snapshot.version) {
            snapshot = null;
            return null;
        }
        return snapshot;
    }

    /**
     * The feature names of {@code market} as last read, if no writer has committed since; else null. (A market's
     * names change only by a commit, so the same check that keeps a snapshot keeps them.)
     */
    synchronized List<String> names(String market) {
        if (sqlite == null || names == null || !namesMarket.equals(market)) {
            return null;
        }
        Long now = dataVersion();
        if (now == null || now != namesVersion) {
            names = null;
            return null;
        }
        return names;
    }

    /** The database's version now, to be taken before reading what {@link #keepNames} will keep; null if unknown. */
    synchronized Long version() {
        return sqlite == null || closed ? null : dataVersion();
    }

    /** Keeps the names of {@code market} read after {@code version} was taken. */
    synchronized void keepNames(String market, long version, List<String> read) {
        if (!closed) {
            namesMarket = market;
            namesVersion = version;
            names = List.copyOf(read);
        }
    }

    /**
     * A builder for a timeline about to read {@code market}'s rows in available_at order, or null when none is to
     * be made (not SQLite, or another one is being made). Call before the timeline's read begins.
     */
    synchronized MarketSnapshot.Builder startBuilding(String market) {
        if (sqlite == null || building || closed) {
            return null;
        }
        Long now = dataVersion();
        if (now == null) {
            return null;
        }
        building = true;
        // the one being replaced is let go now, so two are never held at once
        snapshot = null;
        return new MarketSnapshot.Builder(market, now, limit);
    }

    /** The builder's end: its snapshot kept if it was offered every row of the market, else not. */
    synchronized void finishBuilding(MarketSnapshot.Builder builder, boolean complete) {
        building = false;
        if (complete && !builder.abandoned() && !closed) {
            snapshot = builder.build();
        }
    }

    private Long dataVersion() {
        try {
            if (watch == null) {
                watch = sqlite.getConnection();
                version = watch.prepareStatement("PRAGMA data_version");
            }
            try (ResultSet rs = version.executeQuery()) {
                return rs.next() ? rs.getLong(1) : null;
            }
        } catch (SQLException e) {
            // unknown is changed: the database answers, and the next check opens the connection again
            closeWatch();
            return null;
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        snapshot = null;
        names = null;
        closeWatch();
    }

    private void closeWatch() {
        if (watch != null) {
            try {
                watch.close();
            } catch (SQLException e) {
                // it never wrote
            }
        }
        watch = null;
        version = null;
    }
}
