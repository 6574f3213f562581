package io.marketlake.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What a reader finds in one home after a kill, read with engines marketlake did not write where it can be:
 * DuckDB reads every visible Parquet file whole, SQLite (sqlite-jdbc) the feature store and its batch ledger.
 * A file name, once visible, is never rewritten, so a file read whole once is not read again while its size and
 * modification time stay the same.
 */
final class ReaderChecks {

    /** A visible file's identity: a rewrite in place would change one of these. */
    private record Seen(long size, long modified, Map<String, Long> rowsByBatch) {
    }

    private final Path home;
    private final Map<Path, Seen> readWhole = new HashMap<>();

    ReaderChecks(Path home) {
        this.home = home;
    }

    Path home() {
        return home;
    }

    /** Visible Parquet files under {@code dir}: the names readers match (not hidden temp names). */
    static List<Path> visibleParquet(Path dir) {
        return files(dir, p -> {
            String name = p.getFileName().toString();
            return name.endsWith(".parquet") && !name.startsWith(".");
        });
    }

    /** Hidden temp files ({@code .<name>.inprogress}) under {@code dir}. */
    static List<Path> tempFiles(Path dir) {
        return files(dir, p -> {
            String name = p.getFileName().toString();
            return name.startsWith(".") && name.endsWith(".inprogress");
        });
    }

    /**
     * Every visible Parquet file under {@code dir} that DuckDB cannot read whole, with DuckDB's reason; the
     * files it read are remembered with their rows per batch id (when they have that column).
     */
    List<String> unreadableParquet(Path dir) {
        List<String> problems = new ArrayList<>();
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:")) {
            for (Path file : visibleParquet(dir)) {
                BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
                Seen seen = readWhole.get(file);
                if (seen != null && seen.size() == attributes.size()
                        && seen.modified() == attributes.lastModifiedTime().toMillis()) {
                    continue;
                }
                try {
                    readWhole.put(file, new Seen(attributes.size(), attributes.lastModifiedTime().toMillis(),
                            readWhole(duck, file)));
                } catch (SQLException e) {
                    problems.add("DuckDB cannot read visible file " + home.relativize(file) + ": "
                            + e.getMessage().lines().findFirst().orElse(""));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return problems;
    }

    /** Rows per batch id in the visible lake files read whole so far (call {@link #unreadableParquet} first). */
    Map<String, Long> lakeRowsByBatch() {
        Map<String, Long> rows = new TreeMap<>();
        Path lake = home.resolve("lake");
        readWhole.forEach((file, seen) -> {
            if (file.startsWith(lake) && Files.exists(file)) {
                seen.rowsByBatch().forEach((batch, n) -> rows.merge(batch, n, Long::sum));
            }
        });
        return rows;
    }

    /** Whether DuckDB reads the file whole. */
    static boolean readable(Path file) {
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:")) {
            readWhole(duck, file);
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    private static Map<String, Long> readWhole(Connection duck, Path file) throws SQLException {
        String source = "read_parquet(" + literal(file) + ")";
        try (Statement statement = duck.createStatement()) {
            // hashing the whole row makes DuckDB decode every column of every row group, not just the footer
            try (ResultSet rs = statement.executeQuery("SELECT count(*), sum(hash(t)) FROM " + source + " t")) {
                rs.next();
            }
            Map<String, Long> rowsByBatch = new TreeMap<>();
            boolean hasBatch;
            try (ResultSet rs = statement.executeQuery("SELECT count(*) FROM (DESCRIBE SELECT * FROM " + source
                    + ") WHERE column_name = 'batch_id'")) {
                rs.next();
                hasBatch = rs.getLong(1) > 0;
            }
            if (hasBatch) {
                try (ResultSet rs = statement.executeQuery("SELECT batch_id, count(*) FROM " + source + " GROUP BY 1")) {
                    while (rs.next()) {
                        rowsByBatch.put(rs.getString(1), rs.getLong(2));
                    }
                }
            }
            return rowsByBatch;
        }
    }

    /** Whether the feature store holds its table yet (a kill can come between creating the file and the schema). */
    boolean hasFeatureStore() {
        return hasTable("features");
    }

    /** Feature rows stored twice: the same market, feature, as_of and value (a revision has another value). */
    List<String> duplicateFeatures() {
        if (!hasFeatureStore()) {
            return List.of();
        }
        return sqlite("SELECT market, feature_name, as_of, value, count(*) FROM features"
                + " GROUP BY market, feature_name, as_of, value HAVING count(*) > 1", rs -> "feature row stored "
                + rs.getLong(5) + " times: " + rs.getString(1) + " " + rs.getString(2) + " as_of " + rs.getLong(3)
                + " value " + rs.getObject(4));
    }

    long featureRows() {
        return hasFeatureStore() ? sqlite("SELECT count(*) FROM features", rs -> rs.getLong(1)).get(0) : 0;
    }

    /** The batch ledger: batch id to the lake rows it recorded, of one source. */
    Map<String, Long> ledger(String source) {
        Map<String, Long> ledger = new TreeMap<>();
        if (hasTable("batches")) {
            sqlite("SELECT batch_id, lake_rows FROM batches WHERE source = '" + source + "'",
                    rs -> ledger.put(rs.getString(1), rs.getLong(2)));
        }
        return ledger;
    }

    /** Complete batches of one source per trading date. */
    Map<String, Long> ledgerEntriesByDate(String source) {
        Map<String, Long> byDate = new TreeMap<>();
        if (hasTable("batches")) {
            sqlite("SELECT trading_date, count(*) FROM batches WHERE source = '" + source + "' GROUP BY 1",
                    rs -> byDate.put(rs.getString(1), rs.getLong(2)));
        }
        return byDate;
    }

    private boolean hasTable(String table) {
        return Files.exists(home.resolve("features.db"))
                && sqlite("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '" + table + "'",
                        rs -> rs.getLong(1)).get(0) > 0;
    }

    /**
     * Feature rows (market, feature_name, as_of, value, quality, available_at) of {@code reference} missing here,
     * and rows here beyond the reference's (extra tuples, and tuples stored more than once).
     */
    long[] featuresAgainst(Path reference) {
        String columns = "market, feature_name, as_of, value, quality, available_at";
        try (Connection sqlite = DriverManager.getConnection("jdbc:sqlite:" + home.resolve("features.db"));
                Statement statement = sqlite.createStatement()) {
            statement.execute("ATTACH DATABASE " + literal(reference.resolve("features.db")) + " AS ref");
            long lost = count(statement, "SELECT count(*) FROM (SELECT " + columns + " FROM ref.features EXCEPT SELECT "
                    + columns + " FROM main.features)");
            long extra = count(statement, "SELECT count(*) FROM (SELECT " + columns + " FROM main.features EXCEPT SELECT "
                    + columns + " FROM ref.features)");
            long repeated = count(statement, "SELECT count(*) - (SELECT count(*) FROM (SELECT DISTINCT " + columns
                    + " FROM main.features)) FROM main.features");
            return new long[] {lost, extra + repeated};
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Lake rows of one data type as readers resolve them (README: the newest batch of each trading date), compared
     * with {@code reference}'s on every column but the batch's own (batch_id, ingested_at): rows missing here, rows
     * here beyond the reference's, and the reference's rows.
     */
    long[] lakeAgainst(Path reference, String dataType) {
        String newest = """
                (SELECT * EXCLUDE (rn, batch_id, ingested_at) FROM (
                  SELECT *, dense_rank() OVER (PARTITION BY data_type, market, trading_date ORDER BY batch_id DESC) AS rn
                  FROM read_parquet(%s, hive_partitioning = true)) WHERE rn = 1 AND data_type = '%s')""";
        String mine = newest.formatted(glob(home.resolve("lake")), dataType);
        String theirs = newest.formatted(glob(reference.resolve("lake")), dataType);
        long[] except = except(theirs, mine);
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:"); Statement statement = duck.createStatement()) {
            return new long[] {except[0], except[1], count(statement, "SELECT count(*) FROM " + theirs)};
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Rows of the Parquet files matching {@code glob} (relative to each home) missing here, and extra here. */
    long[] parquetAgainst(Path reference, String glob) {
        return except("(SELECT * FROM read_parquet(" + literal(reference.resolve(glob)) + "))",
                "(SELECT * FROM read_parquet(" + literal(home.resolve(glob)) + "))");
    }

    /** Newest batch id per trading date of a data type, as readers resolve it. */
    Map<String, String> newestBatches(String dataType) {
        Map<String, String> newest = new TreeMap<>();
        if (visibleParquet(home.resolve("lake/data_type=" + dataType)).isEmpty()) {
            return newest;
        }
        String sql = "SELECT CAST(trading_date AS VARCHAR), max(batch_id) FROM read_parquet("
                + glob(home.resolve("lake/data_type=" + dataType)) + ", hive_partitioning = true)"
                + " GROUP BY 1";
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:"); Statement statement = duck.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            while (rs.next()) {
                newest.put(rs.getString(1), rs.getString(2));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return newest;
    }

    private static long[] except(String reference, String mine) {
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:"); Statement statement = duck.createStatement()) {
            long lost = count(statement, "SELECT count(*) FROM (SELECT * FROM " + reference + " EXCEPT ALL SELECT * FROM "
                    + mine + ")");
            long doubled = count(statement, "SELECT count(*) FROM (SELECT * FROM " + mine
                    + " EXCEPT ALL SELECT * FROM " + reference + ")");
            return new long[] {lost, doubled};
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long count(Statement statement, String sql) throws SQLException {
        try (ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private interface Row<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private <T> List<T> sqlite(String sql, Row<T> row) {
        List<T> rows = new ArrayList<>();
        try (Connection sqlite = DriverManager.getConnection("jdbc:sqlite:" + home.resolve("features.db"));
                Statement statement = sqlite.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            while (rs.next()) {
                rows.add(row.map(rs));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("SQLite cannot read " + home.relativize(home.resolve("features.db"))
                    + ": " + e.getMessage(), e);
        }
        return rows;
    }

    private static String glob(Path dir) {
        return literal(dir.resolve("**/*.parquet"));
    }

    private static String literal(Path path) {
        return "'" + path.toAbsolutePath().toString().replace("'", "''") + "'";
    }

    private static List<Path> files(Path dir, java.util.function.Predicate<Path> match) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).filter(match).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
