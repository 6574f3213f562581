package io.marketlake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketlake.Duck;
import io.marketlake.MinuteBars;
import io.marketlake.TestResources;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Intraday bars end to end: {@code ingest|backfill futures --schema ohlcv-1m} against the loopback stub serving
 * Databento's ohlcv-1m encodings, the bars read back by DuckDB, and a slices export over them.
 */
class IntradayBarsCommandTest extends CliTestSupport {

    private static final String ESH1 = "databento/intraday/databento_DERIVED_ohlcv-1m_ESH1_";

    @ParameterizedTest
    @ValueSource(strings = {"csv_raw.csv", "csv_pretty_mapped.csv", "json_raw.jsonl", "json_pretty_mapped.jsonl"})
    void every_minute_bar_of_each_encoding_lands_in_futures_1m_and_none_in_the_features(String encoding) {
        databento.ok(TestResources.text(ESH1 + encoding));

        assertThat(run("ingest", "futures", "--market", "HE", "--date", "2020-12-28", "--schema", "ohlcv-1m"))
                .isZero();

        assertThat(databento.requests()).singleElement().satisfies(request -> assertThat(request.form())
                .containsEntry("schema", "ohlcv-1m").containsEntry("symbols", "HE.FUT")
                .containsEntry("start", "2020-12-28").containsEntry("end", "2020-12-29"));
        assertThat(out).contains("futures_1m HE 2020-12-28: 4 rows in 1 lake file(s), 0 rejected");
        // the bars exactly as DBN holds them (test_data.ohlcv-1m.dbn.zst)
        assertThat(Duck.query(home.resolve("lake"), "SELECT data_type, epoch(ts_event)::BIGINT AS t, instrument_id,"
                + " open, high, low, close, volume FROM LAKE ORDER BY ts_event")).containsExactly(
                bar(1609113600L, 3702.75, 3704.75, 3702.5, 3704.75, 306),
                bar(1609113660L, 3704.75, 3705.0, 3704.0, 3704.0, 214),
                bar(1609113720L, 3704.25, 3704.75, 3704.0, 3704.5, 192),
                bar(1609113780L, 3704.5, 3704.5, 3703.0, 3703.0, 158));
        assertThat(run("features", "at", "--market", "HE", "--time", "2020-12-29T00:00:00Z", "--json")).isZero();
        assertThat(out).doesNotContain("futures.close");
    }

    @Test
    void a_slices_export_over_minute_bars_yields_the_coverage_the_bars_hold() throws Exception {
        databento.ok(MinuteBars.day());
        assertThat(run("ingest", "futures", "--market", "HE", "--date", "2026-02-17", "--schema", "ohlcv-1m"))
                .isZero();
        assertThat(out).contains("futures_1m HE 2026-02-17: 75 rows");
        Files.writeString(home.resolve("alerts.csv"), """
                alert_id,symbol,ts
                middle,HEJ6,2026-02-17T14:45:30Z
                after_gap,HEJ6,2026-02-17T15:10:00Z
                in_gap,HEJ6,2026-02-17T15:02:10Z
                near_end,HEJ6,2026-02-17T15:27:00Z
                spread,HEJ6-HEK6,2026-02-17T14:36:00Z
                """);
        Files.writeString(home.resolve("run.json"), """
                {"run_id": "minutes", "alerts": "alerts.csv", "data_type": "futures_1m", "market": "HE",
                 "interval": "1m", "window": "pre5_post5"}
                """);

        assertThat(run("slices", "export", "--config", home.resolve("run.json").toString())).isZero();
        assertThat(err.lines().filter(line -> line.startsWith("slices export "))).containsExactly(
                "slices export 1/5 alerts 5 read", "slices export 2/5 candles from 1 lake files",
                "slices export 3/5 coverage 5 of 5 alerts kept", "slices export 4/5 slices 42 candles written",
                "slices export 5/5 manifest run sealed");

        Path coverage = home.resolve("runs/run_id=minutes/outputs/coverage.parquet");
        Map<String, String> byAlert = Duck.query(home, "SELECT alert_id, status, available_pre, available_total FROM '"
                        + coverage + "'").stream()
                .collect(Collectors.toMap(r -> (String) r.get("alert_id"),
                        r -> r.get("status") + " " + r.get("available_pre") + "/" + r.get("available_total")));
        assertThat(byAlert).containsExactlyInAnyOrderEntriesOf(Map.of(
                "middle", "complete 5/11",        // 14:40..14:50 all there
                "after_gap", "complete 5/11",     // 15:05..15:15
                "in_gap", "insufficient 3/6",     // 14:57..15:07 without 15:00..15:04
                "near_end", "partial 5/8",        // the bars end at 15:29
                "spread", "partial 5/9"));        // the spread's bars run 14:30..14:39
        Path candles = home.resolve("runs/run_id=minutes/slices/ohlcv/interval=1m/window=pre5_post5");
        assertThat(Duck.query(home, "SELECT count(*) AS n, min(close) AS lowest FROM '" + candles
                + "/**/*.parquet' WHERE symbol = 'HEJ6-HEK6'")).singleElement()
                .satisfies(row -> assertThat(row).containsEntry("n", 9L).containsEntry("lowest", -5.45));
        assertThat(run("slices", "verify", home.resolve("runs/run_id=minutes").toString())).isZero();
    }

    @Test
    void each_schema_is_a_backfill_of_its_own() {
        String minutes = MinuteBars.day();
        databento.answer(request -> request.form().get("schema").equals("ohlcv-1m") ? minutes
                : TestResources.text("samples/databento/HE.FUT-ohlcv-1d-2026-02-17-json_pretty.jsonl"));

        assertThat(run("backfill", "futures", "--market", "HE", "--from", "2026-02-17", "--to", "2026-02-17",
                "--schema", "ohlcv-1m")).isZero();
        assertThat(run("backfill", "futures", "--market", "HE", "--from", "2026-02-17", "--to", "2026-02-17",
                "--schema", "ohlcv-1m")).isZero();
        assertThat(out).contains("1 complete already");
        // the minute bars completed the date for themselves only: the daily bars are still asked for
        assertThat(run("backfill", "futures", "--market", "HE", "--from", "2026-02-17", "--to", "2026-02-17"))
                .isZero();

        assertThat(databento.requests()).extracting(r -> r.form().get("schema")).containsExactly("ohlcv-1m", "ohlcv-1d");
        assertThat(Duck.query(home.resolve("lake"), "SELECT data_type, count(*) AS n FROM LAKE GROUP BY ALL"
                + " ORDER BY data_type")).containsExactly(Map.of("data_type", "futures", "n", 13L),
                Map.of("data_type", "futures_1m", "n", 75L));
    }

    @Test
    void a_response_cut_short_lands_what_it_holds_and_the_next_backfill_asks_again_without_doubling() throws Exception {
        String day = MinuteBars.day();
        databento.ok(day.substring(0, day.indexOf('\n', day.length() / 2) + 20));

        assertThat(run("backfill", "futures", "--market", "HE", "--from", "2026-02-17", "--to", "2026-02-17",
                "--schema", "ohlcv-1m")).isEqualTo(1);
        assertThat(out).contains("1 rejected");
        // streamed through a landing file, which is gone once the batch is stored
        try (var landed = Files.walk(home.resolve("landing"))) {
            assertThat(landed.filter(Files::isRegularFile)).isEmpty();
        }

        databento.ok(day);
        assertThat(run("backfill", "futures", "--market", "HE", "--from", "2026-02-17", "--to", "2026-02-17",
                "--schema", "ohlcv-1m")).isZero();
        assertThat(databento.requests()).hasSize(2);
        assertThat(run("lake", "read", "--type", "futures_1m", "--market", "HE", "--csv")).isZero();
        assertThat(out.lines().skip(1).count()).isEqualTo(75);
        assertThat(out.lines().skip(1).distinct().count()).isEqualTo(75);
    }

    @Test
    void an_unknown_schema_is_a_usage_error_before_any_request() {
        assertThat(run("ingest", "futures", "--market", "HE", "--date", "2026-02-17", "--schema", "ohlcv-5m"))
                .isEqualTo(2);

        assertThat(err).contains("unknown bar schema 'ohlcv-5m'").contains("ohlcv-1m").doesNotContain("Exception");
        assertThat(databento.requests()).isEmpty();
    }

    private static Map<String, Object> bar(long epoch, double open, double high, double low, double close, long volume) {
        return Map.of("data_type", "futures_1m", "t", epoch, "instrument_id", 5482L, "open", open, "high", high,
                "low", low, "close", close, "volume", volume);
    }
}
