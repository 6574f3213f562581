package io.marketlake.bench;

import com.sun.net.httpserver.HttpServer;
import java.io.BufferedWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;

/**
 * A day of one-second bars of a whole parent (default 1,000,000 bars: 12 instruments, every second of the UTC day)
 * in Databento's raw, symbol-mapped ohlcv-1s CSV, served by a stub on 127.0.0.1 to {@code marketlake ingest futures
 * --schema ohlcv-1s} in a child JVM with a small heap: the response streams to a landing file and to the lake, so
 * the heap it needs does not grow with the day's bars. DuckDB turns the same CSV into one zstd Parquet file in the
 * same run, as the reference.
 *
 * <pre>mvn -B -q -Pbench test-compile exec:exec@intraday-bars   (-Dbars=1000000; child JVMs -Xmx512m and -Xmx96m)</pre>
 */
public final class IntradayBarsBench {

    private static final long NS = 1_000_000_000L;
    private static final Instant DAY = Instant.parse("2026-02-17T00:00:00Z");

    public static void main(String[] args) throws Exception {
        long bars = Long.parseLong(System.getProperty("bars", "1000000"));
        Path dir = BenchFiles.fresh("intraday-bars");
        Path response = dir.resolve("HE.FUT-ohlcv-1s.csv");
        int instruments = (int) Math.max(1, (bars + 86_399) / 86_400);
        long written = writeDay(response, bars, instruments);
        System.out.printf("generated %,d ohlcv-1s bars of %d instruments (%,d MB)%n", written, instruments,
                Files.size(response) >> 20);

        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v0/timeseries.get_range", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().add("Content-Type", "text/csv");
            exchange.sendResponseHeaders(200, Files.size(response));
            try (var out = exchange.getResponseBody()) {
                Files.copy(response, out);
            }
        });
        server.start();
        double seconds = 0;
        for (String heap : List.of("-Xmx512m", "-Xmx96m")) {
            double run = ingest(dir, heap, server.getAddress().getPort(), written);
            if (heap.equals("-Xmx512m")) {
                seconds = run;
            }
        }
        server.stop(0);

        long duckStart = System.nanoTime();
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = connection.createStatement()) {
            statement.execute("COPY (SELECT * FROM read_csv('" + response + "', header = true)) TO '"
                    + dir.resolve("duck.parquet") + "' (FORMAT PARQUET, COMPRESSION zstd)");
        }
        double duckSeconds = (System.nanoTime() - duckStart) / 1e9;
        System.out.printf("duckdb reference: CSV to one zstd Parquet file in %.1f s = %,.0f bars/s (%,d MB);"
                + " ratio (duckdb time / marketlake time, > 1 means marketlake is faster) %.2f%n", duckSeconds,
                written / duckSeconds, Files.size(dir.resolve("duck.parquet")) >> 20, duckSeconds / seconds);
        Results.report("intraday-bars", "s", seconds, duckSeconds);
        BenchFiles.delete(dir);
    }

    /** {@code marketlake ingest futures --schema ohlcv-1s} in its own JVM: its wall time, JVM start included. */
    private static double ingest(Path dir, String heap, int port, long bars) throws Exception {
        Path home = dir.resolve("home" + heap);
        Path log = dir.resolve("ingest" + heap + ".log");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                heap, "-cp", System.getProperty("java.class.path"),
                "-Dmarketlake.databento.base-url=http://127.0.0.1:" + port,
                "io.marketlake.MarketlakeApplication", "--home", home.toString(),
                "ingest", "futures", "--market", "HE", "--date", "2026-02-17", "--schema", "ohlcv-1s")
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putIfAbsent("DATABENTO_API_KEY", "db-bench-key-not-real");
        long start = System.nanoTime();
        int exit = builder.start().waitFor();
        double seconds = (System.nanoTime() - start) / 1e9;
        List<String> lines = Files.readAllLines(log);
        String summary = lines.stream().filter(l -> l.startsWith("futures_1s HE")).findFirst()
                .orElse("(no summary; see the log)");
        if (exit != 0) {
            lines.subList(Math.max(0, lines.size() - 30), lines.size()).forEach(System.out::println);
        }
        long lakeBytes;
        try (var files = Files.walk(home.resolve("lake"))) {
            lakeBytes = files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
        System.out.printf("marketlake ingest futures --schema ohlcv-1s, %s: exit %d in %.1f s = %,.0f bars/s"
                + " (JVM start included), lake %,d MB; %s%n", heap, exit, seconds, bars / seconds, lakeBytes >> 20,
                summary);
        return seconds;
    }

    /** Every second of the day, each instrument's bar, sorted by time as Databento sends a parent's bars. */
    private static long writeDay(Path file, long bars, int instruments) throws Exception {
        long written = 0;
        long base = DAY.getEpochSecond();
        try (BufferedWriter out = Files.newBufferedWriter(file)) {
            out.write("ts_event,rtype,publisher_id,instrument_id,open,high,low,close,volume,symbol\n");
            for (long second = 0; second < 86_400 && written < bars; second++) {
                for (int i = 0; i < instruments && written < bars; i++) {
                    long close = (80_000_000_000L + i * 1_000_000_000L) + (second % 400) * 25_000_000L;
                    out.write((base + second) * NS + ",32,1," + (42_140_100 + i) + "," + close + ","
                            + (close + 25_000_000L) + "," + (close - 25_000_000L) + "," + close + "," + (1 + second % 7)
                            + ",HE" + "GJKMNQVZ".charAt(i % 8) + (6 + i / 8) + "\n");
                    written++;
                }
            }
        }
        return written;
    }
}
