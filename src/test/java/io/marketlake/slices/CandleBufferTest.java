package io.marketlake.slices;

import static io.marketlake.slices.SliceFixtures.alertOnDay;
import static io.marketlake.slices.SliceFixtures.dailyBars;
import static io.marketlake.slices.SliceFixtures.day;
import static io.marketlake.slices.SliceFixtures.micros;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.marketlake.lake.LakeReader;
import io.marketlake.lake.TestLake;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CandleBufferTest {

    private static final SliceConfig PRE1_POST1 = SliceFixtures.daily("pre1_post1", false);

    @TempDir
    Path lake;

    @Test
    void only_the_candles_a_window_covers_are_held_in_time_order() {
        dailyBars(lake, "HEJ6", 0, 1, 2, 3, 4, 5, 6, 7, 8, 9);

        CandleBuffer candles = read(PRE1_POST1, alertOnDay("a", "HEJ6", 5));

        assertThat(times(candles.of("HEJ6"))).containsExactly(micros(day(4)), micros(day(5)), micros(day(6)));
    }

    @Test
    void a_symbol_no_alert_names_has_no_candles() {
        dailyBars(lake, List.of("HEJ6", "HEK6"), 4, 5, 6);

        CandleBuffer candles = read(PRE1_POST1, alertOnDay("a", "HEJ6", 5));

        assertThat(candles.of("HEK6").size()).isZero();
    }

    @Test
    void the_lake_files_the_candles_came_from_are_listed() throws IOException {
        dailyBars(lake, "HEJ6", 4, 5, 6);

        CandleBuffer candles = read(PRE1_POST1, alertOnDay("a", "HEJ6", 5));

        assertThat(candles.files()).isNotEmpty().containsExactlyInAnyOrderElementsOf(parquetFiles());
    }

    @Test
    void without_alerts_no_lake_file_is_read() {
        dailyBars(lake, "HEJ6", 4, 5, 6);

        CandleBuffer candles = read(PRE1_POST1);

        assertThat(candles.files()).isEmpty();
    }

    @Test
    void a_bar_off_the_intervals_boundaries_is_refused_as_not_of_that_interval() {
        TestLake.writeBars(lake, "futures", "HE",
                List.of(SliceFixtures.bar(Instant.parse("2026-03-02T12:30:00Z"), "HEJ6", 1)));
        SliceConfig hourly = SliceFixtures.config("1h", "pre1_post1", false, Path.of("alerts.csv"));

        assertThatThrownBy(() -> read(hourly, new Alert("a", "HEJ6", Instant.parse("2026-03-02T12:45:00Z"))))
                .isInstanceOf(SliceConfigException.class)
                .hasMessageContaining("holds a bar at 2026-03-02T12:30:00Z that is not on a 1h boundary");
    }

    @Test
    void candles_added_out_of_order_are_held_by_time_and_a_repeated_time_once() {
        CandleBuffer.Candles candles = new CandleBuffer.Candles();
        for (int i = 40; i >= 1; i--) {
            add(candles, i);
        }
        add(candles, 7);

        candles.seal();

        assertThat(times(candles)).containsExactlyElementsOf(Stream.iterate(1L, i -> i + 1).limit(40).toList());
        for (int i = 0; i < candles.size(); i++) {
            assertThat(candles.close(i)).as("its own close").isEqualTo((double) candles.ts(i));
        }
    }

    @Test
    void a_range_counts_its_candles_from_its_start_up_to_its_end() {
        CandleBuffer.Candles candles = new CandleBuffer.Candles();
        for (long ts : new long[] {10, 20, 30, 40}) {
            add(candles, ts);
        }
        candles.seal();

        assertThat(candles.count(20, 40)).isEqualTo(2);
        assertThat(candles.first(15, 40)).isEqualTo(20L);
        assertThat(candles.last(15, 40)).isEqualTo(30L);
        assertThat(candles.first(31, 40)).isNull();
        assertThat(candles.last(31, 40)).isNull();
    }

    private CandleBuffer read(SliceConfig config, Alert... alerts) {
        return CandleBuffer.read(new LakeReader(lake), config, AlertWindows.of(List.of(alerts), config));
    }

    private List<Path> parquetFiles() throws IOException {
        try (Stream<Path> files = Files.walk(lake)) {
            return files.filter(f -> f.toString().endsWith(".parquet")).toList();
        }
    }

    private static List<Long> times(CandleBuffer.Candles candles) {
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < candles.size(); i++) {
            times.add(candles.ts(i));
        }
        return times;
    }

    /** A candle at {@code ts} whose prices are all {@code ts}. */
    private static void add(CandleBuffer.Candles candles, long ts) {
        candles.add(ts, ts, ts, ts, ts, 1L);
    }
}
