package io.marketlake.slices;

import static io.marketlake.slices.SliceFixtures.alertOnDay;
import static io.marketlake.slices.SliceFixtures.dailyBars;
import static org.assertj.core.api.Assertions.assertThat;

import io.marketlake.lake.LakeReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Slices of pre1_post1 windows of 1d over daily candles, whose close is their day number. */
class SliceFilesTest {

    private static final SliceConfig CONFIG = SliceFixtures.daily("pre1_post1", false);

    @TempDir
    Path dir;

    @Test
    void the_symbols_of_one_bucket_share_its_file_in_symbol_then_time_order() throws IOException {
        List<String> sameBucket = twoSymbolsOfOneBucket();
        dailyBars(dir.resolve("lake"), sameBucket, 1, 2, 3);
        List<Alert> alerts = List.of(alertOnDay("b", sameBucket.get(1), 2), alertOnDay("a", sameBucket.get(0), 2));
        RunWriter run = RunWriter.prepare(dir.resolve("runs/run_id=r"));

        long rows = SliceFiles.write(run, CONFIG, candles(alerts), AlertWindows.of(alerts, CONFIG));

        Path file = run.dir().resolve("slices/ohlcv/interval=1d/window=pre1_post1/bucket="
                + Hashes.bucket(sameBucket.get(0)) + "/part-0000.parquet");
        assertThat(run.outputs()).extracting(ListedFile::file).containsExactly(file);
        assertThat(rows).isEqualTo(6);
        assertThat(SliceFixtures.rows(file, "SELECT symbol, close FROM FILE")).extracting(r -> r.get("symbol") + " "
                + r.get("close")).containsExactly(sameBucket.get(0) + " 1.0", sameBucket.get(0) + " 2.0",
                        sameBucket.get(0) + " 3.0", sameBucket.get(1) + " 1.0", sameBucket.get(1) + " 2.0",
                        sameBucket.get(1) + " 3.0");
    }

    @Test
    void only_the_candles_of_kept_windows_are_written() throws IOException {
        dailyBars(dir.resolve("lake"), "HEJ6", 1, 2, 3, 7, 8, 9);
        Alert kept = alertOnDay("kept", "HEJ6", 8);
        RunWriter run = RunWriter.prepare(dir.resolve("runs/run_id=r"));

        SliceFiles.write(run, CONFIG, candles(List.of(alertOnDay("dropped", "HEJ6", 2), kept)),
                AlertWindows.of(List.of(kept), CONFIG));

        assertThat(SliceFixtures.rows(run.outputs().get(0).file(), "SELECT close FROM FILE"))
                .extracting(r -> r.get("close")).containsExactly(7.0, 8.0, 9.0);
    }

    @Test
    void a_kept_symbol_without_candles_gets_no_file() throws IOException {
        dailyBars(dir.resolve("lake"), "HEJ6", 1, 2, 3);
        List<Alert> alerts = List.of(alertOnDay("a", "HEZ9", 2));
        RunWriter run = RunWriter.prepare(dir.resolve("runs/run_id=r"));

        long rows = SliceFiles.write(run, CONFIG, candles(alerts), AlertWindows.of(alerts, CONFIG));

        assertThat(rows).isZero();
        assertThat(run.outputs()).isEmpty();
        assertThat(run.dir().resolve("slices")).doesNotExist();
    }

    private CandleBuffer candles(List<Alert> alerts) {
        return CandleBuffer.read(new LakeReader(dir.resolve("lake")), CONFIG, AlertWindows.of(alerts, CONFIG));
    }

    /** Two symbols whose SHA-1 begins with the same byte, in order. */
    private static List<String> twoSymbolsOfOneBucket() {
        String first = "SYM0";
        return IntStream.range(1, 10_000).mapToObj(i -> "SYM" + i)
                .filter(s -> Hashes.bucket(s).equals(Hashes.bucket(first))).findFirst()
                .map(second -> List.of(first, second).stream().sorted().toList()).orElseThrow();
    }
}
