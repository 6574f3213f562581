package io.marketlake.slices;

import static io.marketlake.slices.SliceFixtures.alertOnDay;
import static io.marketlake.slices.SliceFixtures.dailyBars;
import static io.marketlake.slices.SliceFixtures.day;
import static io.marketlake.slices.SliceFixtures.micros;
import static org.assertj.core.api.Assertions.assertThat;

import io.marketlake.lake.LakeReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HEJ6 has a candle on days 0 to 6; windows are pre2_post2 of 1d, so complete takes 2 before and 3 from the anchor. */
class CoverageTest {

    @TempDir
    Path dir;

    private Path lake;

    @BeforeEach
    void candlesOnDaysZeroToSix() {
        lake = dir.resolve("lake");
        dailyBars(lake, "HEJ6", 0, 1, 2, 3, 4, 5, 6);
    }

    @Test
    void an_alert_whose_window_the_lake_fills_is_complete() {
        Coverage.Row row = coverage(false, alertOnDay("a", "HEJ6", 3)).rows().get(0);

        assertThat(row).isEqualTo(new Coverage.Row("a", "HEJ6", micros(day(3)), 2, 3, 5, micros(day(1)),
                micros(day(5)), Coverage.COMPLETE, true));
    }

    @Test
    void an_alert_missing_candles_from_its_anchor_on_is_partial() {
        Coverage.Row row = coverage(false, alertOnDay("a", "HEJ6", 5)).rows().get(0);

        assertThat(row.post()).isEqualTo(2);
        assertThat(row.status()).isEqualTo(Coverage.PARTIAL);
    }

    @Test
    void an_alert_with_fewer_candles_before_its_anchor_than_required_is_insufficient() {
        Coverage.Row row = coverage(false, alertOnDay("a", "HEJ6", 1)).rows().get(0);

        assertThat(row.pre()).isEqualTo(1);
        assertThat(row.status()).isEqualTo(Coverage.INSUFFICIENT);
    }

    @Test
    void an_alert_without_any_candle_is_insufficient_and_has_no_first_or_last_time() {
        Coverage.Row row = coverage(false, alertOnDay("a", "HEZ9", 3)).rows().get(0);

        assertThat(row.total()).isZero();
        assertThat(row.firstTs()).isNull();
        assertThat(row.lastTs()).isNull();
        assertThat(row.status()).isEqualTo(Coverage.INSUFFICIENT);
    }

    @Test
    void strict_coverage_keeps_only_the_complete_alerts() {
        Coverage coverage = coverage(true, alertOnDay("partial", "HEJ6", 5), alertOnDay("complete", "HEJ6", 3),
                alertOnDay("insufficient", "HEJ6", 1));

        assertThat(coverage.keptAlerts()).extracting(Alert::alertId).containsExactly("complete");
        assertThat(coverage.kept()).isEqualTo(1);
    }

    @Test
    void without_strict_coverage_every_alert_is_kept() {
        Coverage coverage = coverage(false, alertOnDay("partial", "HEJ6", 5), alertOnDay("complete", "HEJ6", 3),
                alertOnDay("insufficient", "HEJ6", 1));

        assertThat(coverage.keptAlerts()).extracting(Alert::alertId)
                .containsExactly("partial", "complete", "insufficient");
    }

    @Test
    void the_coverage_file_holds_a_row_an_alert_in_the_alerts_order() throws IOException {
        Coverage coverage = coverage(false, alertOnDay("partial", "HEJ6", 5), alertOnDay("complete", "HEJ6", 3));
        RunWriter run = RunWriter.prepare(dir.resolve("runs/run_id=r"));

        coverage.write(run, SliceFixtures.daily("pre2_post2", false));

        assertThat(run.outputs()).extracting(ListedFile::file).containsExactly(run.dir().resolve(Coverage.FILE));
        assertThat(SliceFixtures.rows(run.dir().resolve(Coverage.FILE), "SELECT alert_id, status FROM FILE"))
                .containsExactly(Map.of("alert_id", "partial", "status", "partial"),
                        Map.of("alert_id", "complete", "status", "complete"));
    }

    @Test
    void only_strict_coverage_writes_the_kept_column() throws IOException {
        RunWriter strictRun = RunWriter.prepare(dir.resolve("runs/run_id=strict"));
        RunWriter plainRun = RunWriter.prepare(dir.resolve("runs/run_id=plain"));

        coverage(true, alertOnDay("a", "HEJ6", 3)).write(strictRun, SliceFixtures.daily("pre2_post2", true));
        coverage(false, alertOnDay("a", "HEJ6", 3)).write(plainRun, SliceFixtures.daily("pre2_post2", false));

        assertThat(columns(strictRun)).contains("kept");
        assertThat(columns(plainRun)).doesNotContain("kept").contains("status");
    }

    private Coverage coverage(boolean strict, Alert... alerts) {
        SliceConfig config = SliceFixtures.daily("pre2_post2", strict);
        CandleBuffer candles = CandleBuffer.read(new LakeReader(lake), config, AlertWindows.of(List.of(alerts), config));
        return Coverage.of(List.of(alerts), candles, config);
    }

    private static List<Object> columns(RunWriter run) {
        return SliceFixtures.rows(run.dir().resolve(Coverage.FILE), "DESCRIBE SELECT * FROM FILE").stream()
                .map(r -> r.get("column_name")).toList();
    }
}
