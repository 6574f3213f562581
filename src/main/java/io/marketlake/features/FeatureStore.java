package io.marketlake.features;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * The point-in-time feature store (SPEC §3): one bitemporal table, rows only ever inserted. A value that differs
 * from what is already known for its as_of is a revision: a new row whose available_at is when this system
 * observed it (never earlier than the original publication). An identical value adds nothing. Instants are
 * stored as epoch milliseconds UTC, so comparisons are exact integer comparisons in any database.
 */
public final class FeatureStore {

    private static final String SCHEMA = """
            CREATE TABLE IF NOT EXISTS features (
              market       VARCHAR(32)  NOT NULL,
              feature_name VARCHAR(200) NOT NULL,
              as_of        BIGINT       NOT NULL,
              available_at BIGINT       NOT NULL,
              recorded_at  BIGINT       NOT NULL,
              value        DOUBLE PRECISION,
              quality      VARCHAR(16)  NOT NULL,
              CONSTRAINT features_pk PRIMARY KEY (market, feature_name, as_of, available_at)
            )""";
    private static final String INDEX =
            "CREATE INDEX IF NOT EXISTS features_by_availability ON features (market, available_at)";
    private static final String INSERT = "INSERT INTO features"
            + " (market, feature_name, as_of, available_at, recorded_at, value, quality)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";
    private static final String KNOWN = "SELECT feature_name, as_of, available_at, recorded_at, value, quality"
            + " FROM features WHERE market = ? AND as_of BETWEEN ? AND ?";
    private static final String LATEST_RANKED = "SELECT feature_name, value, as_of, available_at, quality,"
            + " ROW_NUMBER() OVER (PARTITION BY feature_name ORDER BY as_of DESC, available_at DESC) AS rn"
            + " FROM features WHERE market = ? AND available_at <= ?";
    private static final String HISTORY = "SELECT feature_name, value, as_of, available_at, recorded_at, quality"
            + " FROM features WHERE market = ? AND feature_name = ? AND as_of BETWEEN ? AND ?"
            + " ORDER BY as_of, available_at";

    private final DataSource dataSource;
    private final Clock clock;
    private final Staleness staleness;

    public FeatureStore(DataSource dataSource, Clock clock, Staleness staleness) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.staleness = staleness;
    }

    public void createSchema() {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(SCHEMA);
            statement.execute(INDEX);
        } catch (SQLException e) {
            throw new FeatureStoreException("cannot create the feature table", e);
        }
    }

    /**
     * Stores the values in one transaction and returns how many rows were added: new as_ofs at their own
     * available_at, changed values as revisions available from now, identical values not at all.
     */
    public int append(List<FeatureValue> values) {
        if (values.isEmpty()) {
            return 0;
        }
        Instant observedAt = clock.instant();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                int added = 0;
                Map<String, List<FeatureValue>> byMarket = new LinkedHashMap<>();
                values.forEach(v -> byMarket.computeIfAbsent(v.market(), m -> new ArrayList<>()).add(v));
                for (Map.Entry<String, List<FeatureValue>> entry : byMarket.entrySet()) {
                    added += appendMarket(connection, entry.getKey(), entry.getValue(), observedAt);
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

    private int appendMarket(Connection connection, String market, List<FeatureValue> values, Instant observedAt)
            throws SQLException {
        Map<Key, FeatureRow> latest = latestKnown(connection, market, values);
        int added = 0;
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            for (FeatureValue value : values) {
                Key key = new Key(value.feature(), value.asOf().toEpochMilli());
                FeatureRow known = latest.get(key);
                Instant availableAt = value.availableAt();
                if (known != null) {
                    if (Objects.equals(known.value(), value.value()) && known.quality() == value.quality()) {
                        continue;
                    }
                    // A revision could not have been known before we saw it.
                    availableAt = availableAt.isAfter(observedAt) ? availableAt : observedAt;
                    if (!availableAt.isAfter(known.availableAt())) {
                        availableAt = known.availableAt().plusMillis(1);
                    }
                }
                insert.setString(1, market);
                insert.setString(2, value.feature());
                insert.setLong(3, value.asOf().toEpochMilli());
                insert.setLong(4, availableAt.toEpochMilli());
                insert.setLong(5, observedAt.toEpochMilli());
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

    private Map<Key, FeatureRow> latestKnown(Connection connection, String market, List<FeatureValue> values)
            throws SQLException {
        long from = values.stream().mapToLong(v -> v.asOf().toEpochMilli()).min().orElseThrow();
        long to = values.stream().mapToLong(v -> v.asOf().toEpochMilli()).max().orElseThrow();
        Map<Key, FeatureRow> latest = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement(KNOWN)) {
            select.setString(1, market);
            select.setLong(2, from);
            select.setLong(3, to);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    FeatureRow row = new FeatureRow(rs.getString(1), doubleOrNull(rs, 5),
                            Instant.ofEpochMilli(rs.getLong(2)), Instant.ofEpochMilli(rs.getLong(3)),
                            Instant.ofEpochMilli(rs.getLong(4)), Quality.of(rs.getString(6)));
                    latest.merge(new Key(row.feature(), rs.getLong(2)), row,
                            (a, b) -> a.availableAt().compareTo(b.availableAt()) >= 0 ? a : b);
                }
            }
        }
        return latest;
    }

    /**
     * What was known at {@code time}: for each feature, among rows available at or before it, the greatest
     * as_of, and among those the greatest available_at.
     */
    public List<FeaturePoint> at(String market, Instant time) {
        String sql = "SELECT feature_name, value, as_of, available_at, quality FROM (" + LATEST_RANKED
                + ") ranked WHERE rn = 1 ORDER BY feature_name";
        List<FeaturePoint> points = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, market);
            select.setLong(2, time.toEpochMilli());
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    points.add(point(rs, 1, time));
                }
            }
        } catch (SQLException e) {
            throw new FeatureStoreException("cannot read features of " + market + " at " + time, e);
        }
        return points;
    }

    /**
     * The point-in-time join of a whole timeline: what was known at each of {@code times}, in one SQL statement
     * (a window function over the query times joined to the rows available at each).
     */
    public Map<Instant, List<FeaturePoint>> atEach(String market, List<Instant> times) {
        Map<Instant, List<FeaturePoint>> result = new TreeMap<>();
        if (times.isEmpty()) {
            return result;
        }
        times.forEach(t -> result.put(t, new ArrayList<>()));
        String values = String.join(", ", Collections.nCopies(times.size(), "(?)"));
        String sql = "WITH query_times(t) AS (VALUES " + values + ")"
                + " SELECT t, feature_name, value, as_of, available_at, quality FROM ("
                + " SELECT q.t, f.feature_name, f.value, f.as_of, f.available_at, f.quality,"
                + " ROW_NUMBER() OVER (PARTITION BY q.t, f.feature_name ORDER BY f.as_of DESC, f.available_at DESC) AS rn"
                + " FROM query_times q JOIN features f ON f.market = ? AND f.available_at <= q.t"
                + ") ranked WHERE rn = 1 ORDER BY t, feature_name";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            int index = 1;
            for (Instant time : times) {
                select.setLong(index++, time.toEpochMilli());
            }
            select.setString(index, market);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    Instant time = Instant.ofEpochMilli(rs.getLong(1));
                    result.get(time).add(point(rs, 2, time));
                }
            }
        } catch (SQLException e) {
            throw new FeatureStoreException("cannot read features of " + market + " at " + times.size() + " times", e);
        }
        return result;
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

    private FeaturePoint point(ResultSet rs, int first, Instant time) throws SQLException {
        String feature = rs.getString(first);
        Instant asOf = Instant.ofEpochMilli(rs.getLong(first + 2));
        Instant availableAt = Instant.ofEpochMilli(rs.getLong(first + 3));
        boolean stale = staleness.isStale(feature, asOf, availableAt, time);
        return new FeaturePoint(feature, doubleOrNull(rs, first + 1), asOf, availableAt,
                Quality.of(rs.getString(first + 4)), stale ? FeaturePoint.Status.STALE : FeaturePoint.Status.OK);
    }

    private static Double doubleOrNull(ResultSet rs, int column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? null : value;
    }

    private record Key(String feature, long asOf) {
    }
}
