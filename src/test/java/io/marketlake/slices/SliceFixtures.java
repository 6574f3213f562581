package io.marketlake.slices;

import io.marketlake.Duck;
import io.marketlake.databento.ContractType;
import io.marketlake.databento.OhlcvBar;
import io.marketlake.lake.LakeColumns;
import io.marketlake.lake.TestLake;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Small inputs for the tests of the slice exporter's parts: daily bars at midnight UTC counted in days from
 * {@link #DAY_0}, each bar's close its day number, and configs over them.
 */
final class SliceFixtures {

    static final Instant DAY_0 = Instant.parse("2026-03-02T00:00:00Z");

    private SliceFixtures() {
    }

    /** A config of the futures of HE with these interval and window, the thresholds at their defaults. */
    static SliceConfig config(String interval, String window, boolean strict, Path alerts) {
        Window parsed = Window.parse(window);
        return new SliceConfig(null, alerts, "futures", "HE", Interval.parse(interval), parsed, "zstd", strict,
                parsed.pre(), parsed.size());
    }

    static SliceConfig daily(String window, boolean strict) {
        return config("1d", window, strict, Path.of("alerts.csv"));
    }

    static void dailyBars(Path lake, String symbol, int... days) {
        dailyBars(lake, List.of(symbol), days);
    }

    /**
     * One batch of daily bars of these symbols on these days: one batch, as the lake answers only the newest
     * batch of each trading date.
     */
    static void dailyBars(Path lake, List<String> symbols, int... days) {
        List<OhlcvBar> bars = new ArrayList<>();
        for (String symbol : symbols) {
            for (int day : days) {
                bars.add(bar(day(day), symbol, day));
            }
        }
        TestLake.writeBars(lake, "futures", "HE", bars);
    }

    static OhlcvBar bar(Instant open, String symbol, double close) {
        return new OhlcvBar(open, 35, 1, Math.abs(symbol.hashCode()), symbol, ContractType.OUTRIGHT, close, close + 1,
                close - 1, close, 10, "");
    }

    /** An alert at noon of a day. */
    static Alert alertOnDay(String id, String symbol, int day) {
        return new Alert(id, symbol, day(day).plus(Duration.ofHours(12)));
    }

    static Instant day(int day) {
        return DAY_0.plus(Duration.ofDays(day));
    }

    static long micros(Instant instant) {
        return LakeColumns.micros(instant);
    }

    static long micros(String instant) {
        return micros(Instant.parse(instant));
    }

    /** Rows of a query over one Parquet file, {@code FILE} standing for it. */
    static List<Map<String, Object>> rows(Path file, String sql) {
        return Duck.query(file.getParent(), sql.replace("FILE", "read_parquet('" + file + "')"));
    }
}
