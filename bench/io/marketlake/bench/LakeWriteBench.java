package io.marketlake.bench;

import io.marketlake.databento.OhlcvBar;
import io.marketlake.futures.FuturesLakeTable;
import io.marketlake.lake.LakeColumns;
import io.marketlake.lake.LakeFile;
import io.marketlake.lake.LakeFiles;
import io.marketlake.lake.LakeWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * 5,000,000 daily bars ({@link BenchBars}: one parent, 24 months, a date ingested twice now and then) written into
 * the hive-partitioned lake as two batches: every date's first ingest, then the re-ingests (a newer batch, which
 * {@code lake-read} resolves); against DuckDB writing the same rows, loaded into one of its tables beforehand (not
 * timed), with {@code COPY ... (FORMAT PARQUET, PARTITION_BY (year, month), COMPRESSION zstd)}. Both in this JVM,
 * same run. Reports rows/s and the bytes each wrote. The lake stays in {@code target/bench/data/lake/} for
 * {@code lake-read}.
 *
 * <p>marketlake writes one file per batch and month (48 files: each to a temp name, synced, renamed, its directory
 * synced, as the pipeline writes them), DuckDB one file per month (24). Before the timed write, the JVM writes
 * the same rows once into a scratch lake (not timed, its time printed): the figure is the writer's, not the JIT
 * compiler's.
 *
 * <pre>mvn -B -q -Pbench test-compile exec:exec@lake-write      (-Xmx4g; -Drows=5000000)</pre>
 */
public final class LakeWriteBench {

    private static final FuturesLakeTable TABLE = new FuturesLakeTable();
    /** The two ingests' batch ids: the re-ingest's is the newer. */
    static final List<String> BATCH_IDS = List.of("20260105T023000000Z-0000b001", "20260108T023000000Z-0000b002");

    public static void main(String[] args) throws Exception {
        long total = Long.getLong("rows", 5_000_000L);
        Path dir = BenchFiles.fresh("lake");
        Path lake = dir.resolve("lake");
        Path duckOut = dir.resolve("duckdb");

        long generate = System.nanoTime();
        List<BenchBars.Batch> batches = BenchBars.batches(total);
        List<List<OhlcvBar>> ingests = ingests(batches, i -> BenchBars.bars(batches.get(i)));
        System.out.printf("generated %,d bars, %,d dates (%s to %s, market %s) in %.1f s%n", total, batches.size(),
                BenchBars.FIRST, BenchBars.LAST, BenchBars.MARKET, (System.nanoTime() - generate) / 1e9);

        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = duck.createStatement()) {
            long load = System.nanoTime();
            load(duck, ingests);
            System.out.printf("DuckDB table loaded in %.1f s (not timed)%n", (System.nanoTime() - load) / 1e9);

            // the same write once into a scratch lake first: what is timed is the writer, not the JIT compiler
            long coldStart = System.nanoTime();
            writeLake(dir.resolve("warm-up"), ingests);
            System.out.printf("marketlake, first (cold) write into a scratch lake: %.2f s (not timed)%n",
                    (System.nanoTime() - coldStart) / 1e9);
            BenchFiles.delete(dir.resolve("warm-up"));
            System.gc();
            long cpu = Stats.cpuNanos();
            long start = System.nanoTime();
            long written = writeLake(lake, ingests);
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpuSeconds = (Stats.cpuNanos() - cpu) / 1e9;
            Files.writeString(dir.resolve("complete"), total + "\n");
            long files;
            try (var paths = Files.walk(lake)) {
                files = paths.filter(p -> p.toString().endsWith(".parquet")).count();
            }
            System.out.printf("marketlake: %,d rows in %,d files in %.2f s (%,.0f rows/s), %.2f s of CPU%n", written,
                    files, seconds, written / seconds, cpuSeconds);

            long duckCpu = Stats.cpuNanos();
            long duckStart = System.nanoTime();
            statement.execute("COPY (SELECT *, year(trading_date) AS year, month(trading_date) AS month FROM bars) TO '"
                    + duckOut + "' (FORMAT PARQUET, PARTITION_BY (year, month), COMPRESSION zstd)");
            double duckSeconds = (System.nanoTime() - duckStart) / 1e9;
            System.out.printf("DuckDB COPY: %,d rows in %.2f s (%,.0f rows/s), %.2f s of CPU%n", total, duckSeconds,
                    total / duckSeconds, (Stats.cpuNanos() - duckCpu) / 1e9);

            // both wrote every row, and DuckDB reads marketlake's files back
            for (String glob : List.of(lake + "/**/*.parquet", duckOut + "/**/*.parquet")) {
                try (ResultSet rs = statement.executeQuery("SELECT count(*) FROM read_parquet('" + glob + "')")) {
                    rs.next();
                    if (rs.getLong(1) != total || written != total) {
                        throw new IllegalStateException(glob + " holds " + rs.getLong(1) + " rows, not " + total);
                    }
                }
            }
            long lakeBytes = BenchFiles.bytes(lake, ".parquet");
            long duckBytes = BenchFiles.bytes(duckOut, ".parquet");
            System.out.printf("bytes written: marketlake %,d, DuckDB %,d%n", lakeBytes, duckBytes);
            Results.report("lake-write", "rows/s", total / seconds, total / duckSeconds);
            Results.report("lake-write-bytes", "bytes", lakeBytes, duckBytes);
        }
    }

    /** The rows as batches: every date's first ingest, then the re-ingests ({@code rows}: the bars of the i-th). */
    static List<List<OhlcvBar>> ingests(List<BenchBars.Batch> batches, IntFunction<List<OhlcvBar>> rows) {
        List<OhlcvBar> first = new ArrayList<>();
        List<OhlcvBar> again = new ArrayList<>();
        for (int i = 0; i < batches.size(); i++) {
            (batches.get(i).version() == 0 ? first : again).addAll(rows.apply(i));
        }
        return List.of(first, again);
    }

    /** Writes the batches into the lake at {@code lake}, in order, the i-th as BATCH_IDS[i]; returns the rows written. */
    static long writeLake(Path lake, List<List<OhlcvBar>> ingests) {
        // the beans of MarketlakeConfiguration; a fixed clock so that DuckDB's copy holds the same ingested_at
        LakeWriter writer = new LakeWriter(Clock.fixed(BenchBars.INGESTED_AT, ZoneOffset.UTC));
        LakeFiles files = new LakeFiles(lake, "ZSTD"); // marketlake.lake.compression's default
        long written = 0;
        for (int i = 0; i < ingests.size(); i++) {
            written += writeBatch(writer, files, BenchBars.MARKET, ingests.get(i), BATCH_IDS.get(i));
        }
        return written;
    }

    /**
     * One batch into the lake as the pipeline writes it (routes/stores.yaml: the lake table's plan, then
     * lake-write). The one place to change when that API changes. Returns the rows written.
     */
    static long writeBatch(LakeWriter writer, LakeFiles lake, String market, List<OhlcvBar> rows, String batchId) {
        List<LakeFile> files = lake.write(writer.plan(TABLE, market, rows, batchId));
        return files.stream().mapToLong(file -> file.records().size()).sum();
    }

    /** The same rows, with the columns and values the lake stores, in a DuckDB table. */
    private static void load(Connection duck, List<List<OhlcvBar>> ingests) throws Exception {
        try (Statement statement = duck.createStatement()) {
            statement.execute("CREATE TABLE bars (trading_date DATE, ts_event TIMESTAMPTZ, instrument_id BIGINT,"
                    + " symbol VARCHAR, contract_type VARCHAR, rtype INTEGER, publisher_id INTEGER, open DOUBLE,"
                    + " high DOUBLE, low DOUBLE, close DOUBLE, volume BIGINT, batch_id VARCHAR, ingested_at TIMESTAMPTZ)");
        }
        long ingestedAt = LakeColumns.micros(BenchBars.INGESTED_AT);
        try (DuckDBAppender appender = ((DuckDBConnection) duck).createAppender(DuckDBConnection.DEFAULT_SCHEMA,
                "bars")) {
            for (int i = 0; i < ingests.size(); i++) {
                for (OhlcvBar bar : ingests.get(i)) {
                    appender.beginRow()
                            .append(bar.tradingDate())
                            .appendEpochMicros(LakeColumns.micros(bar.tsEvent()))
                            .append(bar.instrumentId())
                            .append(bar.symbol())
                            .append(bar.contractType().label())
                            .append(bar.rtype())
                            .append(bar.publisherId())
                            .append(bar.open())
                            .append(bar.high())
                            .append(bar.low())
                            .append(bar.close())
                            .append(bar.volume())
                            .append(BATCH_IDS.get(i))
                            .appendEpochMicros(ingestedAt)
                            .endRow();
                }
            }
        }
    }
}
