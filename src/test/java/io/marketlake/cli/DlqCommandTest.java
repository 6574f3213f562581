package io.marketlake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.marketlake.TestResources;
import io.marketlake.cot.CftcFiles;
import io.marketlake.lake.LakeReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code marketlake dlq list|replay} as a user types it, in process, against Databento and the CFTC on loopback
 * stubs (-D overrides, see CliTestSupport): letters written by real failed ingests, replayed through the routes.
 */
class DlqCommandTest extends CliTestSupport {

    private static final String FRI_13 = "samples/databento/HE.FUT-ohlcv-1d-2026-02-13-csv_raw.csv";
    private static final String HTML = "<html><body><h1>502 Bad Gateway</h1></body></html>\n";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void a_date_dead_lettered_by_a_malformed_response_lands_once_when_replayed_after_the_vendor_recovers() {
        databento.ok(HTML);
        assertThat(run("ingest", "futures", "--market", "HE", "--date", "2026-02-13")).isEqualTo(1);
        databento.reset();
        databento.ok(TestResources.text(FRI_13));

        assertThat(run("dlq", "replay", "--all")).isZero();

        assertThat(databento.requests()).singleElement()
                .satisfies(request -> assertThat(request.form()).containsEntry("start", "2026-02-13"));
        assertThat(out).contains("replayed, futures HE 2026-02-13: 16 rows in 1 lake file(s), 0 rejected")
                .contains("1 replayed, 0 complete already, 0 failed");
        assertThat(lakeRowsOfEveryVersion()).isEqualTo(16);
        assertThat(featureRows()).isPositive();
        assertThat(waitingLetters()).isEmpty();
        assertThat(letters(".replayed")).hasSize(1);
    }

    @Test
    void a_letter_holding_a_good_response_replays_it_without_asking_the_vendor() throws IOException {
        Path blocker = Files.writeString(Files.createDirectories(home.resolve("lake")).resolve("data_type=futures"),
                "a file where the lake needs a directory");
        databento.ok(TestResources.text(FRI_13));
        assertThat(run("ingest", "futures", "--market", "HE", "--date", "2026-02-13")).isEqualTo(1);
        Files.delete(blocker);
        databento.reset();

        assertThat(run("dlq", "replay", "--all")).isZero();

        assertThat(databento.requests()).isEmpty();
        assertThat(out).contains("replayed, futures HE 2026-02-13: 16 rows in 1 lake file(s)");
        assertThat(lakeRowsOfEveryVersion()).isEqualTo(16);
        assertThat(featureRows()).isPositive();
    }

    @Test
    void replaying_a_letter_twice_adds_nothing_to_either_store() {
        for (int i = 0; i < 4; i++) {
            databento.error(503, "Service Unavailable", Map.of());
        }
        run("ingest", "futures", "--market", "HE", "--date", "2026-02-13");
        String id = single(waitingLetters());
        databento.reset();
        databento.ok(TestResources.text(FRI_13));
        assertThat(run("dlq", "replay", "--id", id)).isZero();
        long lakeRows = lakeRowsOfEveryVersion();
        long featureRows = featureRows();
        databento.reset();

        assertThat(run("dlq", "replay", "--id", id)).isZero();
        assertThat(out).contains(id + ": replayed already");
        assertThat(run("dlq", "replay", "--all")).isZero();
        assertThat(out).contains("no waiting dead letters");

        assertThat(databento.requests()).isEmpty();
        assertThat(lakeRowsOfEveryVersion()).isEqualTo(lakeRows).isEqualTo(16);
        assertThat(featureRows()).isEqualTo(featureRows);
    }

    @Test
    void a_second_letter_of_a_date_the_first_replay_completed_is_complete_already_and_asks_nothing() {
        databento.ok(HTML).ok(HTML);
        run("ingest", "futures", "--market", "HE", "--date", "2026-02-13");
        run("ingest", "futures", "--market", "HE", "--date", "2026-02-13");
        assertThat(waitingLetters()).hasSize(2);
        databento.reset();
        databento.ok(TestResources.text(FRI_13));

        assertThat(run("dlq", "replay", "--all")).isZero();

        assertThat(out).contains("futures HE 2026-02-13: complete already")
                .contains("1 replayed, 1 complete already, 0 failed");
        assertThat(databento.requests()).hasSize(1);
        assertThat(lakeRowsOfEveryVersion()).isEqualTo(16);
        assertThat(waitingLetters()).isEmpty();
    }

    @Test
    void a_replay_that_fails_again_keeps_the_letter_in_place_superseded_by_the_new_one() throws IOException {
        databento.ok(HTML);
        run("ingest", "futures", "--market", "HE", "--date", "2026-02-13");
        String first = single(waitingLetters());
        databento.reset();
        databento.ok(HTML);

        assertThat(run("dlq", "replay", "--all")).isEqualTo(1);

        assertThat(out).contains(first + ": futures HE 2026-02-13: FAILED again: MalformedPayloadException")
                .contains("0 replayed, 0 complete already, 1 failed");
        assertThat(run("dlq", "list", "--json")).isZero();
        String second = single(JSON.readTree(out).findValuesAsText("id"));
        assertThat(second).isNotEqualTo(first);
        assertThat(letter("", first).get("superseded_by").asText()).isEqualTo(second);
        assertThat(letter("", second).get("replay_of").asText()).isEqualTo(first);
        databento.reset();
        databento.ok(TestResources.text(FRI_13));
        assertThat(run("dlq", "replay", "--all")).isZero();
        assertThat(out).contains("1 replayed, 0 complete already, 0 failed");
        assertThat(letters(".replayed")).containsExactlyInAnyOrder(first, second);
        assertThat(letter(".replayed", first).get("replay").get("by").asText()).isEqualTo(second);
        assertThat(lakeRowsOfEveryVersion()).isEqualTo(16);
    }

    @Test
    void list_json_shows_the_waiting_letters_and_not_the_replayed_ones() throws IOException {
        databento.error(403, "Forbidden", Map.of()).error(403, "Forbidden", Map.of());
        run("ingest", "futures", "--market", "HE", "--date", "2026-02-13");
        String replayed = single(waitingLetters());
        run("ingest", "futures", "--market", "HE", "--date", "2026-02-17");
        String waiting = waitingLetters().stream().filter(id -> !id.equals(replayed)).findFirst().orElseThrow();
        databento.ok(TestResources.text(FRI_13));
        assertThat(run("dlq", "replay", "--id", replayed)).isZero();

        assertThat(run("dlq", "list", "--json")).isZero();

        assertThat(JSON.readTree(out)).singleElement().satisfies(letter -> {
            assertThat(letter.get("id").asText()).isEqualTo(waiting);
            assertThat(letter.get("source").asText()).isEqualTo("futures");
            assertThat(letter.get("market").asText()).isEqualTo("HE");
            assertThat(letter.get("trading_date").asText()).isEqualTo("2026-02-17");
            assertThat(letter.get("reason").asText()).startsWith("HTTP 403");
            assertThat(letter.get("payload_kind").asText()).isEqualTo("request");
            assertThat(Instant.parse(letter.get("failed_at").asText())).isBefore(Instant.now());
        });
    }

    @Test
    void list_reads_the_letter_files_without_starting_the_application() throws IOException {
        writeLetter("futures/HE/2026-02-13", "20260213T203000123Z-0a1b2c3d", "HTTP 503 Service Unavailable from "
                + "http://127.0.0.1/v0/timeseries.get_range: {\"detail\":\"the service is down for maintenance\"}");

        assertThat(run("dlq", "list")).isZero();

        List<String> lines = out.lines().toList();
        assertThat(lines.get(0).split("\\s+")).containsExactly("id", "source", "market", "date", "failed_at", "reason");
        assertThat(lines.get(1)).startsWith("20260213T203000123Z-0a1b2c3d  futures  HE      2026-02-13  "
                + "2026-02-13T20:30:00Z  HTTP 503 Service Unavailable from http://127.0.0.1/v0/timeseries.ge...");
        assertThat(home.resolve("features.db")).doesNotExist();
    }

    @Test
    void list_of_a_source_shows_only_that_sources_letters() throws IOException {
        writeLetter("futures/HE/2026-02-13", "20260213T203000123Z-0a1b2c3d", "HTTP 503");
        writeLetter("cot/HE/2024-07-17", "20260213T203100123Z-4e5f6a7b", "CotMissingReportException: no COT report");

        assertThat(run("dlq", "list", "--source", "cot", "--json")).isZero();

        assertThat(JSON.readTree(out)).extracting(n -> n.get("id").asText()).containsExactly("20260213T203100123Z-4e5f6a7b");
    }

    @ParameterizedTest
    @ValueSource(strings = {"20260101T000000000Z-deadbeef", "../../../etc/passwd", "futures/HE/2026-02-13/x", "..",
            "20260101T000000000Z-dead..beef", "20260101T000000000Z-a/../../b"})
    void an_unknown_or_hostile_id_is_a_usage_error_naming_it_and_writes_nothing(String id) throws IOException {
        assertThat(run("dlq", "replay", "--id", id)).isEqualTo(2);

        assertThat(err).contains(id);
        assertThat(out).isEmpty();
        try (Stream<Path> written = Files.list(home)) {
            assertThat(written).isEmpty();
        }
    }

    @Test
    void replay_takes_an_id_or_all_but_not_both() {
        assertThat(run("dlq", "replay")).isEqualTo(2);
        assertThat(run("dlq", "replay", "--id", "20260213T203000123Z-0a1b2c3d", "--all")).isEqualTo(2);
        assertThat(err).contains("mutually exclusive");
    }

    @Test
    void a_cot_week_not_yet_published_lands_when_replayed_after_the_cftc_publishes_it() {
        LocalDate winter = LocalDate.of(2024, 1, 9);
        LocalDate summer = LocalDate.of(2024, 7, 16);
        cftc.yearly(2024, CftcFiles.zip("f_year.txt", CftcFiles.yearly(CftcFiles.hogs(winter))));
        assertThat(run("ingest", "cot", "--market", "HE", "--date", "2024-07-17")).isEqualTo(1);
        cftc.reset();
        cftc.yearly(2024, CftcFiles.zip("f_year.txt", CftcFiles.yearly(CftcFiles.hogs(winter), CftcFiles.hogs(summer))));

        assertThat(run("dlq", "replay", "--all")).isZero();

        // the stored selection is the week of the date asked for, not every week of the file
        assertThat(out).contains("replayed, cot HE 2024-07-17: 1 rows in 1 lake file(s), 0 rejected, 7 new feature rows");
        assertThat(cftc.requested()).containsExactly("/files/dea/history/fut_disagg_txt_2024.zip");
        assertThat(waitingLetters()).isEmpty();
    }

    private void writeLetter(String directory, String id, String reason) throws IOException {
        String[] parts = directory.split("/");
        Path dir = Files.createDirectories(home.resolve("dead").resolve(directory));
        Files.writeString(dir.resolve(id + "-failed.json"), JSON.writeValueAsString(Map.of("source", parts[0],
                "market", parts[1], "trading_date", parts[2], "failed_at", "2026-02-13T20:30:00.123456Z",
                "reason", reason, "payload_kind", "request", "payload", "dataset=GLBX.MDP3")));
    }

    /** Ids of the letters outside dead/.replayed/ that nothing supersedes. */
    private List<String> waitingLetters() {
        return letters("").stream().filter(id -> {
            JsonNode letter = letter("", id);
            return !letter.has("superseded_by");
        }).toList();
    }

    /** Ids of the letters under dead/{under}; outside dead/.replayed/ when under is empty. */
    private List<String> letters(String under) {
        Path root = home.resolve("dead").resolve(under);
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.getFileName().toString().endsWith("-failed.json"))
                    .filter(p -> !under.isEmpty() || !home.resolve("dead").relativize(p).startsWith(".replayed"))
                    .map(p -> p.getFileName().toString().replace("-failed.json", "")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JsonNode letter(String under, String id) {
        try (Stream<Path> files = Files.walk(home.resolve("dead").resolve(under))) {
            Path file = files.filter(p -> p.getFileName().toString().equals(id + "-failed.json"))
                    .filter(p -> !under.isEmpty() || !home.resolve("dead").relativize(p).startsWith(".replayed"))
                    .findFirst().orElseThrow();
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private long lakeRowsOfEveryVersion() {
        return new LakeReader(home.resolve("lake")).summary().values().stream().mapToLong(s -> s.rows()).sum();
    }

    private long featureRows() {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + home.resolve("features.db"));
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT count(*) FROM features")) {
            rows.next();
            return rows.getLong(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String single(List<String> items) {
        assertThat(items).hasSize(1);
        return items.get(0);
    }
}
