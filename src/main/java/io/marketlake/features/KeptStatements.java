package io.marketlake.features;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The store's point-in-time reads prepared once per physical connection and kept open with it. HikariCP keeps no
 * statements (it closes every statement made through its proxy when the connection goes back to the pool), and
 * sqlite-jdbc prepares from the SQL text every time, which cost as much as the lookup itself. A statement is kept
 * on the connection under the pool's proxy, so it lives exactly as long as that connection: a connection the pool
 * closes (evicted after an error, or retired) closes its statements, and its entry goes when the next new
 * connection is seen. A connection that is not pooled gets a statement of its own, closed with it.
 */
final class KeptStatements {

    /** Physical connection (by identity) to its statements by SQL text; guarded by {@code this}. */
    private final Map<Connection, Map<String, PreparedStatement>> kept = new IdentityHashMap<>();

    /**
     * The statement for {@code sql} on this borrowed connection, parameters as the last use left them. Not to be
     * closed by the caller; its result sets are.
     */
    PreparedStatement on(Connection borrowed, String sql) throws SQLException {
        Connection physical = borrowed.unwrap(Connection.class);
        if (physical == borrowed) {
            return borrowed.prepareStatement(sql);
        }
        Map<String, PreparedStatement> statements;
        synchronized (this) {
            statements = kept.get(physical);
            if (statements == null) {
                kept.keySet().removeIf(KeptStatements::closed);
                // only the thread holding the connection uses its statements: the pool lends it to one at a time
                statements = new HashMap<>();
                kept.put(physical, statements);
            }
        }
        PreparedStatement statement = statements.get(sql);
        if (statement == null || statement.isClosed()) {
            statement = physical.prepareStatement(sql);
            statements.put(sql, statement);
        }
        return statement;
    }

    /**
     * After a statement of {@code borrowed} failed: the pool is told to retire the connection (as it would have
     * been told by its own proxy, which the kept statements bypass), and its statements go with it.
     */
    void failed(DataSource dataSource, Connection borrowed) {
        if (dataSource instanceof HikariDataSource pool) {
            pool.evictConnection(borrowed);
        }
    }

    private static boolean closed(Connection connection) {
        try {
            return connection.isClosed();
        } catch (SQLException e) {
            return true;
        }
    }
}
