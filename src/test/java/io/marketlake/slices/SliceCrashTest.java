package io.marketlake.slices;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketlake.Market;
import io.marketlake.MarketlakeApplication;
import io.marketlake.Markets;
import io.marketlake.databento.ContractType;
import io.marketlake.databento.OhlcvBar;
import io.marketlake.lake.LakeReader;
import io.marketlake.lake.TestLake;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real export process killed (SIGKILL) after it began writing slices and before it sealed the run. */
class SliceCrashTest {

    private static final int SYMBOLS = 3000;

    @TempDir
    Path home;

    @Test
    void a_crash_before_sealing_leaves_a_run_verify_calls_unfinished_and_a_rerun_completes() throws Exception {
        List<OhlcvBar> bars = new ArrayList<>();
        StringBuilder alerts = new StringBuilder("alert_id,symbol,ts\n");
        for (int s = 0; s < SYMBOLS; s++) {
            String symbol = "SYM" + s;
            for (int d = 0; d < 5; d++) {
                Instant open = Instant.parse("2026-02-16T00:00:00Z").plus(Duration.ofDays(d));
                bars.add(new OhlcvBar(open, 35, 1, s, symbol, ContractType.OUTRIGHT, 10.0, 11.0, 9.0, 10.5, 100, ""));
            }
            alerts.append("a").append(s).append(',').append(symbol).append(",2026-02-18T12:00:00Z\n");
        }
        TestLake.writeBars(home.resolve("lake"), "futures", "HE", bars);
        Files.writeString(home.resolve("alerts.csv"), alerts);
        Path config = home.resolve("run.json");
        Files.writeString(config, """
                {"run_id": "crash", "alerts": "alerts.csv", "data_type": "futures", "market": "HE",
                 "interval": "1d", "window": "pre2_post2"}""");
        Path run = home.resolve("runs/run_id=crash");
        Path slices = run.resolve("slices/ohlcv/interval=1d/window=pre2_post2");

        Process export = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), MarketlakeApplication.class.getName(),
                "--home", home.toString(), "slices", "export", "--config", config.toString())
                .directory(new File(System.getProperty("user.dir")))
                .redirectErrorStream(true).redirectOutput(home.resolve("export.log").toFile()).start();
        Awaitility.await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(2))
                .until(() -> Files.isDirectory(slices) || !export.isAlive());
        export.destroyForcibly(); // SIGKILL
        export.waitFor(30, TimeUnit.SECONDS);

        assertThat(Files.isDirectory(slices)).as("the export had begun writing slices").isTrue();
        assertThat(run.resolve("manifest.json")).as("killed before sealing").doesNotExist();
        SliceVerifier.Verification verification = SliceVerifier.verify(run);
        assertThat(verification.sealed()).isFalse();
        assertThat(verification.problems()).singleElement().asString().startsWith("unfinished");

        Markets markets = new Markets(List.of(new Market("HE", "Lean Hogs", "CME", "HE", "054642", 400,
                ZoneId.of("America/Chicago"))));
        Path rerun = new SliceExporter(new LakeReader(home.resolve("lake")), home.resolve("runs"), markets)
                .export(config);

        assertThat(rerun).isEqualTo(run);
        assertThat(SliceVerifier.verify(run).ok()).isTrue();
    }
}
