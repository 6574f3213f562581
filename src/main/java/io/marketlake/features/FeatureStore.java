package io.marketlake.features;

import io.marketlake.Timestamps;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.flywaydb.core.api.FlywayException;

/**
 * The point-in-time feature store (SPEC §3): one bitemporal table, rows only ever inserted. A value that differs
 * from what is already known for its as_of is a revision: a new row whose available_at is when this system
 * observed it (never earlier than the original publication). An identical value adds nothing. Instants are
 * stored as epoch milliseconds UTC, so comparisons are exact integer comparisons in any database. A SQLite store
 * keeps in memory the last market a timeline read, for as long as no writer commits ({@link MarketSnapshots});
 * closing the store lets it go.
 */
public final class FeatureStore implements AutoCloseable {

    /** The schema's versioned migrations (Flyway), one set for SQLite and PostgreSQL. */
    static final String MIGRATIONS = "db/features";
    /** The newest of them ({@code V<n>__...sql}): a store at this version needs no migration run. */
    static final String NEWEST_MIGRATION = "1";
    /** Names given to one statement at most (a market with more is asked with its own skip scan). */
    private static final int MAX_NAMED = 1_000;
    /** PostgreSQL: the transaction-scoped lock every writer takes, as SQLite's IMMEDIATE transactions do. */
    private static final long WRITE_LOCK = 0x6d6b746c616b65L;
    private static final String COMPLETE = "INSERT INTO batches"
            + " (batch_id, source, market, trading_date, completed_at, lake_rows, feature_rows, defects)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";
    private static final String COMPLETED_BETWEEN = "SELECT batch_id, trading_date, completed_at, lake_rows, defects"
            + " FROM batches WHERE source = ? AND market = ? AND trading_date BETWEEN ? AND ? ORDER BY batch_id";
    private static final String INSERT = "INSERT INTO features"
            + " (market, feature_name, as_of, available_at, recorded_at, value, quality)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";
    /** A feature's stored rows for some as_ofs: a range of the primary key, whatever the store's size. */
    static final String KNOWN = "SELECT as_of, available_at, recorded_at, value, quality"
            + " FROM features WHERE market = ? AND feature_name = ? AND as_of BETWEEN ? AND ?";
    /**
     * The market's feature names, one index seek each (a skip scan of the primary key written as a recursive
     * query, which SQLite and PostgreSQL both run as seeks): not a scan of the market's rows.
     */
    static final String NAMES = "WITH RECURSIVE names(name) AS ("
            + " SELECT MIN(feature_name) FROM features WHERE market = ?"
            + " UNION ALL SELECT (SELECT MIN(feature_name) FROM features WHERE market = ? AND feature_name > name)"
            + " FROM names WHERE name IS NOT NULL)"
            + " SELECT name FROM names WHERE name IS NOT NULL ORDER BY name";
    /**
     * What was known of one feature at a time: the primary key read backwards from the greatest as_of, skipping
     * only the rows not yet available then; its cost does not grow with the rows before the time. The unary plus
     * keeps SQLite from taking the available_at index instead (every row of the market before t, then a sort).
     */
    // as_of <= available_at (FeatureValue), so as_of <= t holds for every row it can answer: the bound lets the
    // primary key seek to t, where the newest as_of first would walk back over every row after t
    static final String LATEST_AT = "SELECT value, as_of, available_at, quality FROM features"
            + " WHERE market = ? AND feature_name = ? AND +available_at <= ? AND as_of <= ?"
            + " ORDER BY as_of DESC, available_at DESC LIMIT 1";
    /**
     * What was known of every feature of a market at a time, in one statement (one read transaction, where a
     * statement per feature paid SQLite's begin and end of a read fifty times): the names by the skip scan of
     * {@link #NAMES}, each joined to its {@link #LATEST_AT} lookup, which SQLite runs as a correlated seek of the
     * primary key answering the row's rowid. Parameters: market, market, market, t, t.
     */
    static final String ALL_AT_SQLITE = "WITH RECURSIVE names(name) AS ("
            + " SELECT MIN(feature_name) FROM features WHERE market = ?"
            + " UNION ALL SELECT (SELECT MIN(feature_name) FROM features WHERE market = ? AND feature_name > name)"
            + " FROM names WHERE name IS NOT NULL)"
            + " SELECT names.name, f.value, f.as_of, f.available_at, f.quality FROM names"
            + " JOIN features f ON f.rowid = (SELECT rowid FROM features"
            + " WHERE market = ? AND feature_name = names.name AND +available_at <= ? AND as_of <= ?"
            + " ORDER BY as_of DESC, available_at DESC LIMIT 1)"
            + " WHERE names.name IS NOT NULL ORDER BY names.name";
    /** {@link #ALL_AT_SQLITE} as PostgreSQL takes it: the same lookup per name, joined laterally. */
    static final String ALL_AT_POSTGRESQL = "WITH RECURSIVE names(name) AS ("
            + " SELECT MIN(feature_name) FROM features WHERE market = ?"
            + " UNION ALL SELECT (SELECT MIN(feature_name) FROM features WHERE market = ? AND feature_name > name)"
            + " FROM names WHERE name IS NOT NULL)"
            + " SELECT names.name, f.value, f.as_of, f.available_at, f.quality FROM names"
            + " CROSS JOIN LATERAL (SELECT value, as_of, available_at, quality FROM features"
            + " WHERE market = ? AND feature_name = names.name AND +available_at <= ? AND as_of <= ?"
            + " ORDER BY as_of DESC, available_at DESC LIMIT 1) f"
            + " WHERE names.name IS NOT NULL ORDER BY names.name";
    private static final String HISTORY = "SELECT feature_name, value, as_of, available_at, recorded_at, quality"
            + " FROM features WHERE market = ? AND feature_name = ? AND as_of BETWEEN ? AND ?"
            + " ORDER BY as_of, available_at";

    private final DataSource dataSource;
    private final Clock clock;
    private final Staleness staleness;
    private final KeptStatements statements = new KeptStatements();
    private final MarketSnapshots snapshots;
    /** Which database the store is, asked of the first connection (asking every call cost a metadata round). */
    private volatile Boolean postgresql;

    public FeatureStore(DataSource dataSource, Clock clock, Staleness staleness) {
        this(dataSource, clock, staleness, MarketSnapshots.LIMIT);
    }

    /** {@code snapshotLimit}: the answering rows a market snapshot may hold (see {@link MarketSnapshots}). */
    FeatureStore(DataSource dataSource, Clock clock, Staleness staleness, long snapshotLimit) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.staleness = staleness;
        this.snapshots = MarketSnapshots.of(dataSource, snapshotLimit);
    }

    /**
     * Creates the schema or upgrades it to the newest version (Flyway). A store made before migrations existed is
     * taken as version 0 and upgraded in place: the first migration only creates what is not there.
     */
    public void createSchema() {
        if (upToDate()) {
            // every command opens the store: a store at the newest version is not worth loading Flyway for
            return;
        }
        try {
            SchemaMigrations.migrate(dataSource, MIGRATIONS, "flyway_schema_history");
        } catch (FlywayException e) {
            throw new FeatureStoreException("cannot create or upgrade the feature store's schema", e);
        }
    }

    /**
     * Stores the values in one transaction and returns how many rows were added: new as_ofs at their own
     * available_at, changed values as revisions available from now, identical values not at all.
     */
    public int append(List<FeatureValue> values) {
        return append(values, null);
    }

    /**
     * As {@link #append(List)}, and in the same transaction records {@code batch} as complete (when not null):
     * either both the features and the ledger entry are stored, or neither.
     */
    public int append(List<FeatureValue> values, CompletedBatch batch) {
        if (values.isEmpty() && batch == null) {
            return 0;
        }
        Instant observedAt = clock.instant();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                lockForWriting(connection);
                int added = 0;
                Map<String, List<FeatureValue>> byMarket = new LinkedHashMap<>();
                values.forEach(v -> byMarket.computeIfAbsent(v.market(), m -> new ArrayList<>()).add(v));
                for (Map.Entry<String, List<FeatureValue>> entry : byMarket.entrySet()) {
                    added += appendMarket(connection, entry.getKey(), entry.getValue(), observedAt);
                }
                if (batch != null) {
                    complete(connection, batch, added, observedAt);
                }
                connection.commit();
                return added;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new FeatureStoreException("cannot store " + values.size() + " feature values", e);
        }
    }

    private boolean upToDate() {
        try (Connection connection = dataSource.getConnection()) {
            // asked of the catalogue first: a failed query would cost the pool its connection, and a warning
            try (ResultSet tables = connection.getMetaData().getTables(null, connection.getSchema(),
                    "flyway_schema_history", null)) {
                if (!tables.next()) {
                    return false;
                }
            }
            try (Statement statement = connection.createStatement();
                    ResultSet rs = statement.executeQuery("SELECT version FROM flyway_schema_history WHERE success"
                            + " ORDER BY installed_rank DESC LIMIT 1")) {
                return rs.next() && NEWEST_MIGRATION.equals(rs.getString(1));
            }
        } catch (SQLException e) {
            return false;
        }
    }

    /**
     * Writers one at a time, so two of them (the daemon and a backfill) never both decide that a value is new:
     * SQLite's IMMEDIATE transactions take its write lock at BEGIN; on PostgreSQL a transaction-scoped advisory
     * lock does the same.
     */
    private void lockForWriting(Connection connection) throws SQLException {
        if (postgresql(connection)) {
            try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
                lock.setLong(1, WRITE_LOCK);
                lock.execute();
            }
        }
    }

    private boolean postgresql(Connection connection) throws SQLException {
        Boolean known = postgresql;
        if (known == null) {
            known = connection.getMetaData().getDatabaseProductName().startsWith("PostgreSQL");
            postgresql = known;
        }
        return known;
    }

    private int appendMarket(Connection connection, String market, List<FeatureValue> values, Instant observedAt)
            throws SQLException {
        Map<Key, FeatureRow> latest = latestKnown(connection, market, values);
        int added = 0;
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            for (FeatureValue value : values) {
                Key key = new Key(value.feature(), value.asOf().toEpochMilli());
                // stored in milliseconds rounded up: a value is never visible before it was known
                Instant availableAt = Instant.ofEpochMilli(Timestamps.ceilMillis(value.availableAt()));
                FeatureRow known = latest.get(key);
                if (known != null) {
                    if (Objects.equals(known.value(), value.value()) && known.quality() == value.quality()) {
                        continue;
                    }
                    // A revision could not have been known before we saw it.
                    Instant observed = Instant.ofEpochMilli(Timestamps.ceilMillis(observedAt));
                    availableAt = availableAt.isAfter(observed) ? availableAt : observed;
                    if (!availableAt.isAfter(known.availableAt())) {
                        availableAt = known.availableAt().plusMillis(1);
                    }
                }
                insert.setString(1, market);
                insert.setString(2, value.feature());
                insert.setLong(3, value.asOf().toEpochMilli());
                insert.setLong(4, availableAt.toEpochMilli());
                insert.setLong(5, Timestamps.ceilMillis(observedAt));
                if (value.value() == null) {
                    insert.setNull(6, Types.DOUBLE);
                } else {
                    insert.setDouble(6, value.value());
                }
                insert.setString(7, value.quality().label());
                insert.addBatch();
                latest.put(key, new FeatureRow(value.feature(), value.value(), value.asOf(), availableAt, observedAt,
                        value.quality()));
                added++;
            }
            insert.executeBatch();
        }
        return added;
    }

    private static void complete(Connection connection, CompletedBatch batch, int featureRows, Instant at)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(COMPLETE)) {
            insert.setString(1, batch.batchId());
            insert.setString(2, batch.source());
            insert.setString(3, batch.market());
            insert.setString(4, batch.tradingDate().toString());
            insert.setLong(5, Timestamps.ceilMillis(at));
            insert.setLong(6, batch.lakeRows());
            insert.setLong(7, featureRows);
            insert.setLong(8, batch.defects());
            insert.executeUpdate();
        }
    }

    /** A batch the ledger holds as complete. */
    public record LedgerEntry(String batchId, LocalDate tradingDate, Instant completedAt, long lakeRows,
            long defects) {
    }

    /** The complete batches of this source and market with a trading date in [from, to], oldest first. */
    public List<LedgerEntry> completed(String source, String market, LocalDate from, LocalDate to) {
        List<LedgerEntry> entries = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(COMPLETED_BETWEEN)) {
            select.setString(1, source);
            select.setString(2, market);
            select.setString(3, from.toString());
            select.setString(4, to.toString());
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    entries.add(new LedgerEntry(rs.getString(1), LocalDate.parse(rs.getString(2)),
                            Instant.ofEpochMilli(rs.getLong(3)), rs.getLong(4), rs.getLong(5)));
                }
            }
        } catch (SQLException e) {
            throw new FeatureStoreException("cannot read the batch ledger of " + source + "/" + market, e);
        }
        return entries;
    }

    /**
     * What the ledger holds of one source and market: its newest complete batch by completion (if any), the
     * newest trading date complete, and totals.
     */
    public record LedgerSummary(LedgerEntry newest, LocalDate newestDate, long batches, long featureRows) {
    }

    /** The newest complete batch of a source and market, by completion time, and the ledger's totals of them. */
    public LedgerSummary ledgerSummary(String source, String market) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement newest = connection.prepareStatement("SELECT batch_id, trading_date, completed_at,"
                        + " lake_rows, defects FROM batches WHERE source = ? AND market = ?"
                        + " ORDER BY completed_at DESC, batch_id DESC LIMIT 1");
                PreparedStatement totals = connection.prepareStatement("SELECT COUNT(*), COALESCE(SUM(feature_rows), 0),"
                        + " MAX(trading_date) FROM batches WHERE source = ? AND market = ?")) {
            LedgerEntry entry = null;
            newest.setString(1, source);
            newest.setString(2, market);
            try (ResultSet rs = newest.executeQuery()) {
                if (rs.next()) {
                    entry = new LedgerEntry(rs.getString(1), LocalDate.parse(rs.getString(2)),
                            Instant.ofEpochMilli(rs.getLong(3)), rs.getLong(4), rs.getLong(5));
                }
            }
            totals.setString(1, source);
            totals.setString(2, market);
            try (ResultSet rs = totals.executeQuery()) {
                rs.next();
                String newestDate = rs.getString(3);
                return new LedgerSummary(entry, newestDate == null ? null : LocalDate.parse(newestDate), rs.getLong(1),
                        rs.getLong(2));
            }
        } catch (SQLException e) {
            throw new FeatureStoreException("cannot read the batch ledger of " + source + "/" + market, e);
        }
    }

    /** Which of these batch ids the ledger holds as complete. */
    public Set<String> completed(Collection<String> batchIds) {
        Set<String> done = new HashSet<>();
        List<String> ids = List.copyOf(new LinkedHashSet<>(batchIds));
        for (int start = 0; start < ids.size(); start += 500) {
            List<String> chunk = ids.subList(start, Math.min(ids.size(), start + 500));
            String sql = "SELECT batch_id FROM batches WHERE batch_id IN ("
                    + String.join(", ", Collections.nCopies(chunk.size(), "?")) + ")";
            try (Connection connection = dataSource.getConnection();
                    PreparedStatement select = connection.prepareStatement(sql)) {
                for (int i = 0; i < chunk.size(); i++) {
                    select.setString(i + 1, chunk.get(i));
                }
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        done.add(rs.getString(1));
                    }
                }
            } catch (SQLException e) {
                throw new FeatureStoreException("cannot read the batch ledger", e);
            }
        }
        return done;
    }

    private Map<Key, FeatureRow> latestKnown(Connection connection, String market, List<FeatureValue> values)
            throws SQLException {
        Map<String, long[]> asOfRange = new TreeMap<>();
        for (FeatureValue value : values) {
            long asOf = value.asOf().toEpochMilli();
            asOfRange.merge(value.feature(), new long[] {asOf, asOf},
                    (a, b) -> new long[] {Math.min(a[0], b[0]), Math.max(a[1], b[1])});
        }
        Map<Key, FeatureRow> latest = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement(KNOWN)) {
            for (Map.Entry<String, long[]> range : asOfRange.entrySet()) {
                String feature = range.getKey();
                select.setString(1, market);
                select.setString(2, feature);
                select.setLong(3, range.getValue()[0]);
                select.setLong(4, range.getValue()[1]);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        FeatureRow row = new FeatureRow(feature, doubleOrNull(rs, 4),
                                Instant.ofEpochMilli(rs.getLong(1)), Instant.ofEpochMilli(rs.getLong(2)),
                                Instant.ofEpochMilli(rs.getLong(3)), Quality.of(rs.getString(5)));
                        latest.merge(new Key(feature, rs.getLong(1)), row,
                                (a, b) -> a.availableAt().compareTo(b.availableAt()) >= 0 ? a : b);
                    }
                }
            }
        }
        return latest;
    }

    /**
     * The market's feature names, kept (with the database's version taken before they were read) and given again
     * while no writer has committed since; null where nothing can be kept (PostgreSQL, a store without the check).
     */
    private List<String> knownNames(Connection connection, String market) throws SQLException {
        List<String> names = snapshots.names(market);
        if (names == null) {
            Long version = snapshots.version();
            if (version == null) {
                return null; // nothing can be kept: the one statement finds the names itself
            }
            names = featureNames(connection, market);
            snapshots.keepNames(market, version, names);
        }
        return names;
    }

    /**
     * {@link #at(String, Instant)} on SQLite for names already known (kept while no writer commits): the names are
     * given to the statement instead of found by its skip scan, and each answer comes back by the name's position.
     */
    private List<FeaturePoint> atByNames(Connection connection, String market, List<String> names, Instant time)
            throws SQLException {
        List<FeaturePoint> points = new ArrayList<>(names.size());
        if (names.isEmpty()) {
            return points;
        }
        PreparedStatement select = statements.on(connection, allAtNamed(names.size()));
        long millis = Timestamps.floorMillis(time);
        select.setString(1, market);
        select.setLong(2, millis);
        select.setLong(3, millis);
        for (int i = 0; i < names.size(); i++) {
            select.setString(4 + i, names.get(i));
        }
        try (ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                points.add(point(names.get(rs.getInt(1)), doubleOrNull(rs, 2), rs.getLong(3), rs.getLong(4),
                        Quality.of(rs.getString(5)), time));
            }
        }
        return points;
    }

    /**
     * The statement of {@link #atByNames} for {@code count} names: each name's position and its {@link #LATEST_AT}
     * seek of the primary key answering the row's rowid. Parameters: market, t, t, then the names.
     */
    static String allAtNamed(int count) {
        StringBuilder values = new StringBuilder();
        for (int i = 0; i < count; i++) {
            values.append(i == 0 ? "" : ", ").append("(").append(i).append(", ?").append(4 + i).append(")");
        }
        return "WITH names(position, name) AS (VALUES " + values + ")"
                + " SELECT names.position, f.value, f.as_of, f.available_at, f.quality FROM names"
                + " JOIN features f ON f.rowid = (SELECT rowid FROM features"
                + " WHERE market = ?1 AND feature_name = names.name AND +available_at <= ?2 AND as_of <= ?3"
                + " ORDER BY as_of DESC, available_at DESC LIMIT 1)"
                + " ORDER BY names.position";
    }

    /** The names of the market's features, in order. */
    public List<String> featureNames(String market) {
        try (Connection connection = dataSource.getConnection()) {
            return featureNames(connection, market);
        } catch (SQLException e) {
            throw new FeatureStoreException("cannot list the features of " + market, e);
        }
    }

    private static List<String> featureNames(Connection connection, String market) throws SQLException {
        List<String> names = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(NAMES)) {
            select.setString(1, market);
            select.setString(2, market);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
        }
        return names;
    }

    /**
     * What was known at {@code time}: for each feature, among rows available at or before it, the greatest
     * as_of, and among those the greatest available_at. One statement: an index seek per feature; or, while the
     * market's snapshot holds (a SQLite store, after a timeline read it, see {@link MarketSnapshots}), a binary
     * search per feature in memory.
     */
    public List<FeaturePoint> at(String market, Instant time) {
        MarketSnapshot snapshot = snapshots.current(market);
        if (snapshot != null) {
            long millis = Timestamps.floorMillis(time);
            List<FeaturePoint> points = new ArrayList<>(snapshot.names.length);
            for (int position = 0; position < snapshot.names.length; position++) {
                int answer = snapshot.answerAt(position, millis, -1);
                if (answer >= 0) {
                    points.add(snapshot.point(position, answer, time, this::point));
                }
            }
            return points;
        }
        try (Connection connection = dataSource.getConnection()) {
            try {
                return at(connection, market, time);
            } catch (SQLException e) {
                statements.failed(dataSource, connection);
                throw e;
            }
        } catch (SQLException e) {
            throw new FeatureStoreException("cannot read the features of " + market + " at " + time, e);
        }
    }

    private List<FeaturePoint> at(Connection connection, String market, Instant time) throws SQLException {
        boolean postgresql = postgresql(connection);
        if (!postgresql) {
            List<String> names = knownNames(connection, market);
            if (names != null && names.size() <= MAX_NAMED) {
                return atByNames(connection, market, names, time);
            }
        }
        PreparedStatement select = statements.on(connection, postgresql ? ALL_AT_POSTGRESQL : ALL_AT_SQLITE);
        // Stored instants are whole milliseconds (available_at rounded up), so a query time's floor in
        // milliseconds sees exactly what the time itself would
        long millis = Timestamps.floorMillis(time);
        select.setString(1, market);
        select.setString(2, market);
        select.setString(3, market);
        select.setLong(4, millis);
        select.setLong(5, millis);
        List<FeaturePoint> points = new ArrayList<>();
        try (ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                points.add(point(rs.getString(1), doubleOrNull(rs, 2), rs.getLong(3), rs.getLong(4),
                        Quality.of(rs.getString(5)), time));
            }
        }
        return points;
    }

    /**
     * What was known of one feature at {@code time}, by the rule of {@link #at(String, Instant)}: empty when no
     * value of it was available yet.
     */
    public Optional<FeaturePoint> at(String market, String feature, Instant time) {
        MarketSnapshot snapshot = snapshots.current(market);
        if (snapshot != null) {
            int position = snapshot.position(feature);
            int answer = position < 0 ? -1 : snapshot.answerAt(position, Timestamps.floorMillis(time), -1);
            return answer < 0 ? Optional.empty() : Optional.of(snapshot.point(position, answer, time, this::point));
        }
        try (Connection connection = dataSource.getConnection()) {
            try {
                PreparedStatement select = statements.on(connection, LATEST_AT);
                long millis = Timestamps.floorMillis(time);
                select.setString(1, market);
                select.setString(2, feature);
                select.setLong(3, millis);
                select.setLong(4, millis);
                try (ResultSet rs = select.executeQuery()) {
                    return rs.next() ? Optional.of(point(feature, doubleOrNull(rs, 1), rs.getLong(2), rs.getLong(3),
                            Quality.of(rs.getString(4)), time)) : Optional.empty();
                }
            } catch (SQLException e) {
                statements.failed(dataSource, connection);
                throw e;
            }
        } catch (SQLException e) {
            throw new FeatureStoreException("cannot read " + feature + " of " + market + " at " + time, e);
        }
    }

    /**
     * What was known at each of {@code times}, each answered as {@link #at} answers it. For a long timeline (a
     * feature matrix) {@link #timeline} answers in one pass instead.
     */
    public Map<Instant, List<FeaturePoint>> atEach(String market, List<Instant> times) {
        Map<Instant, List<FeaturePoint>> result = new TreeMap<>();
        if (times.isEmpty()) {
            return result;
        }
        if (snapshots.current(market) != null) {
            times.forEach(time -> result.put(time, at(market, time)));
            return result;
        }
        try (Connection connection = dataSource.getConnection()) {
            try {
                for (Instant time : times) {
                    result.put(time, at(connection, market, time));
                }
            } catch (SQLException e) {
                statements.failed(dataSource, connection);
                throw e;
            }
        } catch (SQLException e) {
            throw new FeatureStoreException("cannot read features of " + market + " at " + times.size() + " times", e);
        }
        return result;
    }

    /**
     * The features of one market as known along a timeline of non-decreasing times, in one ordered pass over the
     * rows available by then (recorded by {@code asRecorded} only, when given): see {@link FeatureTimeline}.
     */
    public FeatureTimeline timeline(String market, List<String> features, Instant asRecorded) {
        return new FeatureTimeline(dataSource, snapshots, market, features, asRecorded, this::point);
    }

    /** Every stored row of one feature with as_of in [from, to], revisions included, oldest first. */
    public List<FeatureRow> history(String market, String feature, Instant from, Instant to) {
        List<FeatureRow> rows = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(HISTORY)) {
            select.setString(1, market);
            select.setString(2, feature);
            select.setLong(3, from.toEpochMilli());
            select.setLong(4, to.toEpochMilli());
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    rows.add(new FeatureRow(rs.getString(1), doubleOrNull(rs, 2), Instant.ofEpochMilli(rs.getLong(3)),
                            Instant.ofEpochMilli(rs.getLong(4)), Instant.ofEpochMilli(rs.getLong(5)),
                            Quality.of(rs.getString(6))));
                }
            }
        } catch (SQLException e) {
            throw new FeatureStoreException("cannot read the history of " + feature, e);
        }
        return rows;
    }

    /** Rows per market, for summaries. */
    public Map<String, Long> countByMarket() {
        Map<String, Long> counts = new TreeMap<>();
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT market, COUNT(*) FROM features GROUP BY market")) {
            while (rs.next()) {
                counts.put(rs.getString(1), rs.getLong(2));
            }
        } catch (SQLException e) {
            throw new FeatureStoreException("cannot count features", e);
        }
        return counts;
    }

    private FeaturePoint point(String feature, Double value, long asOfMillis, long availableAtMillis, Quality quality,
            Instant time) {
        Instant asOf = Instant.ofEpochMilli(asOfMillis);
        Instant availableAt = Instant.ofEpochMilli(availableAtMillis);
        boolean stale = staleness.isStale(feature, asOf, availableAt, time);
        return new FeaturePoint(feature, value, asOf, availableAt, quality,
                stale ? FeaturePoint.Status.STALE : FeaturePoint.Status.OK);
    }

    /** Whether the market's reads are answered from memory now (a snapshot that still holds). */
    boolean inMemory(String market) {
        return snapshots.current(market) != null;
    }

    /** Lets go of what the store keeps beside its pool: the market snapshot and the connection that checks it. */
    @Override
    public void close() {
        snapshots.close();
    }

    static Double doubleOrNull(ResultSet rs, int column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? null : value;
    }

    private record Key(String feature, long asOf) {
    }
}
