package io.marketlake.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.marketlake.CftcStub;
import io.marketlake.DatabentoStub;
import io.marketlake.Marketlake;
import io.marketlake.TestResources;
import io.marketlake.features.CompletedBatch;
import io.marketlake.features.FeatureDataSources;
import io.marketlake.features.FeatureStore;
import io.marketlake.features.Staleness;
import io.marketlake.ingest.Ingestion;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The daemon's /observe/health and /observe/metrics over loopback, figures from what the stores hold. */
class ObserveEndpointsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path home;

    @Test
    void health_and_metrics_tell_each_feed_fresh_stale_or_dead_lettered_from_the_stores() throws Exception {
        // a COT report of three weeks ago, stored before this daemon started: stale by the stores, not by memory
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        Instant weeksAgo = Instant.now().minus(Duration.ofDays(18));
        FeatureStore earlier = new FeatureStore(FeatureDataSources.create("jdbc:sqlite:" + home.resolve("features.db")),
                Clock.fixed(weeksAgo, ZoneOffset.UTC), new Staleness(Map.of()));
        earlier.createSchema();
        earlier.append(List.of(), new CompletedBatch("20261114T000000000Z-0badc0de", "cot", "HE", today.minusDays(21),
                1, 0));
        // yesterday's bars (the sample's, moved to yesterday)
        LocalDate yesterday = today.minusDays(1);
        String bars = TestResources.text("samples/databento/HE.FUT-ohlcv-1d-2026-02-13-csv_raw.csv").replace(
                "1770940800000000000", yesterday.atStartOfDay(ZoneOffset.UTC).toEpochSecond() + "000000000");
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        try (DatabentoStub databento = DatabentoStub.start(); CftcStub cftc = CftcStub.start();
                Marketlake daemon = Marketlake.startDaemon(Map.of("marketlake.home", home.toString(),
                        "marketlake.databento.base-url", databento.baseUrl(), "marketlake.cftc.base-url",
                        cftc.baseUrl(), "marketlake.schedules.enabled", "false", "marketlake.retry.max-redeliveries",
                        "0", "camel.management.port", String.valueOf(port)))) {
            databento.ok(bars);
            databento.error(403, "Forbidden", Map.of());
            Ingestion ingestion = daemon.bean("ingestion", Ingestion.class);
            assertThat(ingestion.ingest("direct:futures-ingest", "HE", yesterday.toString(), null, Map.of()).failure())
                    .isNull();
            assertThat(ingestion.ingest("direct:options-ingest", "HE", "2026-02-17", null, Map.of()).failure())
                    .contains("403");

            String base = "http://127.0.0.1:" + port;
            HttpResponse<String> health = await().atMost(Duration.ofSeconds(30)).until(() -> get(base + "/observe/health?data=true"),
                    response -> response != null);
            JsonNode checks = JSON.readTree(health.body()).path("checks");
            assertThat(check(checks, "freshness-futures-HE").path("status").asText()).isEqualTo("UP");
            assertThat(check(checks, "freshness-futures-HE").toString()).contains(yesterday.toString())
                    .contains("\"max_age_seconds\":432000");
            assertThat(check(checks, "freshness-cot-HE").path("status").asText()).isEqualTo("DOWN");
            assertThat(check(checks, "freshness-cot-HE").toString()).contains("ended 20d").contains("older than 11d");
            assertThat(check(checks, "freshness-options-HE").path("status").asText()).isEqualTo("DOWN");
            assertThat(check(checks, "freshness-options-HE").toString()).contains("dead-lettered").contains("403");

            HttpResponse<String> metrics = get(base + "/observe/metrics");
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.body())
                    .containsPattern("marketlake_rows_written_total\\{market=\"HE\",source=\"futures\"\\} 16\\.0")
                    .containsPattern("marketlake_fresh\\{market=\"HE\",source=\"futures\"\\} 1\\.0")
                    .containsPattern("marketlake_fresh\\{market=\"HE\",source=\"cot\"\\} 0\\.0")
                    .containsPattern("marketlake_dead_letters_total\\{market=\"HE\",source=\"options\"\\} 1\\.0")
                    .containsPattern("marketlake_freshness_age_seconds\\{market=\"HE\",source=\"cot\"\\} 1[78][0-9]{5}\\.")
                    .contains("camel_exchanges_total");
        }
    }

    private HttpResponse<String> get(String url) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode check(JsonNode checks, String id) {
        for (JsonNode check : checks) {
            if (check.path("name").asText().equals(id) || check.path("id").asText().equals(id)) {
                return check;
            }
        }
        throw new AssertionError("no check " + id + " in " + checks);
    }
}
