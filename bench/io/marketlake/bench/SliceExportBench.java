package io.marketlake.bench;

import io.marketlake.Market;
import io.marketlake.Markets;
import java.time.ZoneOffset;

import io.marketlake.databento.ContractType;
import io.marketlake.databento.OhlcvBar;
import io.marketlake.lake.LakeReader;
import io.marketlake.lake.TestLake;
import io.marketlake.slices.SliceExporter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Exports 10,000 alerts with 500-candle windows (pre250_post249 of 1m) from a lake of 1-minute bars
 * (1,000 symbols × 3 days), and times DuckDB doing the same selection (windows joined to candles, each candle
 * once, ordered, written to Parquet) over the same lake files in the same run.
 *
 * <pre>mvn -B -q -Pbench test-compile exec:exec@slices</pre>
 * ({@code -Dchild=false} leaves out the export in a child JVM, as bench/run does.)
 */
public final class SliceExportBench {

    private static final int SYMBOLS = 1000;
    private static final int DAYS = 3;
    private static final int ALERTS_PER_SYMBOL = 10;

    public static void main(String[] args) throws Exception {
        Path home = BenchFiles.fresh("slices");
        Path lake = home.resolve("lake");
        Random random = new Random(7);
        Instant start = Instant.parse("2026-02-16T00:00:00Z");
        long generate = System.nanoTime();
        for (int day = 0; day < DAYS; day++) {
            List<OhlcvBar> bars = new ArrayList<>(SYMBOLS * 1440);
            for (int s = 0; s < SYMBOLS; s++) {
                double price = 50 + random.nextInt(100);
                for (int minute = 0; minute < 1440; minute++) {
                    Instant open = start.plus(Duration.ofMinutes(day * 1440L + minute));
                    bars.add(new OhlcvBar(open, 33, 1, s, "S" + s, ContractType.OUTRIGHT, price, price + 0.5,
                            price - 0.5, price + 0.25, 1 + random.nextInt(100), ""));
                }
            }
            TestLake.writeBars(lake, "bars_1m", "BENCH", bars); // one batch per trading date, as an ingest writes
        }
        StringBuilder alerts = new StringBuilder("alert_id,symbol,ts\n");
        long span = DAYS * 1440L - 500;
        for (int s = 0; s < SYMBOLS; s++) {
            for (int a = 0; a < ALERTS_PER_SYMBOL; a++) {
                long minute = 250 + (long) (random.nextDouble() * span);
                alerts.append("a").append(s).append('-').append(a).append(",S").append(s).append(',')
                        .append(start.plus(Duration.ofMinutes(minute)).plusSeconds(17)).append('\n');
            }
        }
        Files.writeString(home.resolve("alerts.csv"), alerts);
        Path config = home.resolve("run.json");
        Files.writeString(config, "{\"run_id\": \"bench\", \"alerts\": \"alerts.csv\", \"data_type\": \"bars_1m\","
                + " \"market\": \"BENCH\", \"interval\": \"1m\", \"window\": \"pre250_post249\"}");
        System.out.printf("lake of %,d 1m candles written in %.1f s%n", SYMBOLS * DAYS * 1440L,
                (System.nanoTime() - generate) / 1e9);

        Markets markets = new Markets(List.of(new Market("BENCH", "Benchmark", "BENCH", "BENCH", "000000", 1,
                ZoneOffset.UTC)));
        // the same export once first, under another run id (not timed): the figure is the exporter's, not the JIT
        // compiler's; the child JVM below gives the cold figure of the command
        Path warmUpConfig = home.resolve("warm-up.json");
        Files.writeString(warmUpConfig, Files.readString(config).replace("\"bench\"", "\"warm-up\""));
        long cold = System.nanoTime();
        new SliceExporter(new LakeReader(lake), home.resolve("runs"), markets).export(warmUpConfig);
        System.out.printf("marketlake, first (cold) export in this JVM: %.2f s (not timed)%n",
                (System.nanoTime() - cold) / 1e9);

        Heap.resetPeaks();
        long t0 = System.nanoTime();
        Path run = new SliceExporter(new LakeReader(lake), home.resolve("runs"), markets).export(config);
        double seconds = (System.nanoTime() - t0) / 1e9;
        long peak = Heap.peakBytes();
        long rows = rows(run.resolve("slices"));
        long slots = (long) SYMBOLS * ALERTS_PER_SYMBOL * 500;
        System.out.printf("marketlake: %,d alerts x 500-candle windows (%,d candle slots) -> %,d candles in %.2f s:"
                + " %,.0f slots/s, %,.0f candles/s; peak heap %,d MB (max heap %,d MB)%n",
                SYMBOLS * ALERTS_PER_SYMBOL, slots, rows, seconds, slots / seconds, rows / seconds, peak >> 20,
                Runtime.getRuntime().maxMemory() >> 20);

        long t1 = System.nanoTime();
        long duckRows;
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE alerts AS SELECT symbol, time_bucket(INTERVAL 1 MINUTE, ts::TIMESTAMPTZ)"
                    + " AS anchor FROM read_csv('" + home.resolve("alerts.csv") + "', header = true)");
            statement.execute("COPY (SELECT DISTINCT c.symbol, c.ts_event AS ts, c.open, c.high, c.low, c.close,"
                    + " c.volume FROM read_parquet('" + lake + "/data_type=bars_1m/**/*.parquet') c JOIN alerts a"
                    + " ON c.symbol = a.symbol AND c.ts_event >= a.anchor - INTERVAL 250 MINUTE"
                    + " AND c.ts_event < a.anchor + INTERVAL 250 MINUTE ORDER BY c.symbol, ts) TO '"
                    + home.resolve("duck.parquet") + "' (FORMAT parquet, COMPRESSION zstd)");
            try (ResultSet rs = statement.executeQuery("SELECT count(*) FROM '" + home.resolve("duck.parquet") + "'")) {
                rs.next();
                duckRows = rs.getLong(1);
            }
        }
        double duckSeconds = (System.nanoTime() - t1) / 1e9;
        System.out.printf("duckdb reference: same selection, %,d candles, in %.2f s; marketlake/duckdb time ratio %.2f%n",
                duckRows, duckSeconds, seconds / duckSeconds);
        if (duckRows != rows) {
            throw new IllegalStateException("marketlake exported " + rows + " candles, DuckDB selected " + duckRows);
        }
        Results.report("slices", "s", seconds, duckSeconds);
        if (!Boolean.parseBoolean(System.getProperty("child", "true"))) {
            // bench/run leaves the child JVM out: the exporter's figure is the one it reports
            if (!Boolean.getBoolean("keep")) { // -Dkeep=true leaves the lake and alerts for a closer look
                BenchFiles.delete(home);
            }
            return;
        }
        // the same export as a user runs it, in a JVM bounded to 512 MB
        Files.writeString(config, Files.readString(config).replace("\"bench\"", "\"bench-cli\""));
        long t2 = System.nanoTime();
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"), "io.marketlake.MarketlakeApplication",
                "--home", home.toString(), "slices", "export", "--config", config.toString())
                .redirectErrorStream(true).redirectOutput(home.resolve("export.log").toFile()).start();
        int exit = child.waitFor();
        System.out.printf("marketlake slices export in a child JVM with -Xmx512m (JVM start included): exit %d in %.1f s%n",
                exit, (System.nanoTime() - t2) / 1e9);
        if (exit != 0) {
            Files.readAllLines(home.resolve("export.log")).stream().skip(Math.max(0, 0)).limit(60).forEach(System.out::println);
        }
        BenchFiles.delete(home);
    }

    private static long rows(Path slices) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT count(*) FROM read_parquet('" + slices + "/**/*.parquet')")) {
            rs.next();
            return rs.getLong(1);
        }
    }


}
