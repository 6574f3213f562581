package io.marketlake.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.marketlake.CftcStub;
import io.marketlake.DatabentoStub;
import io.marketlake.DbnResponses;
import io.marketlake.cot.CftcFiles;
import io.marketlake.databento.ContractType;
import io.marketlake.databento.OhlcvBar;
import io.marketlake.lake.TestLake;
import io.marketlake.slices.SliceVerifier;
import io.marketlake.trading.DeltaTables;
import io.marketlake.trading.ReadAt;
import io.marketlake.trading.TradingTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash points: real marketlake processes SIGKILLed at 20 instants each during an ingest (served DBN), a futures
 * backfill (served CSV), a COT backfill, a slice export and a trading import, against loopback stubs. After every
 * kill no reader finds a partial file or a doubled feature row, and the ledger never calls a batch complete that the
 * lake does not hold whole; after a last run the stores equal those of an uninterrupted run. The totals go to
 * target/reliability/crash-points.json.
 */
@Tag("crash")
class CrashPointsTest {

    private static final int KILLS = 20;
    private static final Path REPORTS = Path.of("target", "reliability");
    private static final Map<String, Map<String, Object>> TOTALS = new TreeMap<>();
    private static final String CSV_HEADER = "ts_event,rtype,publisher_id,instrument_id,open,high,low,close,volume,symbol\n";

    @TempDir
    Path dir;

    @AfterAll
    static void writeTotals() throws IOException {
        Files.createDirectories(REPORTS);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .writeValue(REPORTS.resolve("crash-points.json").toFile(), TOTALS);
    }

    @Test
    void an_ingest_killed_at_any_instant_leaves_no_partial_file_and_the_rerun_equals_an_uninterrupted_one()
            throws Exception {
        LocalDate date = LocalDate.of(2026, 2, 17);
        // mostly spreads, uncompressed, so the lake write takes long enough to be hit; the outrights give features.
        // Served as DBN with zstd, the encoding asked for by default (the backfill flow below is served CSV)
        byte[] payload = DbnResponses.barsOf(futuresPayload(date, List.of("HEJ6", "HEK6", "HEM6", "HEN6", "HEQ6",
                "HEV6", "HEZ6", "HEG7"), 15_000), "ohlcv-1d", date);
        try (DatabentoStub databento = DatabentoStub.start()) {
            databento.answerBinary(request -> payload);
            LakeFlow flow = new LakeFlow("ingest", "futures", "futures") {
                @Override
                public ChildJvm command(Path home, Path logs) {
                    return new ChildJvm(home, logs, "ingest", "futures", "--market", "HE", "--date", date.toString())
                            .property("marketlake.databento.base-url", databento.baseUrl())
                            .property("marketlake.lake.compression", "UNCOMPRESSED");
                }

                @Override
                void checkCompletion(ReaderChecks home, List<String> problems) {
                    String newest = home.newestBatches("futures").get(date.toString());
                    if (!home.ledger("futures").containsKey(newest)) {
                        problems.add("the batch readers see for " + date + " (" + newest + ") is not complete");
                    }
                }
            };
            crashPoints(flow);
        }
    }

    @Test
    void a_futures_backfill_killed_at_any_instant_resumes_to_what_an_uninterrupted_one_stores_each_date_once()
            throws Exception {
        LocalDate from = LocalDate.of(2026, 9, 1);
        LocalDate to = LocalDate.of(2026, 9, 23);
        List<LocalDate> dates = from.datesUntil(to.plusDays(1)).filter(d -> d.getDayOfWeek() != DayOfWeek.SATURDAY)
                .toList();
        List<String> outrights = List.of("HEV6", "HEZ6", "HEG7", "HEJ7", "HEK7", "HEM7", "HEN7", "HEQ7");
        Map<LocalDate, String> payloads = new HashMap<>();
        dates.forEach(d -> payloads.put(d, futuresPayload(d, outrights, 1_000)));
        try (DatabentoStub databento = DatabentoStub.start()) {
            // a restarted backfill asks for the pending dates only: each request is answered by the date it asks for
            databento.answer(request -> payloads.get(LocalDate.parse(request.form().get("start"))));
            LakeFlow flow = new LakeFlow("backfill_futures", "futures", "futures") {
                @Override
                public ChildJvm command(Path home, Path logs) {
                    return new ChildJvm(home, logs, "backfill", "futures", "--market", "HE", "--from", from.toString(),
                            "--to", to.toString()).property("marketlake.databento.base-url", databento.baseUrl());
                }

                @Override
                public double pending(Path home) {
                    return 1 - (double) new ReaderChecks(home).ledgerEntriesByDate("futures").size() / dates.size();
                }

                @Override
                void checkCompletion(ReaderChecks home, List<String> problems) {
                    Map<String, Long> entries = home.ledgerEntriesByDate("futures");
                    Map<String, Long> ledger = home.ledger("futures");
                    Map<String, String> newest = home.newestBatches("futures");
                    for (LocalDate date : dates) {
                        if (entries.getOrDefault(date.toString(), 0L) != 1) {
                            problems.add(date + " was completed " + entries.getOrDefault(date.toString(), 0L)
                                    + " times, not once");
                        }
                        if (!ledger.containsKey(newest.get(date.toString()))) {
                            problems.add("the batch readers see for " + date + " is not complete");
                        }
                    }
                    int asked = databento.requests().size();
                    ChildJvm.Outcome rerun = command(home.home(), REPORTS.resolve(name()).resolve("rerun")).runToEnd();
                    if (rerun.exitCode() != 0 || databento.requests().size() != asked) {
                        problems.add("a backfill after the final run exited " + rerun.exitCode() + " and asked "
                                + (databento.requests().size() - asked) + " dates again (none expected)");
                    }
                }
            };
            crashPoints(flow);
        }
    }

    @Test
    void a_cot_backfill_killed_at_any_instant_resumes_to_what_an_uninterrupted_one_stores_once() throws Exception {
        try (CftcStub cftc = CftcStub.start()) {
            int weeks = 0;
            for (int year = 2022; year <= 2024; year++) {
                List<String> rows = new ArrayList<>();
                for (LocalDate tuesday = LocalDate.of(year, 1, 1).with(TemporalAdjusters.nextOrSame(DayOfWeek.TUESDAY));
                        tuesday.getYear() == year; tuesday = tuesday.plusWeeks(1)) {
                    rows.add(CftcFiles.hogs(tuesday, Map.of("M_Money_Positions_Long_All", Integer.toString(40_000 + weeks++))));
                }
                cftc.yearly(year, CftcFiles.zip("f_year.txt", CftcFiles.yearly(rows.toArray(String[]::new))));
            }
            LakeFlow flow = new LakeFlow("backfill_cot", "cot", "cot") {
                @Override
                public ChildJvm command(Path home, Path logs) {
                    return new ChildJvm(home, logs, "backfill", "cot", "--market", "HE", "--from", "2022-01-01",
                            "--to", "2024-12-31").property("marketlake.cftc.base-url", cftc.baseUrl());
                }

                @Override
                void checkCompletion(ReaderChecks home, List<String> problems) {
                    Map<String, Long> ledger = home.ledger("cot");
                    List<String> withRows = ledger.entrySet().stream().filter(e -> e.getValue() > 0)
                            .map(Map.Entry::getKey).toList();
                    if (withRows.size() != 1) {
                        problems.add("the weeks were completed by " + withRows.size() + " batches, not one: " + withRows);
                    }
                    home.newestBatches("cot").forEach((week, batch) -> {
                        if (!ledger.containsKey(batch)) {
                            problems.add("the batch readers see for week " + week + " (" + batch + ") is not complete");
                        }
                    });
                    int files = ReaderChecks.visibleParquet(home.home().resolve("lake")).size();
                    long features = home.featureRows();
                    ChildJvm.Outcome rerun = command(home.home(), REPORTS.resolve(name()).resolve("rerun")).runToEnd();
                    if (rerun.exitCode() != 0 || ReaderChecks.visibleParquet(home.home().resolve("lake")).size() != files
                            || home.featureRows() != features) {
                        problems.add("a backfill after the final run exited " + rerun.exitCode()
                                + " or added lake files or feature rows (none expected)");
                    }
                }
            };
            crashPoints(flow);
        }
    }

    @Test
    void a_slice_export_killed_at_any_instant_is_unfinished_or_sealed_and_the_rerun_is_byte_identical()
            throws Exception {
        Path lake = dir.resolve("lake-template");
        List<OhlcvBar> bars = new ArrayList<>();
        StringBuilder alerts = new StringBuilder("alert_id,symbol,ts\n");
        Instant first = Instant.parse("2022-01-03T00:00:00Z");
        // few symbols (each bucket file is forced to disk when the run is sealed), many days, alerts all along them
        for (int s = 0; s < 50; s++) {
            String symbol = "SYM" + s;
            for (int d = 0; d < 1_000; d++) {
                double close = 10 + (s % 50) * 0.25 + d * 0.01;
                bars.add(new OhlcvBar(first.plus(Duration.ofDays(d)), 35, 1, s, symbol, ContractType.OUTRIGHT,
                        close - 0.1, close + 0.5, close - 0.5, close, 100 + d, ""));
            }
            for (int a = 0; a < 25; a++) {
                alerts.append('a').append(s).append('-').append(a).append(',').append(symbol).append(',')
                        .append(first.plus(Duration.ofDays(20 + 36L * a + s % 7)).plusSeconds(3_600)).append('\n');
            }
        }
        TestLake.writeBars(lake, "futures", "HE", bars);
        String config = """
                {"run_id": "crash", "alerts": "alerts.csv", "data_type": "futures", "market": "HE",
                 "interval": "1d", "window": "pre20_post10"}""";
        CrashLoop.Flow flow = new CrashLoop.Flow() {
            @Override
            public String name() {
                return "slices_export";
            }

            @Override
            public void prepare(Path home) throws IOException {
                // the same lake files (names and bytes) in both homes: the manifest lists them
                copyTree(lake, home.resolve("lake"));
                Files.writeString(home.resolve("alerts.csv"), alerts);
                Files.writeString(home.resolve("run.json"), config);
            }

            @Override
            public ChildJvm command(Path home, Path logs) {
                return new ChildJvm(home, logs, "slices", "export", "--config", home.resolve("run.json").toString());
            }

            @Override
            public Set<Integer> exitCodes() {
                return Set.of(0, 2); // 2: the run is sealed already, and a sealed run is never overwritten
            }

            @Override
            public List<String> invariants(ReaderChecks home) {
                List<String> problems = new ArrayList<>(home.unreadableParquet(home.home().resolve("runs")));
                Path run = home.home().resolve("runs/run_id=crash");
                if (Files.isDirectory(run)) {
                    SliceVerifier.Verification verification = SliceVerifier.verify(run);
                    if (verification.sealed() && !verification.ok()) {
                        problems.add("slices verify: sealed but not intact: " + verification.problems());
                    }
                }
                return problems;
            }

            @Override
            public CrashLoop.Comparison compare(ReaderChecks reference, ReaderChecks home) {
                List<String> problems = new ArrayList<>();
                Path run = home.home().resolve("runs/run_id=crash");
                if (!SliceVerifier.verify(run).ok()) {
                    problems.add("slices verify: " + SliceVerifier.verify(run).problems());
                }
                Map<String, byte[]> expected = contents(reference.home().resolve("runs/run_id=crash"));
                Map<String, byte[]> actual = contents(run);
                if (!expected.keySet().equals(actual.keySet())) {
                    problems.add("files differ from the uninterrupted run's: " + expected.keySet() + " vs " + actual.keySet());
                }
                expected.forEach((name, bytes) -> {
                    if (actual.containsKey(name) && !Arrays.equals(bytes, actual.get(name))) {
                        problems.add(name + " is not byte-identical to the uninterrupted run's");
                    }
                });
                long[] rows = home.parquetAgainst(reference.home(), "runs/run_id=crash/slices/**/*.parquet");
                return new CrashLoop.Comparison(rows[0], rows[1], problems, Map.of("files_compared", expected.size()));
            }
        };
        crashPoints(flow);
    }

    @Test
    void a_trading_import_killed_at_any_instant_commits_every_row_exactly_once() throws Exception {
        int rows = 1_200;
        StringBuilder file = new StringBuilder();
        for (int i = 1; i <= rows; i++) {
            file.append("{\"transaction_id\":\"t").append(i).append("\",\"strategy_id\":\"s").append(i % 7)
                    .append("\",\"leg_id\":\"l").append(i % 3).append("\",\"action\":\"").append(i % 2 == 0 ? "BUY" : "SELL")
                    .append("\",\"quantity\":").append(1 + i % 5).append(",\"price\":1.25,\"commission\":0.5,")
                    .append("\"ts\":\"").append(Instant.parse("2026-02-17T15:00:00Z").plusSeconds(i)).append("\"}\n");
        }
        CrashLoop.Flow flow = new CrashLoop.Flow() {
            @Override
            public String name() {
                return "trading_import";
            }

            @Override
            public void prepare(Path home) throws IOException {
                Files.createDirectories(home);
                Files.writeString(home.resolve("transactions-crash.jsonl"), file);
            }

            @Override
            public ChildJvm command(Path home, Path logs) {
                // 100 rows a commit: the file takes 12 commits, a checkpoint among them
                return new ChildJvm(home, logs, "trading", "import", home.resolve("transactions-crash.jsonl").toString())
                        .property("marketlake.trading.batch-size", "100");
            }

            @Override
            public Set<Integer> exitCodes() {
                return Set.of(0);
            }

            @Override
            public double pending(Path home) {
                try {
                    return 1 - (double) transactions(home).size() / rows;
                } catch (RuntimeException unreadable) {
                    return 1; // the invariants report it
                }
            }

            @Override
            public List<String> invariants(ReaderChecks home) {
                List<String> problems = new ArrayList<>();
                Path table = home.home().resolve("trading/transactions");
                // Delta's own files: the log's checkpoints; data files are visible only through the log
                problems.addAll(home.unreadableParquet(table.resolve("_delta_log")));
                try {
                    Map<Object, Long> ids = transactions(home.home()).stream()
                            .collect(Collectors.groupingBy(r -> r.get("transaction_id"), Collectors.counting()));
                    ids.forEach((id, n) -> {
                        if (n > 1) {
                            problems.add("transaction " + id + " is in the table " + n + " times");
                        }
                    });
                } catch (RuntimeException e) {
                    problems.add("the table cannot be read: " + e);
                }
                return problems;
            }

            @Override
            public CrashLoop.Comparison compare(ReaderChecks reference, ReaderChecks home) {
                List<Map<String, Object>> expected = transactions(reference.home());
                List<Map<String, Object>> actual = transactions(home.home());
                Map<String, Long> counts = count(actual);
                long lost = count(expected).keySet().stream().filter(k -> !counts.containsKey(k)).count();
                long doubled = actual.size() - counts.size();
                List<String> problems = new ArrayList<>();
                if (expected.size() != rows) {
                    problems.add("the uninterrupted import holds " + expected.size() + " rows, not " + rows);
                }
                // a kill between writing a commit's data file and committing it leaves a file no commit names
                long orphans = ReaderChecks.visibleParquet(home.home().resolve("trading/transactions")).stream()
                        .filter(f -> !f.toString().contains("_delta_log")).filter(f -> !ReaderChecks.readable(f)).count();
                return new CrashLoop.Comparison(lost, doubled, problems,
                        Map.of("unreadable_data_files_outside_the_log", orphans));
            }

            private Map<String, Long> count(List<Map<String, Object>> table) {
                return table.stream().collect(Collectors.groupingBy(r -> new TreeMap<>(r).toString(),
                        Collectors.counting()));
            }
        };
        crashPoints(flow);
    }

    private void crashPoints(CrashLoop.Flow flow) throws IOException {
        Path logs = REPORTS.resolve(flow.name());
        deleteTree(logs);
        CrashLoop.Totals totals = new CrashLoop(KILLS, flow.name().hashCode())
                .run(flow, dir.resolve("reference"), dir.resolve("killed"), logs);
        synchronized (TOTALS) {
            TOTALS.put(flow.name(), totals.values());
        }
        writeTotals();
        assertThat(totals.values().get("kills")).as("kills while the process was alive").isEqualTo(KILLS);
        assertThat(totals.violations()).as(flow.name() + " " + totals.values()).isEmpty();
        assertThat(totals.values()).containsEntry("final_ok", true).containsEntry("rows_lost", 0L)
                .containsEntry("rows_doubled", 0L);
    }

    /**
     * A flow writing the lake and the feature store. After a kill: every visible lake file reads whole, no feature
     * row is doubled, and every batch the ledger calls complete is in the lake with all its rows; batches in the
     * lake without a ledger entry were interrupted, and the next run must finish them.
     */
    private abstract static class LakeFlow implements CrashLoop.Flow {

        private final String name;
        private final String source;
        private final String dataType;
        private final Set<String> interrupted = new TreeSet<>();

        LakeFlow(String name, String source, String dataType) {
            this.name = name;
            this.source = source;
            this.dataType = dataType;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Set<Integer> exitCodes() {
            return Set.of(0);
        }

        @Override
        public List<String> invariants(ReaderChecks home) {
            List<String> problems = new ArrayList<>(home.unreadableParquet(home.home().resolve("lake")));
            problems.addAll(home.duplicateFeatures());
            Map<String, Long> inLake = home.lakeRowsByBatch();
            Map<String, Long> ledger = home.ledger(source);
            ledger.forEach((batch, rows) -> {
                if (rows > 0 && !rows.equals(inLake.get(batch))) {
                    problems.add("the ledger holds batch " + batch + " complete with " + rows
                            + " lake rows; readers see " + inLake.getOrDefault(batch, 0L));
                }
            });
            inLake.keySet().stream().filter(batch -> !ledger.containsKey(batch)).forEach(interrupted::add);
            return problems;
        }

        @Override
        public CrashLoop.Comparison compare(ReaderChecks reference, ReaderChecks home) {
            List<String> problems = new ArrayList<>();
            long[] lake = home.lakeAgainst(reference.home(), dataType);
            long[] features = home.featuresAgainst(reference.home());
            if (features[0] + features[1] > 0) {
                problems.add("feature rows: " + features[0] + " of the uninterrupted run's missing, " + features[1]
                        + " extra or doubled");
            }
            if (reference.featureRows() == 0 || lake[2] == 0) {
                problems.add("the uninterrupted run stored no features or no lake rows: nothing was compared");
            }
            checkCompletion(home, problems);
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("interrupted_batches", interrupted.size());
            details.put("lake_rows_compared", lake[2]);
            details.put("lake_rows_lost", lake[0]);
            details.put("lake_rows_doubled", lake[1]);
            details.put("feature_rows_lost", features[0]);
            details.put("feature_rows_doubled", features[1]);
            details.put("feature_rows", home.featureRows());
            return new CrashLoop.Comparison(lake[0] + features[0], lake[1] + features[1], problems, details);
        }

        /** The flow's own completion rule (which batches the ledger must hold), checked on the finished home. */
        abstract void checkCompletion(ReaderChecks home, List<String> problems);
    }

    private static List<Map<String, Object>> transactions(Path home) {
        return new DeltaTables(home.resolve("trading"), 10).read(TradingTable.TRANSACTIONS, ReadAt.latest(), null);
    }

    /** Daily bars of one UTC day: the outrights (features), then {@code spreads} calendar spreads (lake only). */
    private static String futuresPayload(LocalDate date, List<String> outrights, int spreads) {
        long ts = date.atStartOfDay(ZoneOffset.UTC).toEpochSecond() * 1_000_000_000L;
        long day = date.getDayOfYear();
        StringBuilder csv = new StringBuilder(CSV_HEADER);
        for (int i = 0; i < outrights.size(); i++) {
            long close = (80_000 + 250L * i + 25 * day) * 1_000_000L;
            csv.append(ts).append(",35,1,").append(42_140_100 + i).append(',').append(close - 500_000_000L).append(',')
                    .append(close + 750_000_000L).append(',').append(close - 1_000_000_000L).append(',').append(close)
                    .append(',').append(1_000 + i).append(',').append(outrights.get(i)).append('\n');
        }
        for (int i = 0; i < spreads; i++) {
            csv.append(ts).append(",35,1,").append(50_000_000 + i).append(",-5275000000,-5150000000,-5475000000,")
                    .append(-5_375_000_000L + day % 100 * 1_000_000L).append(',').append((i + day) % 997).append(",HEJ6-HEK6\n");
        }
        return csv.toString();
    }

    private static Map<String, byte[]> contents(Path run) {
        Map<String, byte[]> contents = new TreeMap<>();
        if (!Files.isDirectory(run)) {
            return contents;
        }
        try (Stream<Path> files = Files.walk(run)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                contents.put(run.relativize(file).toString(), Files.readAllBytes(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return contents;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : files.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
