package io.marketlake.lake;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketlake.DatabentoStub;
import io.marketlake.Duck;
import io.marketlake.MarketlakeApplication;
import java.io.File;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGKILL in the middle of a lake write, in a real separate process: what is left is a hidden temp file that
 * no reader picks up, and the next run completes the job.
 */
class CrashSafetyTest {

    private static final int BARS = 300_000;
    private static DatabentoStub databento;
    private static String payload;

    @TempDir
    Path home;

    @BeforeAll
    static void start() throws IOException {
        databento = DatabentoStub.start();
        // Spreads only (no features), uncompressed, so the file is large enough to be caught while being written.
        StringBuilder csv = new StringBuilder("ts_event,rtype,publisher_id,instrument_id,open,high,low,close,volume,symbol\n");
        for (int i = 0; i < BARS; i++) {
            csv.append("1771286400000000000,35,1,").append(50_000_000 + i)
                    .append(",-5275000000,-5150000000,-5475000000,-5375000000,").append(i % 997).append(",HEJ6-HEK6\n");
        }
        payload = csv.toString();
    }

    @AfterAll
    static void stop() {
        databento.close();
    }

    @Test
    void a_kill_during_a_lake_write_leaves_nothing_a_reader_sees_and_the_next_run_completes() throws Exception {
        Path partition = home.resolve("lake/data_type=futures/market=HE/year=2026/month=02");
        Files.createDirectories(partition);
        databento.ok(payload).ok(payload);

        boolean killedMidWrite = false;
        try (WatchService watcher = FileSystems.getDefault().newWatchService()) {
            partition.register(watcher, StandardWatchEventKinds.ENTRY_CREATE);
            Process process = ingest();
            while (process.isAlive() && !killedMidWrite) {
                WatchKey key = watcher.poll(100, TimeUnit.MILLISECONDS);
                if (key == null) {
                    continue;
                }
                for (WatchEvent<?> event : key.pollEvents()) {
                    if (event.context().toString().endsWith(".inprogress")) {
                        process.destroyForcibly(); // SIGKILL
                        killedMidWrite = true;
                    }
                }
                key.reset();
            }
            process.waitFor(60, TimeUnit.SECONDS);
        }

        assertThat(killedMidWrite).as("the process was killed while a temp file was open").isTrue();
        assertThat(files(partition)).anyMatch(name -> name.startsWith(".") && name.endsWith(".inprogress"))
                .noneMatch(name -> name.endsWith(".parquet"));
        assertThat(Duck.query(home.resolve("lake"), "SELECT count(*) AS n FROM glob('"
                + home.resolve("lake") + "/**/*.parquet')")).singleElement()
                .satisfies(row -> assertThat(row.get("n")).isEqualTo(0L));
        assertThat(new LakeReader(home.resolve("lake")).read("futures", "HE", null, null, true).rows()).isEmpty();

        Process rerun = ingest();
        assertThat(rerun.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(rerun.exitValue()).isZero();

        assertThat(Duck.query(home.resolve("lake"), "SELECT count(*) AS n FROM LAKE")).singleElement()
                .satisfies(row -> assertThat(row.get("n")).isEqualTo((long) BARS));
        assertThat(new LakeReader(home.resolve("lake")).read("futures", "HE", null, null, false).rows()).hasSize(BARS);
    }

    private Process ingest() throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "-Dmarketlake.databento.base-url=" + databento.baseUrl(),
                "-Dmarketlake.lake.compression=UNCOMPRESSED",
                MarketlakeApplication.class.getName(),
                "--home", home.toString(), "ingest", "futures", "--market", "HE", "--date", "2026-02-17"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(home.resolve("process-" + System.nanoTime() + ".log").toFile());
        builder.directory(new File(System.getProperty("user.dir")));
        return builder.start();
    }

    private static List<String> files(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).toList();
        }
    }
}
