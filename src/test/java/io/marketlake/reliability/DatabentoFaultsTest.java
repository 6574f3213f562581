package io.marketlake.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketlake.DbnResponses;
import io.marketlake.MinuteBars;
import io.marketlake.TestResources;
import io.marketlake.ingest.Ingestion;
import io.marketlake.reliability.ScriptedServer.Drop;
import io.marketlake.reliability.ScriptedServer.Hang;
import io.marketlake.reliability.ScriptedServer.Trickle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Databento misbehaving, per fault: what the futures pipeline does, and what the stores hold afterwards. */
class DatabentoFaultsTest extends FaultMatrix {

    private static final String PAYLOAD = TestResources.text("samples/databento/HE.FUT-ohlcv-1d-2026-02-13-csv_raw.csv");
    private static final String HEADER = PAYLOAD.substring(0, PAYLOAD.indexOf('\n') + 1);
    private static final LocalDate DAY = LocalDate.of(2026, 2, 13);
    private static final int BARS = 16;
    /** nine outrights' closes and the front month's */
    private static final int FEATURES = 10;

    static final String PAYLOAD_13 = PAYLOAD;

    private Exchange ingest() {
        return ingestFutures("HE", DAY.toString());
    }

    /** The day landed whole, once: every bar in the lake, its features stored, the batch complete. */
    private void landedOnce(Exchange exchange) {
        assertThat(deadLetterOf(exchange)).as("dead letter").isNull();
        rows(BARS, lakeReader().read("futures", "HE", null, null, false).rows().size());
        assertThat(featureRows()).isEqualTo(FEATURES);
        assertThat(complete("futures", "futures", DAY)).isTrue();
    }

    /** Nothing landed and the day stays pending, so the next backfill asks again. */
    private void nothingLanded(Exchange exchange) {
        assertThat(deadLetterOf(exchange)).as("dead letter").isNotNull();
        rows(0, lakeReader().read("futures", "HE", null, null, true).rows().size());
        assertThat(featureRows()).isZero();
        assertThat(complete("futures", "futures", DAY)).isFalse();
        assertThat(errors()).as("an ERROR line names the failure").isNotEmpty();
    }

    @Test
    void a_server_that_never_answers_trips_the_read_timeout_and_is_retried() {
        fault("Databento: read timeout (no byte after the request)");
        vendor.then(new Hang()).then(new Hang()).csv(PAYLOAD);

        Exchange exchange = ingest();

        landedOnce(exchange);
        assertThat(vendor.requests()).hasSize(3);
    }

    @Test
    void a_trickling_server_trips_the_deadline_and_ends_in_the_dead_letter_area() {
        fault("Databento: trickling server (a byte every 50 ms)");
        byte[] body = PAYLOAD.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < 3; i++) {
            vendor.then(new Trickle(200, Map.of("Content-Type", "text/csv"), body, 50));
        }

        Exchange exchange = ingest();

        nothingLanded(exchange);
        assertThat(vendor.requests()).hasSize(3);
        assertThat(singleDeadLetter().get("reason").asText()).contains("deadline");
    }

    @Test
    void server_errors_500_502_503_504_are_retried_and_the_day_lands_once() {
        fault("Databento: 500, 502, 503, 504 (one after another), then the data");
        vendor.error(500, "\"Internal Server Error\"", Map.of()).error(502, "\"Bad Gateway\"", Map.of())
                .csv(PAYLOAD);

        landedOnce(ingest());

        vendor.reset();
        vendor.error(503, "\"Service Unavailable\"", Map.of()).error(504, "\"Gateway Timeout\"", Map.of())
                .csv(PAYLOAD);
        landedOnce(ingest());
        assertThat(lakeReader().read("futures", "HE", null, null, true).rows()).hasSize(2 * BARS);
    }

    @Test
    void server_errors_that_persist_are_dead_lettered_with_the_status() {
        fault("Databento: 503 on every attempt");
        for (int i = 0; i < 3; i++) {
            vendor.error(503, "\"Service Unavailable\"", Map.of());
        }

        nothingLanded(ingest());
        assertThat(singleDeadLetter().get("http_status").asInt()).isEqualTo(503);
    }

    @Test
    void too_many_requests_with_retry_after_waits_that_long() {
        fault("Databento: 429 with Retry-After: 1");
        vendor.error(429, "\"Too many requests\"", Map.of("Retry-After", "1")).csv(PAYLOAD);

        landedOnce(ingest());
        assertThat(vendor.requests()).hasSize(2);
    }

    @Test
    void too_many_requests_without_retry_after_backs_off_and_retries() {
        fault("Databento: 429 without Retry-After");
        vendor.error(429, "\"Too many requests\"", Map.of()).csv(PAYLOAD);

        landedOnce(ingest());
        assertThat(vendor.requests()).hasSize(2);
    }

    @Test
    void unauthorized_with_a_string_detail_is_not_retried() {
        fault("Databento: 401, detail a string");
        vendor.error(401, "\"Authentication failed.\"", Map.of());

        nothingLanded(ingest());
        assertThat(vendor.requests()).hasSize(1);
        JsonNode letter = singleDeadLetter();
        assertThat(letter.get("http_status").asInt()).isEqualTo(401);
        assertThat(letter.get("reason").asText()).contains("Authentication failed.");
    }

    @Test
    void forbidden_with_an_object_detail_echoing_the_key_keeps_the_key_out_of_everything() {
        fault("Databento: 403, detail an object echoing the key and its basic-auth token");
        String token = KEY_FORMS.get(1);
        vendor.error(403, "{\"case\":\"auth_forbidden\",\"message\":\"Key " + KEY + " may not use GLBX.MDP3\","
                + "\"status_code\":403,\"docs\":\"/docs/api-reference-historical/basics/authentication\","
                + "\"payload\":{\"authorization\":\"Basic " + token + "\",\"token\":\"" + token + "\"}}", Map.of());

        nothingLanded(ingest());
        assertThat(vendor.requests()).hasSize(1);
        assertThat(singleDeadLetter().get("http_status").asInt()).isEqualTo(403);
        // the check that matters runs after every test: no form of the key in any log line or file
    }

    @Test
    void a_key_echoed_where_messages_are_shortened_is_masked_whole() {
        fault("Databento: 403 echoing the key around the 300th character, where reasons are cut");
        String padding = "x".repeat(290);
        vendor.error(403, "\"" + padding + " key " + KEY + " token " + KEY_FORMS.get(1) + "\"", Map.of());

        nothingLanded(ingest());
        // the check that matters runs after every test: not even the key's first ten characters anywhere
    }

    @Test
    void unprocessable_with_a_list_detail_is_not_retried() {
        fault("Databento: 422, detail a list of {loc, msg, type}");
        vendor.error(422, "[{\"loc\":[\"body\",\"start\"],\"msg\":\"start must be before end\","
                + "\"type\":\"value_error\"}]", Map.of());

        nothingLanded(ingest());
        assertThat(vendor.requests()).hasSize(1);
        assertThat(singleDeadLetter().get("http_response").asText()).contains("start must be before end");
    }

    /** Databento's error bodies: {"detail": a string | an object | a list of {loc, msg, type}}. */
    @ParameterizedTest(name = "{0} with a detail {1}")
    @CsvSource({"401,string", "401,object", "401,list", "403,string", "403,object", "403,list",
            "422,string", "422,object", "422,list"})
    void a_client_error_in_any_body_shape_is_dead_lettered_at_once_with_its_message(int status, String shape) {
        fault("Databento: " + status + ", detail " + shape + " echoing the key");
        String message = "request refused for key " + KEY;
        String detail = switch (shape) {
            case "string" -> "\"" + message + "\"";
            case "object" -> "{\"case\":\"refused\",\"message\":\"" + message + "\",\"status_code\":" + status
                    + ",\"docs\":\"/docs/api-reference-historical\",\"payload\":{\"key\":\"" + KEY + "\"}}";
            default -> "[{\"loc\":[\"header\",\"authorization\"],\"msg\":\"" + message + "\","
                    + "\"type\":\"value_error\"}]";
        };
        vendor.error(status, detail, Map.of());

        nothingLanded(ingest());
        assertThat(vendor.requests()).hasSize(1);
        JsonNode letter = singleDeadLetter();
        assertThat(letter.get("http_status").asInt()).isEqualTo(status);
        assertThat(letter.get("reason").asText()).startsWith("HTTP " + status).contains("request refused for key ***");
    }

    @Test
    void a_connection_dropped_in_the_middle_of_the_body_is_retried() {
        fault("Databento: connection closed after half the announced body");
        byte[] body = PAYLOAD.getBytes(StandardCharsets.UTF_8);
        byte[] half = java.util.Arrays.copyOf(body, body.length / 2);
        vendor.then(new Drop(200, Map.of("Content-Type", "text/csv"), half, body.length - half.length)).csv(PAYLOAD);

        landedOnce(ingest());
        assertThat(vendor.requests()).hasSize(2);
    }

    @Test
    void a_complete_response_whose_last_line_is_cut_lands_its_good_rows_and_quarantines_the_cut_one() {
        fault("Databento: body cut in the middle of the last line");
        String cut = PAYLOAD.substring(0, PAYLOAD.lastIndexOf('\n', PAYLOAD.length() - 2) + 30);
        vendor.csv(cut);

        Exchange exchange = ingest();

        assertThat(deadLetterOf(exchange)).isNull();
        rows(BARS - 1, lakeReader().read("futures", "HE", null, null, false).rows().size());
        assertThat(filesUnder("dead/futures/HE/" + DAY, "-rejected.jsonl")).singleElement()
                .satisfies(file -> assertThat(read(file)).contains("unreadable_record"));
        assertThat(complete("futures", "futures", DAY)).as("a broken response is asked for again").isFalse();

        vendor.csv(PAYLOAD);
        landedOnce(ingest());
    }

    @Test
    void a_dead_letter_that_cannot_be_written_still_reports_the_failure_and_logs_it() throws Exception {
        fault("dead/ not writable when a failure must be dead-lettered");
        Files.writeString(home.resolve("dead"), "in the way");
        vendor.error(422, "\"start is after the available range\"", Map.of());

        Ingestion.Outcome outcome = context.getRegistry().lookupByNameAndType("ingestion", Ingestion.class)
                .ingest("direct:futures-ingest", "HE", DAY.toString(), null, Map.of());

        assertThat(outcome.failure()).contains("HTTP 422").contains("no dead letter holds it");
        assertThat(outcome.deadLetter()).isNull();
        assertThat(errors()).anySatisfy(e -> assertThat(e.getFormattedMessage()).contains("could not be written")
                .contains("HTTP 422"));
        rows(0, lakeReader().read("futures", "HE", null, null, true).rows().size());
    }

    @Test
    void an_empty_200_is_dead_lettered_not_taken_for_a_day_without_data() {
        fault("Databento: 200 with an empty body");
        vendor.csv("");

        nothingLanded(ingest());
        assertThat(singleDeadLetter().get("reason").asText()).contains("empty");
    }

    @Test
    void a_header_only_response_is_a_day_without_bars() {
        fault("Databento: 200 with the CSV header only (a holiday)");
        vendor.csv(HEADER);

        Exchange exchange = ingest();

        assertThat(deadLetterOf(exchange)).isNull();
        rows(0, lakeReader().read("futures", "HE", null, null, true).rows().size());
        assertThat(complete("futures", "futures", DAY)).as("asked long after the day ended").isTrue();
    }

    @Test
    void html_instead_of_data_is_dead_lettered_whole_without_retrying() {
        fault("Databento: 200 with an HTML page");
        vendor.reply(200, "text/html", "<html><body><h1>Maintenance</h1></body></html>");

        nothingLanded(ingest());
        assertThat(vendor.requests()).hasSize(1);
        assertThat(singleDeadLetter().get("payload").asText()).contains("Maintenance");
    }

    @Test
    void a_record_repeated_in_the_response_is_stored_once() {
        fault("Databento: every record twice");
        String body = PAYLOAD.lines().skip(1).map(l -> l + "\n" + l + "\n")
                .reduce(HEADER, String::concat);
        vendor.csv(body);

        Exchange exchange = ingest();

        rows(BARS, lakeReader().read("futures", "HE", null, null, true).rows().size());
        assertThat(featureRows()).isEqualTo(FEATURES);
        assertThat(report(exchange).rowsRejected()).isEqualTo(BARS);
    }

    @Test
    void records_of_another_date_are_refused_and_do_not_hide_that_dates_data() {
        fault("Databento: records dated outside the requested range");
        String monday = TestResources.text("samples/databento/HE.FUT-ohlcv-1d-2026-02-13-csv_raw.csv")
                .replace("1770940800000000000", "1771200000000000000");
        vendor.csv(monday);
        Exchange first = ingestFutures("HE", "2026-02-16");
        assertThat(report(first).rowsWritten()).isEqualTo(BARS);
        vendor.reset();
        String oneMondayBar = monday.lines().skip(2).findFirst().orElseThrow().replace("95050000000,8041",
                "99999000000,1");
        vendor.csv(PAYLOAD + oneMondayBar.replace("95975000000", "99999000000") + "\n");

        Exchange exchange = ingest();

        assertThat(report(exchange).rowsRejected()).isEqualTo(1);
        rows(2 * BARS, lakeReader().read("futures", "HE", null, null, false).rows().size());
        assertThat(lakeReader().read("futures", "HE", LocalDate.of(2026, 2, 16), LocalDate.of(2026, 2, 16), false)
                .rows()).allSatisfy(r -> assertThat(r.get("batch_id").toString())
                        .isEqualTo(report(first).batchId()));
    }

    @Test
    void a_huge_response_is_refused_without_holding_it() {
        fault("Databento: a response larger than the size limit");
        StringBuilder huge = new StringBuilder(HEADER);
        String line = PAYLOAD.lines().skip(2).findFirst().orElseThrow() + "\n";
        while (huge.length() < 3 * 1024 * 1024) {
            huge.append(line);
        }
        vendor.csv(huge.toString());

        nothingLanded(ingest());
        assertThat(vendor.requests()).hasSize(1);
        assertThat(singleDeadLetter().get("reason").asText()).contains("larger than");
    }

    @Test
    void a_feature_store_locked_past_its_timeout_leaves_the_day_pending_and_the_rerun_completes_it() throws Exception {
        fault("feature store locked by another writer past the busy timeout");
        vendor.csv(PAYLOAD).csv(PAYLOAD);
        Exchange failed;
        try (Connection lock = lockFeatureStore()) {
            failed = ingest();
        }
        assertThat(deadLetterOf(failed)).isNotNull();
        assertThat(complete("futures", "futures", DAY)).isFalse();

        landedOnce(ingest());
    }

    @Test
    void a_lake_that_cannot_be_written_leaves_the_day_pending_and_the_rerun_completes_it() throws Exception {
        fault("lake directory not writable (a file where a partition directory must be)");
        Files.createDirectories(lake().resolve("data_type=futures/market=HE/year=2026"));
        Files.writeString(lake().resolve("data_type=futures/market=HE/year=2026/month=02"), "in the way");
        vendor.csv(PAYLOAD).csv(PAYLOAD);

        nothingLanded(ingest());

        Files.delete(lake().resolve("data_type=futures/market=HE/year=2026/month=02"));
        landedOnce(ingest());
    }

    // DBN, the encoding asked for by default: the same faults where the binary format differs from text

    /** The day's bars as Databento answers a DBN request: DBN v3, zstd-compressed, symbols in the metadata. */
    private static final byte[] DBN = DbnResponses.bars("samples/databento/HE.FUT-ohlcv-1d-2026-02-13-csv_raw.csv",
            DAY.toString());

    private static byte[] plainDbn() {
        return io.marketlake.databento.DbnEncoder.encode(PAYLOAD, request(), io.marketlake.databento.DbnEncoder
                .mappings(PAYLOAD, request()));
    }

    private static io.marketlake.databento.DbnEncoder.Request request() {
        return io.marketlake.databento.DbnEncoder.Request.parent("ohlcv-1d", Instant.parse("2026-02-13T00:00:00Z"),
                Instant.parse("2026-02-14T00:00:00Z"), "HE.FUT");
    }

    @Test
    void a_dbn_response_lands_the_day_once() {
        fault("Databento: DBN with zstd, as asked");
        vendor.reply(200, "application/octet-stream", DBN);

        landedOnce(ingest());
        assertThat(vendor.requests()).singleElement().satisfies(request -> assertThat(request.body())
                .contains("encoding=dbn").contains("compression=zstd").doesNotContain("map_symbols"));
    }

    @Test
    void a_csv_answer_to_a_dbn_request_is_read_as_csv() {
        fault("Databento: CSV in answer to a DBN request");
        vendor.csv(PAYLOAD);

        landedOnce(ingest());
        assertThat(vendor.requests()).singleElement()
                .satisfies(request -> assertThat(request.body()).contains("encoding=dbn"));
    }

    @Test
    void a_dbn_response_cut_inside_its_last_record_lands_its_whole_records_and_the_rerun_completes_the_day_once() {
        fault("Databento: DBN body cut in the middle of the last record");
        byte[] whole = plainDbn();
        vendor.reply(200, "application/octet-stream", java.util.Arrays.copyOf(whole, whole.length - 20));

        Exchange exchange = ingest();

        assertThat(deadLetterOf(exchange)).isNull();
        rows(BARS - 1, lakeReader().read("futures", "HE", null, null, false).rows().size());
        assertThat(filesUnder("dead/futures/HE/" + DAY, "-rejected.jsonl")).singleElement()
                .satisfies(file -> assertThat(read(file)).contains("unreadable_record").contains("cut"));
        assertThat(complete("futures", "futures", DAY)).as("a broken response is asked for again").isFalse();

        vendor.reply(200, "application/octet-stream", DBN);
        landedOnce(ingest());
    }

    @Test
    void a_dbn_response_whose_zstd_frame_is_cut_short_is_never_taken_for_the_day_and_the_rerun_lands_it_once() {
        fault("Databento: DBN zstd frame cut short");
        vendor.reply(200, "application/octet-stream", java.util.Arrays.copyOf(DBN, DBN.length * 2 / 3));

        Exchange exchange = ingest();

        // one small zstd block: nothing of it decodes, so nothing is stored and the day stays pending
        nothingLanded(exchange);
        assertThat(singleDeadLetter().get("reason").asText()).contains("zstd");
        // a zstd frame whose first block is cut cannot tell what it holds: kept as received, named for zstd only
        assertThat(filesUnder("dead/futures/HE/" + DAY, "response.zst")).as("the bytes received, kept")
                .singleElement().satisfies(file -> assertThat(file).hasSize(DBN.length * 2 / 3));

        vendor.reply(200, "application/octet-stream", DBN);
        landedOnce(ingest());
    }

    @Test
    void a_dbn_response_whose_mappings_leave_out_a_contract_refuses_its_bars_and_the_rerun_completes_the_day() {
        fault("Databento: DBN whose symbol mappings leave out a contract");
        var mappings = io.marketlake.databento.DbnEncoder.mappings(PAYLOAD, request()).stream()
                .filter(mapping -> !mapping.rawSymbol().equals("HEJ6")).toList();
        vendor.reply(200, "application/octet-stream", io.marketlake.databento.DbnEncoder.zstd(
                io.marketlake.databento.DbnEncoder.encode(PAYLOAD, request(), mappings)));

        Exchange exchange = ingest();

        assertThat(report(exchange).rowsRejected()).isEqualTo(1);
        rows(BARS - 1, lakeReader().read("futures", "HE", null, null, false).rows().size());
        assertThat(filesUnder("dead/futures/HE/" + DAY, "-rejected.jsonl")).singleElement()
                .satisfies(file -> assertThat(read(file)).contains("unmapped_symbol").contains("42140102"));
        assertThat(featureStore().at("HE", Instant.parse("2026-02-14T00:00:00Z")))
                .noneMatch(point -> point.feature().equals("futures.close.HEJ6"));
        assertThat(complete("futures", "futures", DAY)).as("a response without a contract's symbol is asked again")
                .isFalse();

        vendor.reply(200, "application/octet-stream", DBN);
        landedOnce(ingest());
    }

    @Test
    void a_dbn_response_dead_lettered_after_the_lake_write_keeps_its_bytes_and_the_rerun_completes_the_day()
            throws Exception {
        fault("feature store locked past the busy timeout, DBN response");
        vendor.reply(200, "application/octet-stream", DBN).reply(200, "application/octet-stream", DBN);
        Exchange failed;
        try (Connection lock = lockFeatureStore()) {
            failed = ingest();
        }
        assertThat(deadLetterOf(failed)).isNotNull();
        assertThat(complete("futures", "futures", DAY)).isFalse();
        assertThat(filesUnder("dead/futures/HE/" + DAY, "response.dbn.zst")).singleElement()
                .satisfies(file -> assertThat(Files.readAllBytes(file)).isEqualTo(DBN));

        landedOnce(ingest());
    }

    @Test
    void an_intraday_dbn_response_whose_lake_write_fails_is_kept_as_landed_and_the_rerun_completes_the_day()
            throws Exception {
        fault("lake not writable while minute bars stream from a landed DBN response");
        byte[] minutes = DbnResponses.barsOf(MinuteBars.day(), "ohlcv-1m", LocalDate.of(2026, 2, 17));
        Files.createDirectories(lake());
        Files.writeString(lake().resolve("data_type=futures_1m"), "in the way");
        vendor.reply(200, "application/octet-stream", minutes).reply(200, "application/octet-stream", minutes);

        Exchange failed = ingestMinutes();

        assertThat(deadLetterOf(failed)).isNotNull();
        assertThat(filesUnder("dead/futures_1m/HE/2026-02-17", "-ohlcv-1m.dbn.zst")).as("the landed response, as received")
                .singleElement().satisfies(file -> assertThat(Files.readAllBytes(file)).isEqualTo(minutes));
        assertThat(filesUnder("landing", "")).isEmpty();
        assertThat(complete("futures_1m", "futures_1m", LocalDate.of(2026, 2, 17))).isFalse();

        Files.delete(lake().resolve("data_type=futures_1m"));
        Exchange rerun = ingestMinutes();
        assertThat(deadLetterOf(rerun)).isNull();
        rows(MinuteBars.BARS, lakeReader().read("futures_1m", "HE", null, null, true).rows().size());
        assertThat(complete("futures_1m", "futures_1m", LocalDate.of(2026, 2, 17))).isTrue();
    }

    private Exchange ingestMinutes() {
        return template.send("direct:futures-ingest", e -> {
            e.setProperty(io.marketlake.ingest.IngestProperties.MARKET, "HE");
            e.setProperty(io.marketlake.ingest.IngestProperties.DATE, "2026-02-17");
            e.setProperty(io.marketlake.ingest.IngestProperties.SCHEMA, "ohlcv-1m");
        });
    }
}
