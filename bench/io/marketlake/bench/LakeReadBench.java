package io.marketlake.bench;

import io.marketlake.futures.FuturesLakeTable;
import io.marketlake.lake.LakeReader;
import io.marketlake.lake.LakeRows;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

/**
 * One market-month of the {@code lake-write} lake (24 months of one parent, 5,000,000 bars) read back with
 * newest-batch resolution through {@link LakeReader#read}, what {@code marketlake lake read --type futures --market
 * SR3 --from 2025-03-01 --to 2025-03-31} does, against DuckDB running the README's newest-batch window query over
 * the same files, every column of every row: marketlake's as a list of records in this JVM, DuckDB's into a
 * temporary table of its own, in this process too (fetching DuckDB's rows through its JDBC result set one value at
 * a time costs more than the query, so that would measure the driver; its time is printed, not reported). The
 * month holds a date ingested twice, so the resolution has something to drop. One warm-up each, then the median of
 * 5 reads each, alternating.
 * The lake is the one {@code lake-write} left in {@code target/bench/data/lake/}, written first when absent.
 *
 * <pre>mvn -B -q -Pbench test-compile exec:exec@lake-read      (-Xmx1g; -Dmonth=2025-03)</pre>
 */
public final class LakeReadBench {

    private static final int RUNS = 5;

    public static void main(String[] args) throws Exception {
        YearMonth month = YearMonth.parse(System.getProperty("month", "2025-03"));
        Path lake = lake(Long.getLong("rows", 5_000_000L));
        LocalDate from = month.atDay(1);
        LocalDate to = month.atEndOfMonth();
        String dataType = new FuturesLakeTable().dataType();

        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = duck.createStatement()) {
            String files = "read_parquet('" + lake + "/**/*.parquet', hive_partitioning = true)";
            String partition = " WHERE data_type = '" + dataType + "' AND market = '" + BenchBars.MARKET + "' AND year = "
                    + month.getYear() + " AND month = " + month.getMonthValue();
            // the README's query, for one partition (pruned by its hive keys, as LakeReader prunes by date)
            String newest = "SELECT * EXCLUDE (rn) FROM (SELECT *, dense_rank() OVER (PARTITION BY data_type, market,"
                    + " trading_date ORDER BY batch_id DESC) AS rn FROM " + files + partition + ") WHERE rn = 1"
                    + " ORDER BY trading_date";
            long allVersions;
            try (ResultSet rs = statement.executeQuery("SELECT count(*) FROM " + files + partition)) {
                rs.next();
                allVersions = rs.getLong(1);
            }

            List<Double> marketlake = new ArrayList<>();
            List<Double> duckdb = new ArrayList<>();
            long marketlakeRows = 0;
            long duckRows = 0;
            for (int run = 0; run <= RUNS; run++) {
                // alternating which goes first, so neither always finds the other's pages in the cache
                for (int turn = 0; turn < 2; turn++) {
                    boolean marketlakeTurn = (turn + run) % 2 == 0;
                    long start = System.nanoTime();
                    if (marketlakeTurn) {
                        LakeRows rows = new LakeReader(lake).read(dataType, BenchBars.MARKET, from, to, false);
                        marketlakeRows = rows.rows().size();
                    } else {
                        statement.execute("CREATE OR REPLACE TEMP TABLE answer AS " + newest);
                    }
                    double seconds = (System.nanoTime() - start) / 1e9;
                    if (run > 0) {
                        (marketlakeTurn ? marketlake : duckdb).add(seconds);
                    }
                }
            }
            try (ResultSet rs = statement.executeQuery("SELECT count(*) FROM answer")) {
                rs.next();
                duckRows = rs.getLong(1);
            }
            if (marketlakeRows != duckRows || marketlakeRows == 0 || marketlakeRows >= allVersions) {
                throw new IllegalStateException("marketlake read " + marketlakeRows + " rows, DuckDB " + duckRows
                        + ", of " + allVersions + " in all versions");
            }
            double seconds = Stats.median(marketlake);
            double duckSeconds = Stats.median(duckdb);
            long fetchStart = System.nanoTime();
            fetchAll(statement, newest);
            System.out.printf("(not the reference: the same query with every value fetched through DuckDB's JDBC"
                    + " result set, %.3f s)%n", (System.nanoTime() - fetchStart) / 1e9);
            System.out.printf("%s: %,d rows of %,d (all versions); marketlake LakeReader median %.3f s (%,.0f rows/s),"
                    + " DuckDB median %.3f s%n", month, marketlakeRows, allVersions, seconds, marketlakeRows / seconds,
                    duckSeconds);
            Results.report("lake-read", "s", seconds, duckSeconds);
        }
    }

    /** Every value of every row into this JVM through the JDBC result set. */
    private static long fetchAll(Statement statement, String sql) throws Exception {
        long rows = 0;
        try (ResultSet rs = statement.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                for (int c = 1; c <= columns; c++) {
                    rs.getObject(c);
                }
                rows++;
            }
        }
        return rows;
    }

    /** The lake lake-write left, or the same lake written now (not timed) when there is none. */
    private static Path lake(long total) {
        Path dir = BenchFiles.root().resolve("lake");
        Path lake = dir.resolve("lake");
        try {
            if (Files.isRegularFile(dir.resolve("complete"))
                    && Long.parseLong(Files.readString(dir.resolve("complete")).trim()) == total) {
                return lake;
            }
            BenchFiles.fresh("lake");
            long start = System.nanoTime();
            List<BenchBars.Batch> batches = BenchBars.batches(total);
            LakeWriteBench.writeLake(lake, LakeWriteBench.ingests(batches, i -> BenchBars.bars(batches.get(i))));
            Files.writeString(dir.resolve("complete"), total + "\n");
            System.out.printf("no lake from lake-write: wrote its %,d rows in %.1f s (not timed)%n", total,
                    (System.nanoTime() - start) / 1e9);
            return lake;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
