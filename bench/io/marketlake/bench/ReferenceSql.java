package io.marketlake.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The point-in-time lookups written by hand on sqlite-jdbc, the reference the store's own are measured against:
 * one prepared statement kept open, no pool, no objects beyond the values. Same semantics as
 * {@code FeatureStore.at}: per feature, among rows with available_at ≤ t, the greatest as_of, then the greatest
 * available_at. Same access path too (the primary key read backwards from t: as_of ≤ available_at always holds, so
 * as_of ≤ t bounds the seek, and the unary plus keeps SQLite off the available_at index), so the comparison measures
 * what the store does around its SQL, not a better or worse query.
 */
final class ReferenceSql {

    /** One feature at t: parameters market, feature, t, t (epoch ms). */
    static final String ONE = "SELECT value, as_of, available_at, quality FROM features"
            + " WHERE market = ? AND feature_name = ? AND +available_at <= ? AND as_of <= ?"
            + " ORDER BY as_of DESC, available_at DESC LIMIT 1";

    /**
     * Every feature of a market at t in one statement: the names by a skip scan of the primary key (a recursive
     * query), each joined to its answering row found as {@link #ONE} finds it. Parameters market, t.
     */
    static final String MARKET = "WITH RECURSIVE names(name) AS ("
            + " SELECT MIN(feature_name) FROM features WHERE market = ?1"
            + " UNION ALL SELECT (SELECT MIN(feature_name) FROM features WHERE market = ?1 AND feature_name > name)"
            + " FROM names WHERE name IS NOT NULL)"
            + " SELECT f.feature_name, f.value, f.as_of, f.available_at, f.quality FROM names"
            + " JOIN features f ON f.rowid = (SELECT rowid FROM features WHERE market = ?1 AND feature_name = names.name"
            + " AND +available_at <= ?2 AND as_of <= ?2 ORDER BY as_of DESC, available_at DESC LIMIT 1)"
            + " ORDER BY f.feature_name";

    private ReferenceSql() {
    }

    /** An answer as the reference gives it: what the store's FeaturePoint holds, instants in epoch ms. */
    record Answer(String feature, double value, long asOf, long availableAt, String quality) {
    }

    /** {@link #MARKET} prepared on {@code connection}, asked again and again. */
    static final class MarketLookup implements AutoCloseable {

        private final PreparedStatement select;

        MarketLookup(Connection connection) throws SQLException {
            select = connection.prepareStatement(MARKET);
        }

        List<Answer> at(String market, long millis) throws SQLException {
            select.setString(1, market);
            select.setLong(2, millis);
            List<Answer> answers = new ArrayList<>(64);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    answers.add(new Answer(rs.getString(1), rs.getDouble(2), rs.getLong(3), rs.getLong(4),
                            rs.getString(5)));
                }
            }
            return answers;
        }

        @Override
        public void close() throws SQLException {
            select.close();
        }
    }
}
