package io.marketlake;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** DuckDB, an engine we did not write, reading what marketlake wrote. */
public final class Duck {

    private Duck() {
    }

    /** Rows of a query over the lake's Parquet files, {@code LAKE} standing for read_parquet(...) of the lake. */
    public static List<Map<String, Object>> query(Path lake, String sql) {
        String source = "read_parquet('" + lake.toAbsolutePath().toString().replace("'", "''")
                + "/**/*.parquet', hive_partitioning = true)";
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql.replace("LAKE", source))) {
            ResultSetMetaData meta = rs.getMetaData();
            List<Map<String, Object>> rows = new ArrayList<>();
            while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    row.put(meta.getColumnLabel(i), rs.getObject(i));
                }
                rows.add(row);
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
