package io.marketlake.bench;

import io.marketlake.databento.DbnEncoder;
import io.marketlake.ingest.Batch;
import io.marketlake.options.ChainJoin;
import io.marketlake.options.ChainPricing;
import io.marketlake.options.ChainReader;
import io.marketlake.options.OptionRow;
import io.marketlake.options.OptionsPayloads;
import com.sun.net.httpserver.HttpServer;
import java.io.BufferedWriter;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Random;

/**
 * Streams a multi-million-row mbp-1 response (Databento's raw CSV layout) through the chain builder, as the
 * options route does, and reports rows per second and peak heap (quotes-csv); then the same records as DBN with
 * zstd, the encoding marketlake asks for (quotes-dbn). DuckDB computes the same last-quote-per-instrument reduction
 * of the CSV file in the same run, as the reference of both.
 *
 * <pre>mvn -B -q -Pbench test-compile exec:exec@options-quotes   (JVM: -Xmx512m; -Drows=5000000)</pre>
 * ({@code -Dend-to-end=false} leaves out the child-JVM ingest, as bench/run does.)
 */
public final class OptionsQuoteStreamBench {

    private static final long NS = 1_000_000_000L;
    private static final Instant SNAPSHOT = Instant.parse("2026-02-17T19:00:00Z");

    public static void main(String[] args) throws Exception {
        long rows = Long.parseLong(System.getProperty("rows", "5000000"));
        int options = 2000;
        Path dir = BenchFiles.fresh("quotes");
        Path definitions = dir.resolve("1-definition.txt");
        Path statistics = dir.resolve("1-statistics.txt");
        Path quotes = dir.resolve("1-mbp-1.txt");
        long generateStart = System.nanoTime();
        writeDefinitions(definitions, options);
        Files.writeString(statistics, "ts_recv,ts_event,rtype,publisher_id,instrument_id,ts_ref,price,quantity,sequence,"
                + "ts_in_delta,stat_type,channel_id,update_action,stat_flags\n");
        writeQuotes(quotes, rows, options);
        System.out.printf("generated %,d quote rows (%,d MB) in %.1f s%n", rows, Files.size(quotes) >> 20,
                (System.nanoTime() - generateStart) / 1e9);

        Heap.resetPeaks();
        long start = System.nanoTime();
        // the options pipeline's parse, join and pricing steps
        OptionsPayloads payloads = OptionsPayloads.fromFiles(List.of(definitions.toString(), statistics.toString(),
                quotes.toString()));
        Batch<OptionRow> chain = new ChainPricing(0.045).price(new ChainJoin().join(
                new ChainReader().read(payloads, SNAPSHOT), LocalDate.of(2026, 2, 17).toString(), SNAPSHOT));
        double seconds = (System.nanoTime() - start) / 1e9;
        long peakHeap = Heap.peakBytes();
        System.out.printf("marketlake: %,d rows in %.2f s = %,.0f rows/s, peak heap %,d MB (max heap %,d MB),"
                + " %d options, %d rejections%n", rows, seconds, rows / seconds, peakHeap >> 20,
                Runtime.getRuntime().maxMemory() >> 20, chain.records().size(), chain.rejections().size());

        long duckStart = System.nanoTime();
        long instruments;
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT count(*) FROM (SELECT instrument_id,"
                        + " arg_max(bid_px_00, ts_recv), arg_max(ask_px_00, ts_recv) FROM read_csv('" + quotes
                        + "', header = true) WHERE ts_recv <= " + (SNAPSHOT.getEpochSecond() * NS)
                        + " GROUP BY instrument_id)")) {
            rs.next();
            instruments = rs.getLong(1);
        }
        double duckSeconds = (System.nanoTime() - duckStart) / 1e9;
        System.out.printf("duckdb reference: same reduction in %.2f s = %,.0f rows/s (%d instruments);"
                + " marketlake/duckdb time ratio %.2f%n", duckSeconds, rows / duckSeconds, instruments,
                seconds / duckSeconds);
        Results.report("quotes-csv", "s", seconds, duckSeconds);

        // quotes-dbn: the same quote records as Databento answers a DBN request (DBN v3, zstd), written beside the CSV
        // by the test encoder (not timed), through the same parse, join and pricing steps (definitions and
        // statistics stay the same CSV), against the same DuckDB reduction of the CSV
        Path dbnQuotes = dir.resolve("2-mbp-1.txt");
        long encodeStart = System.nanoTime();
        try (var text = Files.newBufferedReader(quotes); var out = Files.newOutputStream(dbnQuotes)) {
            DbnEncoder.write(text, DbnEncoder.Request.parent("mbp-1", SNAPSHOT.minusSeconds(5 * 3600),
                    SNAPSHOT.plusNanos(1), "HE.OPT", "HE.FUT"), List.of(), out, true);
        }
        System.out.printf("encoded the quotes as DBN with zstd: %,d MB (CSV %,d MB) in %.1f s%n",
                Files.size(dbnQuotes) >> 20, Files.size(quotes) >> 20, (System.nanoTime() - encodeStart) / 1e9);
        Heap.resetPeaks();
        long dbnStart = System.nanoTime();
        Batch<OptionRow> dbnChain = new ChainPricing(0.045).price(new ChainJoin().join(new ChainReader().read(
                OptionsPayloads.fromFiles(List.of(definitions.toString(), statistics.toString(), dbnQuotes.toString())),
                SNAPSHOT), LocalDate.of(2026, 2, 17).toString(), SNAPSHOT));
        double dbnSeconds = (System.nanoTime() - dbnStart) / 1e9;
        if (!dbnChain.records().equals(chain.records()) || dbnChain.rejections().size() != chain.rejections().size()) {
            throw new IllegalStateException("the chain read from DBN differs from the chain read from CSV");
        }
        System.out.printf("marketlake from DBN+zstd: %,d rows in %.2f s = %,.0f rows/s, peak heap %,d MB, the same"
                + " chain as from CSV; marketlake/duckdb time ratio %.2f%n", rows, dbnSeconds, rows / dbnSeconds,
                Heap.peakBytes() >> 20, dbnSeconds / duckSeconds);
        Results.report("quotes-dbn", "s", dbnSeconds, duckSeconds);
        Files.delete(dbnQuotes);

        if (Boolean.parseBoolean(System.getProperty("end-to-end", "true"))) {
            endToEnd(dir, definitions, statistics, quotes, rows);
        }
        BenchFiles.delete(dir);
    }

    /**
     * The whole route in its own JVM with -Xmx512m: {@code marketlake ingest options} against a Databento stub on
     * 127.0.0.1 that streams the same three responses from disk.
     */
    private static void endToEnd(Path dir, Path definitions, Path statistics, Path quotes, long rows) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        java.util.concurrent.atomic.AtomicInteger served = new java.util.concurrent.atomic.AtomicInteger();
        server.createContext("/v0/timeseries.get_range", exchange -> {
            exchange.getRequestBody().readAllBytes();
            Path file = switch (served.getAndIncrement()) {
                case 0 -> definitions;
                case 1 -> statistics;
                default -> quotes;
            };
            exchange.sendResponseHeaders(200, Files.size(file));
            try (var out = exchange.getResponseBody()) {
                Files.copy(file, out);
            }
        });
        server.start();
        Path home = dir.resolve("home");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                "-Dmarketlake.databento.base-url=http://127.0.0.1:" + server.getAddress().getPort(),
                "io.marketlake.MarketlakeApplication", "--home", home.toString(),
                "ingest", "options", "--market", "HE", "--date", "2026-02-17")
                .redirectErrorStream(true).redirectOutput(dir.resolve("ingest.log").toFile());
        builder.environment().putIfAbsent("DATABENTO_API_KEY", "db-bench-key-not-real");
        long start = System.nanoTime();
        int exit = builder.start().waitFor();
        double seconds = (System.nanoTime() - start) / 1e9;
        server.stop(0);
        String summary = Files.readAllLines(dir.resolve("ingest.log")).stream()
                .filter(l -> l.startsWith("options HE")).findFirst().orElse("(no summary; see the log)");
        if (exit != 0) {
            List<String> log = Files.readAllLines(dir.resolve("ingest.log"));
            log.subList(Math.max(0, log.size() - 40), log.size()).forEach(System.out::println);
        }
        System.out.printf("end to end (marketlake ingest options, -Xmx512m, JVM start included): exit %d in %.1f s"
                + " = %,.0f quote rows/s; %s%n", exit, seconds, rows / seconds, summary);
    }

    private static void writeDefinitions(Path file, int options) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file)) {
            out.write("ts_recv,ts_event,rtype,publisher_id,instrument_id,raw_symbol,instrument_class,strike_price,"
                    + "expiration,underlying,underlying_id,symbol\n");
            long day = Instant.parse("2026-02-17T00:00:00Z").getEpochSecond() * NS;
            long expiry = Instant.parse("2026-04-14T17:00:00Z").getEpochSecond() * NS;
            out.write(day + "," + day + ",19,1,1,HEJ6,F,9223372036854775807," + expiry + ",,0,HEJ6\n");
            for (int i = 0; i < options; i++) {
                long strike = 60_000_000_000L + (i / 2) * 25_000_000L;
                char right = i % 2 == 0 ? 'C' : 'P';
                String symbol = "HEJ6 " + right + (strike / 10_000_000);
                out.write(day + "," + day + ",19,1," + (100 + i) + "," + symbol + "," + right + "," + strike + ","
                        + expiry + ",HEJ6,1," + symbol + "\n");
            }
        }
    }

    private static void writeQuotes(Path file, long rows, int options) throws IOException {
        Random random = new Random(42);
        long first = SNAPSHOT.getEpochSecond() * NS - 5 * 3600 * NS;
        long step = 5 * 3600 * NS / rows;
        try (BufferedWriter out = Files.newBufferedWriter(file, java.nio.charset.StandardCharsets.UTF_8)) {
            out.write("ts_recv,ts_event,rtype,publisher_id,instrument_id,action,side,depth,price,size,flags,"
                    + "ts_in_delta,sequence,bid_px_00,ask_px_00,bid_sz_00,ask_sz_00,bid_ct_00,ask_ct_00\n");
            StringBuilder line = new StringBuilder(160);
            for (long i = 0; i < rows; i++) {
                long ts = first + i * step;
                int draw = random.nextInt(options + 1);
                long id = draw == options ? 1 : 100 + draw; // the underlying future or one of the options
                long bid = 1_000_000_000L + random.nextInt(20_000) * 25_000_000L;
                long ask = bid + 25_000_000L * (1 + random.nextInt(4));
                line.setLength(0);
                line.append(ts).append(',').append(ts - 1500).append(",1,1,").append(id).append(",A,B,0,")
                        .append(bid).append(',').append(1 + random.nextInt(50)).append(",130,1500,").append(i)
                        .append(',').append(bid).append(',').append(ask).append(',').append(1 + random.nextInt(50))
                        .append(',').append(1 + random.nextInt(50)).append(",1,1\n");
                out.append(line);
            }
        }
    }


}
