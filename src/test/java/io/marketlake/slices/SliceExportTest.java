package io.marketlake.slices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.marketlake.ConfigurationException;
import io.marketlake.Markets;
import io.marketlake.RouteTestSupport;
import io.marketlake.databento.ContractType;
import io.marketlake.databento.OhlcvBar;
import io.marketlake.ingest.IngestProperties;
import io.marketlake.lake.TestLake;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Slices of a small lake of known daily candles: HEJ6 has a bar every weekday of February 2026 (close = day of
 * month), HEK6 only from the 23rd. Windows are pre2_post2 of 1d: calendar days, so weekends make gaps.
 */
class SliceExportTest extends RouteTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeEach
    void lakeOfKnownCandles() {
        for (LocalDate day = LocalDate.of(2026, 2, 2); !day.isAfter(LocalDate.of(2026, 2, 27)); day = day.plusDays(1)) {
            if (day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY) {
                continue;
            }
            StringBuilder csv = new StringBuilder("ts_event,rtype,publisher_id,instrument_id,open,high,low,close,volume,symbol\n");
            bar(csv, day, 1, "HEJ6");
            if (day.getDayOfMonth() >= 23) {
                bar(csv, day, 2, "HEK6");
            }
            LocalDate date = day;
            template.send("direct:futures-load", e -> {
                e.setProperty(IngestProperties.MARKET, "HE");
                e.setProperty(IngestProperties.DATE, date.toString());
                e.getMessage().setBody(csv.toString());
            });
        }
    }

    @Test
    void a_golden_run_has_complete_partial_and_insufficient_alerts_and_each_candle_once() throws Exception {
        Path run = export(config("golden", false));

        Map<String, String> status = rows(run, "outputs/coverage.parquet", "SELECT alert_id, status FROM {T}").stream()
                .collect(Collectors.toMap(r -> (String) r.get("alert_id"), r -> (String) r.get("status")));
        assertThat(status).containsExactlyInAnyOrderEntriesOf(Map.of(
                "full", "complete",          // Wed 18th: Mon 16, Tue 17 | Wed 18, Thu 19, Fri 20
                "overlap", "partial",         // Thu 19th: Tue 17, Wed 18 | Thu 19, Fri 20, (Sat 21)
                "end", "partial",             // Thu 26th: Tue 24, Wed 25 | Thu 26, Fri 27, (Sat 28)
                "monday", "insufficient",     // Mon 9th: (Sat 7, Sun 8) before
                "new", "insufficient",        // HEK6 Tue 24th: (Sun 22) Mon 23 before: 1 of 2
                "nodata", "insufficient"));   // no candle of HEZ9 at all
        List<Map<String, Object>> coverage = rows(run, "outputs/coverage.parquet",
                "SELECT available_pre, available_post, available_total, epoch(first_ts) AS f, epoch(last_ts) AS l"
                        + " FROM {T} WHERE alert_id = 'full'");
        assertThat(coverage.get(0)).containsEntry("available_pre", 2).containsEntry("available_post", 3)
                .containsEntry("available_total", 5)
                .containsEntry("f", (double) epoch(LocalDate.of(2026, 2, 16)))
                .containsEntry("l", (double) epoch(LocalDate.of(2026, 2, 20)));

        List<Map<String, Object>> candles = rows(run, "slices", "SELECT symbol, day(ts) AS d, close FROM {T}");
        // HEJ6: 9-11 (monday), 16-20 (full, overlap), 24-27 (end); HEK6: 23-26 (new): each once, ordered by
        // symbol and time within their bucket files (read in bucket order)
        List<String> hej6 = List.of("HEJ6 9", "HEJ6 10", "HEJ6 11", "HEJ6 16", "HEJ6 17", "HEJ6 18", "HEJ6 19",
                "HEJ6 20", "HEJ6 24", "HEJ6 25", "HEJ6 26", "HEJ6 27");
        List<String> hek6 = List.of("HEK6 23", "HEK6 24", "HEK6 25", "HEK6 26");
        List<String> expected = new java.util.ArrayList<>();
        boolean hek6First = Hashes.bucket("HEK6").compareTo(Hashes.bucket("HEJ6")) < 0;
        expected.addAll(hek6First ? hek6 : hej6);
        expected.addAll(hek6First ? hej6 : hek6);
        assertThat(candles).extracting(r -> r.get("symbol") + " " + r.get("d")).containsExactlyElementsOf(expected);
        assertThat(candles).allSatisfy(r -> assertThat(((Number) r.get("close")).doubleValue())
                .isEqualTo(((Number) r.get("d")).doubleValue() + (r.get("symbol").equals("HEK6") ? 100 : 0)));
        assertThat(run.resolve("slices/ohlcv/interval=1d/window=pre2_post2/bucket=" + Hashes.bucket("HEJ6")
                + "/part-0000.parquet")).exists();

        JsonNode manifest = JSON.readTree(run.resolve("manifest.json").toFile());
        assertThat(manifest.get("sealed").asBoolean()).isTrue();
        assertThat(manifest.get("coverage").get("complete").asInt()).isEqualTo(1);
        assertThat(manifest.get("coverage").get("partial").asInt()).isEqualTo(2);
        assertThat(manifest.get("coverage").get("insufficient").asInt()).isEqualTo(3);
        assertThat(manifest.get("inputs").get("alerts").get("rows").asInt()).isEqualTo(6);
        assertThat(manifest.get("lake").get("files")).hasSizeGreaterThan(0)
                .allSatisfy(f -> assertThat(lake().resolve(f.get("path").asText())).exists());
        assertThat(manifest.get("outputs")).anySatisfy(o -> assertThat(o.get("path").asText())
                .isEqualTo("outputs/coverage.parquet"));
        assertThat(SliceVerifier.verify(run).ok()).isTrue();
    }

    @Test
    void strict_coverage_keeps_only_complete_alerts_and_counts_the_rest() throws Exception {
        Path run = export(config("strict", true));

        assertThat(rows(run, "outputs/coverage.parquet", "SELECT alert_id, kept FROM {T}")).allSatisfy(r ->
                assertThat(r.get("kept")).isEqualTo(r.get("alert_id").equals("full")));
        assertThat(rows(run, "slices", "SELECT day(ts) AS d FROM {T}")).extracting(r -> r.get("d"))
                .containsExactly(16L, 17L, 18L, 19L, 20L);
        JsonNode manifest = JSON.readTree(run.resolve("manifest.json").toFile());
        assertThat(manifest.get("coverage").get("kept").asInt()).isEqualTo(1);
        assertThat(manifest.get("coverage").get("dropped").asInt()).isEqualTo(5);
    }

    @Test
    void the_same_config_over_the_same_lake_gives_the_same_bytes() throws Exception {
        Path config = config(null, false);
        Path first = export(config);
        // a second home holding a copy of the same lake
        Path otherHome = Files.createTempDirectory("marketlake-other-");
        copy(lake(), otherHome.resolve("lake"));
        Path second = new SliceExporter(new io.marketlake.lake.LakeReader(otherHome.resolve("lake")),
                otherHome.resolve("runs"), context.getRegistry().lookupByNameAndType("markets", Markets.class))
                .export(config);

        assertThat(second.getFileName()).isEqualTo(first.getFileName());
        assertThat(first.getFileName().toString()).startsWith("run_id=run-");
        List<Path> files = files(first);
        assertThat(files).hasSizeGreaterThan(3).isEqualTo(files(second));
        for (Path file : files) {
            assertThat(Files.readAllBytes(second.resolve(file))).as(file.toString())
                    .isEqualTo(Files.readAllBytes(first.resolve(file)));
        }
    }

    @Test
    void verify_catches_a_tampered_file_an_extra_file_and_a_missing_manifest() throws Exception {
        Path run = export(config("tamper", false));
        Path slice = Files.walk(run.resolve("slices")).filter(Files::isRegularFile).findFirst().orElseThrow();
        byte[] bytes = Files.readAllBytes(slice);
        bytes[bytes.length / 2] ^= 1;
        Files.write(slice, bytes);
        Files.writeString(run.resolve("outputs/extra.txt"), "x");

        SliceVerifier.Verification tampered = SliceVerifier.verify(run);
        assertThat(tampered.ok()).isFalse();
        assertThat(tampered.problems()).anyMatch(p -> p.startsWith("changed: slices/"))
                .anyMatch(p -> p.contains("not in the manifest: outputs/extra.txt"));

        Files.delete(run.resolve("manifest.json"));
        SliceVerifier.Verification unfinished = SliceVerifier.verify(run);
        assertThat(unfinished.sealed()).isFalse();
        assertThat(unfinished.problems()).singleElement().asString().startsWith("unfinished");
    }

    @Test
    void a_sealed_run_is_never_overwritten_and_an_unfinished_one_is_replaced() throws Exception {
        Path config = config("once", false);
        Path run = export(config);
        byte[] manifest = Files.readAllBytes(run.resolve("manifest.json"));

        assertThatThrownBy(() -> export(config)).isInstanceOf(SliceRunSealedException.class)
                .hasMessageContaining("run_id=once is sealed");
        assertThat(Files.readAllBytes(run.resolve("manifest.json"))).isEqualTo(manifest);

        Files.delete(run.resolve("manifest.json"));
        Files.writeString(run.resolve("leftover.tmp"), "half");
        assertThat(export(config)).isEqualTo(run);
        assertThat(SliceVerifier.verify(run).ok()).isTrue();
        assertThat(run.resolve("leftover.tmp")).doesNotExist();
    }

    @Test
    void configs_dropped_in_the_inbox_are_exported_and_bad_ones_dead_lettered() throws Exception {
        Path inbox = Files.createDirectories(home.resolve("inbox/slices"));
        writeAlerts(inbox.resolve("alerts.csv"));
        Files.writeString(inbox.resolve("good.json"), """
                {"run_id": "dropped", "alerts": "alerts.csv", "data_type": "futures", "market": "HE",
                 "interval": "1d", "window": "pre2_post2"}""");
        Files.writeString(inbox.resolve("bad.json"), """
                {"alerts": "alerts.csv", "data_type": "futures", "market": "HE", "interval": "1d", "window": "2/2"}""");

        context.getRouteController().startRoute("slices-inbox");

        Awaitility.await().until(() -> Files.exists(inbox.resolve(".done/good.json"))
                && Files.exists(inbox.resolve(".failed/bad.json")));
        assertThat(SliceVerifier.verify(home.resolve("runs/run_id=dropped")).ok()).isTrue();
        List<Path> letters = filesUnder("dead/slices", "-failed.json");
        assertThat(letters).hasSize(1);
        JsonNode letter = JSON.readTree(read(letters.get(0)));
        assertThat(letter.get("reason").asText()).contains("window must be like pre20_post10");
        assertThat(letter.get("payload").asText()).contains("\"window\": \"2/2\"");
    }

    @Test
    void an_unknown_market_is_a_config_error_and_writes_nothing() throws Exception {
        Path config = config("zz", false);
        Files.writeString(config, Files.readString(config).replace("\"HE\"", "\"ZZ\""));
        List<Path> before = everythingUnder(home);

        assertThatThrownBy(() -> export(config)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("unknown market \"ZZ\"; configured markets: HE");
        assertThat(everythingUnder(home)).isEqualTo(before);
    }

    @Test
    void an_unknown_data_type_is_a_config_error_and_writes_nothing() throws Exception {
        Path config = config("bars", false);
        Files.writeString(config, Files.readString(config).replace("\"futures\"", "\"bars\""));
        List<Path> before = everythingUnder(home);

        assertThatThrownBy(() -> export(config)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("unknown data_type \"bars\"");
        assertThat(everythingUnder(home)).isEqualTo(before);
    }

    /** A benchmark writes minute bars as their own data type, which has no table of its own. */
    @Test
    void a_data_type_the_lake_holds_without_a_table_is_exported() throws Exception {
        List<OhlcvBar> bars = new ArrayList<>();
        for (int minute = 0; minute < 10; minute++) {
            bars.add(new OhlcvBar(Instant.parse("2026-02-18T15:25:00Z").plus(Duration.ofMinutes(minute)), 33, 1, 1,
                    "HEJ6", ContractType.OUTRIGHT, 90.0, 91.0, 89.0, 90.5 + minute, 5, ""));
        }
        TestLake.writeBars(lake(), "futures_1m", "HE", bars);
        Path config = config("minutes", false);
        Files.writeString(config, Files.readString(config).replace("\"futures\"", "\"futures_1m\"")
                .replace("\"1d\"", "\"1m\""));

        Path run = export(config);

        assertThat(SliceVerifier.verify(run).ok()).isTrue();
        assertThat(rows(run, "outputs/coverage.parquet", "SELECT status FROM {T} WHERE alert_id = 'full'"))
                .extracting(r -> r.get("status")).containsExactly("complete");
        assertThat(rows(run, "slices", "SELECT minute(ts) AS m FROM {T}")).extracting(r -> r.get("m"))
                .containsExactly(28L, 29L, 30L, 31L, 32L);
    }

    /**
     * A run_id that would name a place outside the run's directory, or that the old trimming would have turned
     * into another run's name, is refused before anything is created.
     */
    @ParameterizedTest
    @ValueSource(strings = {"x/../../escaped", "..", " padded", "padded\u0000", "%2e%2e%2fescaped", "a\\b"})
    void a_hostile_run_id_writes_nothing_under_home(String runId) throws Exception {
        Path config = config("hostile", false);
        Files.writeString(config, Files.readString(config).replace("\"hostile\"",
                new ObjectMapper().writeValueAsString(runId)));
        List<Path> before = everythingUnder(home);

        assertThatThrownBy(() -> export(config)).isInstanceOf(SliceConfigException.class)
                .hasMessageContaining("run_id");
        assertThat(everythingUnder(home)).isEqualTo(before);
    }

    private static List<Path> everythingUnder(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            return paths.sorted().toList();
        }
    }

    private Path export(Path config) {
        return context.getRegistry().lookupByNameAndType("sliceExporter", SliceExporter.class).export(config);
    }

    private Path config(String runId, boolean strict) throws IOException {
        Path dir = Files.createDirectories(home.resolve("configs"));
        writeAlerts(dir.resolve("alerts.csv"));
        Path config = dir.resolve((runId == null ? "derived" : runId) + ".json");
        Files.writeString(config, "{" + (runId == null ? "" : "\"run_id\": \"" + runId + "\", ")
                + "\"alerts\": \"alerts.csv\", \"data_type\": \"futures\", \"market\": \"HE\", \"interval\": \"1d\","
                + " \"window\": \"pre2_post2\", \"compression\": \"zstd\", \"strict_coverage\": " + strict + "}");
        return config;
    }

    private static void writeAlerts(Path file) throws IOException {
        Files.writeString(file, """
                alert_id,symbol,ts
                full,HEJ6,2026-02-18T15:30:00Z
                overlap,HEJ6,1771515000
                end,HEJ6,1772119800000
                monday,HEJ6,2026-02-09T09:00:00-06:00
                new,HEK6,2026-02-24T16:00:00Z
                nodata,HEZ9,2026-02-18T15:30:00Z
                """);
    }

    private static void bar(StringBuilder csv, LocalDate day, int instrument, String symbol) {
        long open = epoch(day) * 1_000_000_000L;
        long close = (day.getDayOfMonth() + (symbol.equals("HEK6") ? 100L : 0L)) * 1_000_000_000L;
        csv.append(open).append(",35,1,").append(instrument).append(',').append(close).append(',')
                .append(close + 500_000_000L).append(',').append(close - 500_000_000L).append(',').append(close)
                .append(",10,").append(symbol).append('\n');
    }

    private static long epoch(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toEpochSecond();
    }

    /** DuckDB over the run's Parquet: {@code {T}} is the file or the directory's files. */
    private static List<Map<String, Object>> rows(Path run, String relative, String sql) {
        Path target = run.resolve(relative);
        String source = Files.isDirectory(target) ? target + "/**/*.parquet" : target.toString();
        return io.marketlake.Duck.query(run, sql.replace("{T}", "read_parquet('" + source + "')"))
                .stream().toList();
    }

    private static List<Path> files(Path run) throws IOException {
        try (Stream<Path> files = Files.walk(run)) {
            return files.filter(Files::isRegularFile).map(run::relativize).sorted().toList();
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
    }
}
