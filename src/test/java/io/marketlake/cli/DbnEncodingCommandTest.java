package io.marketlake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.marketlake.DatabentoStub;
import io.marketlake.DbnResponses;
import io.marketlake.Duck;
import io.marketlake.MinuteBars;
import io.marketlake.TestResources;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DBN, the encoding marketlake asks for, end to end: the same records served by the loopback stub as DBN with zstd
 * (made by the test encoder from the bundled HE samples) and as the text they are bundled in give the same lake rows
 * and the same feature store, daily bars, minute bars and the options chain alike; a dead-lettered DBN response
 * replays from its bytes.
 */
class DbnEncodingCommandTest extends CliTestSupport {

    private static final String SAMPLES = "samples/databento/";
    private static final Map<String, String> DAILY = Map.of(
            "2026-02-13", SAMPLES + "HE.FUT-ohlcv-1d-2026-02-13-csv_raw.csv",
            "2026-02-17", SAMPLES + "HE.FUT-ohlcv-1d-2026-02-17-json_pretty.jsonl",
            "2026-02-18", SAMPLES + "HE.FUT-ohlcv-1d-2026-02-18-csv_pretty.csv",
            "2026-02-19", SAMPLES + "HE.FUT-ohlcv-1d-2026-02-19-json_raw.jsonl");
    private static final String CHAIN = SAMPLES + "HE.OPT-2026-02-17/";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The same ingests against the stub serving text, in a home of their own: the reference. */
    @TempDir
    Path textHome;

    @Test
    void daily_bars_served_as_dbn_store_the_lake_rows_and_features_the_same_bars_store_as_text() {
        for (String date : DAILY.keySet().stream().sorted().toList()) {
            databento.ok(TestResources.text(DAILY.get(date)));
            assertThat(Cli.inHome(textHome, "ingest", "futures", "--market", "HE", "--date", date).exit()).isZero();
            databento.reset();
            databento.ok(DbnResponses.bars(DAILY.get(date), date));
            assertThat(run("ingest", "futures", "--market", "HE", "--date", date)).isZero();
            assertThat(databento.requests()).singleElement().satisfies(request -> assertThat(request.form())
                    .containsEntry("encoding", "dbn").containsEntry("compression", "zstd"));
            databento.reset();
        }

        assertThat(out).contains("futures HE 2026-02-19: ").contains("0 rejected");
        List<Map<String, Object>> rows = lakeRows(home, "futures");
        assertThat(rows).hasSize(56).isEqualTo(lakeRows(textHome, "futures"));
        assertThat(rows).extracting(r -> r.get("contract_type")).contains("outright", "spread", "strategy");
        assertThat(featureRows(home)).isNotEmpty().isEqualTo(featureRows(textHome));
        assertThat(featuresAt(home, "2026-02-20T00:00:00Z")).contains("futures.close.front")
                .isEqualTo(featuresAt(textHome, "2026-02-20T00:00:00Z"));
    }

    @Test
    void minute_bars_served_as_dbn_land_in_futures_1m_as_the_same_bars_land_as_text() {
        databento.ok(MinuteBars.day());
        assertThat(Cli.inHome(textHome, "ingest", "futures", "--market", "HE", "--date", "2026-02-17", "--schema",
                "ohlcv-1m").exit()).isZero();
        databento.reset();
        databento.ok(DbnResponses.barsOf(MinuteBars.day(), "ohlcv-1m", LocalDate.parse("2026-02-17")));

        assertThat(run("ingest", "futures", "--market", "HE", "--date", "2026-02-17", "--schema", "ohlcv-1m"))
                .isZero();

        assertThat(out).contains("futures_1m HE 2026-02-17: " + MinuteBars.BARS + " rows in 1 lake file(s), 0 rejected");
        assertThat(lakeRows(home, "futures_1m")).hasSize(MinuteBars.BARS).isEqualTo(lakeRows(textHome, "futures_1m"));
        assertThat(lakeRows(home, "futures_1m")).extracting(r -> r.get("symbol")).contains("HEJ6", "HEJ6-HEK6");
        assertThat(featureRows(home)).isEmpty();
    }

    @Test
    void an_options_chain_served_as_dbn_stores_the_chain_and_features_its_text_stores() {
        databento.answer(request -> TestResources.text(chainResource(request)));
        assertThat(Cli.inHome(textHome, "ingest", "options", "--market", "HE", "--date", "2026-02-17").exit())
                .isZero();
        databento.reset();
        databento.answerBinary(request -> DbnResponses.chain(TestResources.text(chainResource(request)),
                request.form().get("schema"), instant(request.form().get("start")),
                instant(request.form().get("end"))));

        assertThat(run("ingest", "options", "--market", "HE", "--date", "2026-02-17")).isZero();

        assertThat(databento.requests()).hasSize(3).allSatisfy(request -> assertThat(request.form())
                .containsEntry("encoding", "dbn").doesNotContainKey("map_symbols"));
        assertThat(lakeRows(home, "options")).isNotEmpty().isEqualTo(lakeRows(textHome, "options"));
        assertThat(featureRows(home)).isNotEmpty().isEqualTo(featureRows(textHome));
        assertThat(featuresAt(home, "2026-02-17T20:00:00Z")).contains("options.atm_iv.front")
                .isEqualTo(featuresAt(textHome, "2026-02-17T20:00:00Z"));
    }

    @Test
    void a_dbn_response_dead_lettered_by_a_store_failure_is_kept_as_its_bytes_and_replays_from_them()
            throws IOException {
        byte[] response = DbnResponses.bars(DAILY.get("2026-02-13"), "2026-02-13");
        Path blocker = Files.writeString(Files.createDirectories(home.resolve("lake")).resolve("data_type=futures"),
                "a file where the lake needs a directory");
        databento.ok(response);
        assertThat(run("ingest", "futures", "--market", "HE", "--date", "2026-02-13")).isEqualTo(1);

        assertThat(run("dlq", "list", "--json")).isZero();
        JsonNode letter = JSON.readTree(out).get(0);
        assertThat(letter.get("payload_kind").asText()).isEqualTo("file");
        Path kept = single(filesUnder(home.resolve("dead"), "response.dbn.zst"));
        assertThat(Files.readAllBytes(kept)).as("the bytes received").isEqualTo(response);
        Files.delete(blocker);
        databento.reset();

        assertThat(run("dlq", "replay", "--all")).isZero();

        assertThat(databento.requests()).as("replayed from its bytes, Databento not asked").isEmpty();
        assertThat(out).contains("replayed, futures HE 2026-02-13: 16 rows in 1 lake file(s), 0 rejected")
                .contains("1 replayed, 0 complete already, 0 failed");
        databento.ok(TestResources.text(DAILY.get("2026-02-13")));
        assertThat(Cli.inHome(textHome, "ingest", "futures", "--market", "HE", "--date", "2026-02-13").exit())
                .isZero();
        assertThat(lakeRows(home, "futures")).isEqualTo(lakeRows(textHome, "futures"));
        assertThat(featureRows(home)).isEqualTo(featureRows(textHome));
    }

    @Test
    void a_dbn_response_of_another_schema_is_dead_lettered_and_replayed_by_asking_again_once_the_vendor_recovers()
            throws IOException {
        // DBN quotes where bars were asked for: the response is refused whole, its bytes kept, never loaded again
        byte[] quotes = DbnResponses.chain(TestResources.text(CHAIN + "mbp-1.csv"), "mbp-1",
                Instant.parse("2026-02-13T00:00:00Z"), Instant.parse("2026-02-14T00:00:00Z"));
        databento.ok(quotes);
        assertThat(run("ingest", "futures", "--market", "HE", "--date", "2026-02-13")).isEqualTo(1);
        assertThat(out).contains("MalformedPayloadException").contains("mbp-1 response where an ohlcv bar");
        assertThat(Files.readAllBytes(single(filesUnder(home.resolve("dead"), "response.dbn.zst")))).isEqualTo(quotes);
        databento.reset();
        databento.ok(DbnResponses.bars(DAILY.get("2026-02-13"), "2026-02-13"));

        assertThat(run("dlq", "replay", "--all")).isZero();

        assertThat(databento.requests()).singleElement()
                .satisfies(request -> assertThat(request.form()).containsEntry("start", "2026-02-13"));
        assertThat(out).contains("replayed, futures HE 2026-02-13: 16 rows in 1 lake file(s), 0 rejected");
    }

    private static String chainResource(DatabentoStub.Request request) {
        return CHAIN + switch (request.form().get("schema")) {
            case "definition" -> "definition.csv";
            case "statistics" -> "statistics.jsonl";
            default -> "mbp-1.csv";
        };
    }

    /** A request's start or end: a date (its UTC midnight) or an instant. */
    private static Instant instant(String text) {
        return text.length() == 10 ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant()
                : Instant.parse(text);
    }

    /** Every lake row of a data type as DuckDB reads it, without what differs from one ingest to the next. */
    private static List<Map<String, Object>> lakeRows(Path home, String dataType) {
        return Duck.query(home.resolve("lake"), "SELECT * EXCLUDE (batch_id, ingested_at) FROM LAKE WHERE data_type = '"
                + dataType + "' ORDER BY ALL");
    }

    /** Every feature row, without when it was recorded. */
    private static List<List<Object>> featureRows(Path home) {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + home.resolve("features.db"));
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT market, feature_name, as_of, available_at, value,"
                        + " quality FROM features ORDER BY 1, 2, 3, 4")) {
            List<List<Object>> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(List.of(rs.getString(1), rs.getString(2), rs.getObject(3), rs.getObject(4),
                        String.valueOf(rs.getObject(5)), rs.getString(6)));
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String featuresAt(Path home, String time) {
        Cli.Run run = Cli.inHome(home, "features", "at", "--market", "HE", "--time", time, "--json");
        assertThat(run.exit()).isZero();
        return run.out();
    }

    private static List<Path> filesUnder(Path root, String suffix) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.getFileName().toString().endsWith(suffix)).toList();
        }
    }

    private static <T> T single(List<T> items) {
        assertThat(items).hasSize(1);
        return items.get(0);
    }
}
