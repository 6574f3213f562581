package io.marketlake.futures;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.marketlake.Duck;
import io.marketlake.RouteTestSupport;
import io.marketlake.TestResources;
import io.marketlake.features.FeaturePoint;
import io.marketlake.ingest.IngestProperties;
import io.marketlake.ingest.IngestReport;
import io.marketlake.ingest.IngestReports;
import io.marketlake.lake.LakeRows;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

/** The futures pipeline end to end: real routes, HTTP over loopback, Parquet read back by DuckDB, real SQLite. */
class FuturesPipelineTest extends RouteTestSupport {

    private static final String CSV_RAW = "samples/databento/HE.FUT-ohlcv-1d-2026-02-13-csv_raw.csv";
    private static final String JSON_PRETTY = "samples/databento/HE.FUT-ohlcv-1d-2026-02-17-json_pretty.jsonl";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void asks_databento_for_the_parent_daily_bars_of_one_day_with_basic_auth() {
        databento.ok(TestResources.text(CSV_RAW));

        ingestFutures("HE", "2026-02-13");

        assertThat(databento.requests()).singleElement().satisfies(request -> {
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.form()).containsEntry("dataset", "GLBX.MDP3").containsEntry("symbols", "HE.FUT")
                    .containsEntry("stype_in", "parent").containsEntry("schema", "ohlcv-1d")
                    .containsEntry("start", "2026-02-13").containsEntry("end", "2026-02-14")
                    .containsEntry("encoding", "dbn").containsEntry("compression", "zstd")
                    .doesNotContainKeys("map_symbols", "pretty_px", "pretty_ts");
            assertThat(request.authorization()).isEqualTo("Basic " + Base64.getEncoder()
                    .encodeToString("db-test-key-never-printed:".getBytes(StandardCharsets.UTF_8)));
        });
    }

    @Test
    void duckdb_reads_the_lake_with_hive_partitioning() {
        databento.ok(TestResources.text(CSV_RAW));

        Exchange exchange = ingestFutures("HE", "2026-02-13");

        assertThat(report(exchange).rowsWritten()).isEqualTo(16);
        List<Map<String, Object>> rows = Duck.query(lake(), "SELECT data_type, market, year, month, count(*) AS n,"
                + " count(DISTINCT contract_type) AS types, min(typeof(ts_event)) AS ts_type FROM LAKE"
                + " GROUP BY ALL");
        assertThat(rows).singleElement().satisfies(row -> {
            assertThat(row).containsEntry("data_type", "futures").containsEntry("market", "HE")
                    .containsEntry("n", 16L).containsEntry("types", 3L)
                    .containsEntry("ts_type", "TIMESTAMP WITH TIME ZONE");
            assertThat(Integer.parseInt(String.valueOf(row.get("year")))).isEqualTo(2026);
            assertThat(Integer.parseInt(String.valueOf(row.get("month")))).isEqualTo(2);
        });
        assertThat(Duck.query(lake(), "SELECT close, epoch(ts_event) AS open_epoch FROM LAKE WHERE symbol = 'HEJ6'"))
                .singleElement().satisfies(row -> {
                    assertThat(row.get("close")).isEqualTo(91.525);
                    assertThat(((Number) row.get("open_epoch")).longValue())
                            .isEqualTo(Instant.parse("2026-02-13T00:00:00Z").getEpochSecond());
                });
    }

    @Test
    void our_reader_returns_what_duckdb_returns_without_partition_columns() {
        databento.ok(TestResources.text(JSON_PRETTY));
        ingestFutures("HE", "2026-02-17");

        LakeRows ours = lakeReader().read("futures", "HE", null, null, false);

        assertThat(ours.columns()).doesNotContain("data_type", "market", "year", "month").contains("trading_date");
        Map<String, Double> ourCloses = ours.rows().stream()
                .collect(Collectors.toMap(r -> r.get("symbol").toString(), r -> (Double) r.get("close")));
        Map<String, Double> duckCloses = Duck.query(lake(), "SELECT symbol, close FROM LAKE").stream()
                .collect(Collectors.toMap(r -> (String) r.get("symbol"), r -> (Double) r.get("close")));
        assertThat(ourCloses).hasSize(13).isEqualTo(duckCloses);
    }

    @Test
    void a_close_is_available_at_the_bar_end_not_before() {
        databento.ok(TestResources.text(JSON_PRETTY));
        ingestFutures("HE", "2026-02-17");
        Instant barEnd = Instant.parse("2026-02-18T00:00:00Z");

        assertThat(featureStore().at("HE", barEnd.minusMillis(1))).isEmpty();
        List<FeaturePoint> known = featureStore().at("HE", barEnd);
        assertThat(known).extracting(FeaturePoint::availableAt).containsOnly(barEnd);
        assertThat(known).extracting(FeaturePoint::asOf).containsOnly(Instant.parse("2026-02-17T00:00:00Z"));
        assertThat(known).filteredOn(p -> p.feature().equals("futures.close.front")).singleElement()
                .satisfies(p -> assertThat(p.value()).isEqualTo(91.175));
        assertThat(known).extracting(FeaturePoint::feature).noneMatch(f -> f.contains("-") || f.contains(":"));
    }

    @Test
    void ingesting_a_date_twice_shows_each_bar_once_and_keeps_both_batches() {
        String payload = TestResources.text(CSV_RAW);
        databento.ok(payload).ok(payload);

        ingestFutures("HE", "2026-02-13");
        int featuresAfterFirst = featureStore().countByMarket().get("HE").intValue();
        Exchange second = ingestFutures("HE", "2026-02-13");

        assertThat(lakeReader().read("futures", "HE", null, null, false).rows()).hasSize(16);
        assertThat(lakeReader().read("futures", "HE", null, null, true).rows()).hasSize(32);
        assertThat(Duck.query(lake(), "SELECT count(*) AS n, count(DISTINCT batch_id) AS batches FROM LAKE"))
                .singleElement().satisfies(row -> assertThat(row).containsEntry("n", 32L).containsEntry("batches", 2L));
        // the newest-batch query the README gives DuckDB users
        assertThat(Duck.query(lake(), "SELECT count(*) AS n FROM (SELECT *, dense_rank() OVER (PARTITION BY"
                + " data_type, market, trading_date ORDER BY batch_id DESC) AS rn FROM LAKE) WHERE rn = 1"))
                .singleElement().satisfies(row -> assertThat(row).containsEntry("n", 16L));
        assertThat(report(second).featuresWritten()).isZero();
        assertThat(featureStore().countByMarket().get("HE")).isEqualTo(featuresAfterFirst);
    }

    @Test
    void bad_records_are_quarantined_with_their_rule_and_good_ones_land() throws Exception {
        databento.ok(TestResources.text("databento/HE.FUT-ohlcv-1d-2026-02-17-bad-records.csv"));

        Exchange exchange = ingestFutures("HE", "2026-02-17");

        assertThat(report(exchange).rowsWritten()).isEqualTo(3);
        assertThat(report(exchange).rowsRejected()).isEqualTo(4);
        assertThat(Duck.query(lake(), "SELECT symbol FROM LAKE ORDER BY symbol")).extracting(r -> r.get("symbol"))
                .containsExactly("HEJ6", "HEJ6-HEK6", "HEK6");
        var rejectedFiles = filesUnder("dead/futures/HE/2026-02-17", "-rejected.jsonl");
        assertThat(rejectedFiles).hasSize(1);
        List<JsonNode> lines = read(rejectedFiles.get(0)).lines().map(FuturesPipelineTest::json).toList();
        assertThat(lines).extracting(l -> l.get("rule").asText()).containsExactlyInAnyOrder(
                "unreadable_record", "high_below_low", "undefined_price", "non_positive_price");
        assertThat(lines).filteredOn(l -> l.get("rule").asText().equals("high_below_low")).singleElement()
                .satisfies(l -> {
                    assertThat(l.get("record").asText())
                            .isEqualTo("1771286400000000000,35,1,42140104,103650000000,103300000000,103375000000,"
                                    + "103800000000,8193,HEM6");
                    assertThat(l.get("detail").asText()).contains("HEM6");
                    assertThat(l.get("market").asText()).isEqualTo("HE");
                });
    }

    @Test
    void a_malformed_response_is_dead_lettered_whole_with_its_payload() throws Exception {
        String html = "<html><body><h1>502 Bad Gateway</h1></body></html>\n";
        databento.ok(html);

        Exchange exchange = ingestFutures("HE", "2026-02-13");

        assertThat(exchange.getProperty(IngestProperties.DEAD_LETTER)).isNotNull();
        assertThat(databento.requests()).hasSize(1);
        assertThat(filesUnder("lake", ".parquet")).isEmpty();
        JsonNode letter = json(read(singleDeadLetter()));
        assertThat(letter.get("payload").asText()).isEqualTo(html);
        assertThat(letter.get("reason").asText()).contains("not a Databento CSV response");
        assertThat(letter.get("trading_date").asText()).isEqualTo("2026-02-13");
    }

    @Test
    void a_server_error_is_retried_then_the_ingest_succeeds() {
        databento.error(500, "Internal Server Error", Map.of()).ok(TestResources.text(CSV_RAW));

        Exchange exchange = ingestFutures("HE", "2026-02-13");

        assertThat(exchange.getProperty(IngestProperties.DEAD_LETTER)).isNull();
        assertThat(databento.requests()).hasSize(2);
        assertThat(report(exchange).rowsWritten()).isEqualTo(16);
        assertThat(filesUnder("dead", ".json")).isEmpty();
    }

    @Test
    void too_many_requests_waits_as_long_as_retry_after_says() {
        databento.error(429, "Too many requests", Map.of("Retry-After", "1")).ok(TestResources.text(CSV_RAW));

        Exchange exchange = ingestFutures("HE", "2026-02-13");

        assertThat(report(exchange).rowsWritten()).isEqualTo(16);
        List<Instant> times = databento.requests().stream().map(r -> r.at()).toList();
        assertThat(times).hasSize(2);
        // the configured backoff would retry after 20 ms
        assertThat(Duration.between(times.get(0), times.get(1))).isGreaterThanOrEqualTo(Duration.ofMillis(950));
    }

    @Test
    void server_errors_that_persist_end_in_the_dead_letter_area() throws Exception {
        for (int i = 0; i < 4; i++) {
            databento.error(503, "Service Unavailable", Map.of());
        }

        Exchange exchange = ingestFutures("HE", "2026-02-13");

        assertThat(exchange.getProperty(IngestProperties.DEAD_LETTER)).isNotNull();
        assertThat(databento.requests()).hasSize(4);
        JsonNode letter = json(read(singleDeadLetter()));
        assertThat(letter.get("http_status").asInt()).isEqualTo(503);
        assertThat(letter.get("payload").asText()).contains("symbols=HE.FUT");
    }

    @Test
    void unauthorized_is_not_retried_and_dead_lettered() throws Exception {
        databento.error(401, "Authentication failed.", Map.of());

        Exchange exchange = ingestFutures("HE", "2026-02-13");

        assertThat(exchange.getProperty(IngestProperties.DEAD_LETTER)).isNotNull();
        assertThat(databento.requests()).hasSize(1);
        JsonNode letter = json(read(singleDeadLetter()));
        assertThat(letter.get("http_status").asInt()).isEqualTo(401);
        assertThat(letter.get("http_response").asText()).contains("Authentication failed.");
        assertThat(letter.get("reason").asText()).startsWith("HTTP 401");
    }

    private java.nio.file.Path singleDeadLetter() {
        var letters = filesUnder("dead", "-failed.json");
        assertThat(letters).hasSize(1);
        return letters.get(0);
    }


    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
