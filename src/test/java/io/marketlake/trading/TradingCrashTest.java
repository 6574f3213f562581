package io.marketlake.trading;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketlake.MarketlakeApplication;
import java.io.File;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real import process killed (SIGKILL) after it wrote a commit's data file and before the commit: the table
 * stays at the previous version, and importing the file again adds its rows once.
 */
class TradingCrashTest {

    private static final int ROWS = 300_000;

    @TempDir
    Path home;

    @Test
    void a_kill_during_a_commit_leaves_the_table_at_the_previous_version() throws Exception {
        DeltaTables tables = new DeltaTables(home.resolve("trading"), 100);
        new TradingImport(tables, 1000).importFile(Files.writeString(home.resolve("transactions-first.jsonl"),
                DeltaTablesTest.transaction("t0", "BUY", 1)));
        Path table = tables.path(TradingTable.TRANSACTIONS);
        StringBuilder big = new StringBuilder();
        for (int i = 1; i <= ROWS; i++) {
            big.append(DeltaTablesTest.transaction("t" + i, i % 2 == 0 ? "BUY" : "SELL", i));
        }
        Path file = Files.writeString(home.resolve("transactions-big.jsonl"), big);

        boolean killedMidCommit = false;
        try (WatchService watcher = FileSystems.getDefault().newWatchService()) {
            table.register(watcher, StandardWatchEventKinds.ENTRY_CREATE);
            Process process = importProcess(file);
            while (process.isAlive() && !killedMidCommit) {
                WatchKey key = watcher.poll(100, TimeUnit.MILLISECONDS);
                if (key == null) {
                    continue;
                }
                for (WatchEvent<?> event : key.pollEvents()) {
                    if (event.context().toString().endsWith(".parquet")) {
                        process.destroyForcibly(); // SIGKILL: the data file exists, its commit does not
                        killedMidCommit = true;
                    }
                }
                key.reset();
            }
            process.waitFor(60, TimeUnit.SECONDS);
        }

        assertThat(killedMidCommit).as("killed once the new data file appeared").isTrue();
        assertThat(table.resolve("_delta_log/" + String.format("%020d.json", 1))).doesNotExist();
        assertThat(tables.latestVersion(TradingTable.TRANSACTIONS)).isZero();
        assertThat(tables.read(TradingTable.TRANSACTIONS, ReadAt.latest(), null)).hasSize(1);

        Process again = importProcess(file);
        assertThat(again.waitFor(180, TimeUnit.SECONDS)).isTrue();
        assertThat(again.exitValue()).isZero();
        assertThat(tables.latestVersion(TradingTable.TRANSACTIONS)).isEqualTo(1);
        assertThat(tables.read(TradingTable.TRANSACTIONS, ReadAt.latest(), null)).hasSize(ROWS + 1);
    }

    private Process importProcess(Path file) throws Exception {
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Dmarketlake.trading.batch-size=" + (ROWS + 1),
                MarketlakeApplication.class.getName(), "--home", home.toString(), "trading", "import", file.toString())
                .directory(new File(System.getProperty("user.dir")))
                .redirectErrorStream(true).redirectOutput(home.resolve("import-" + System.nanoTime() + ".log").toFile())
                .start();
    }
}
