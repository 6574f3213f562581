package io.marketlake.options;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.marketlake.Duck;
import io.marketlake.RouteTestSupport;
import io.marketlake.features.FeaturePoint;
import io.marketlake.features.Quality;
import io.marketlake.ingest.IngestProperties;
import io.marketlake.ingest.IngestReport;
import io.marketlake.ingest.IngestReports;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.camel.Exchange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The options chain end to end over loopback, in both encodings, checked against hand-computed values. */
class OptionsPipelineTest extends RouteTestSupport {

    private static final Instant SNAPSHOT = Instant.parse("2026-02-17T19:00:00Z");

    @ParameterizedTest
    @ValueSource(strings = {"csv", "json"})
    void a_chain_snapshot_yields_the_hand_computed_features(String encoding) {
        serveChain(encoding);

        IngestReport report = report(ingestOptions());

        assertThat(report.rowsWritten()).isEqualTo(24);
        assertThat(report.rowsRejected()).isEqualTo(2);
        Map<String, FeaturePoint> features = featureStore().at("HE", SNAPSHOT).stream()
                .collect(Collectors.toMap(FeaturePoint::feature, p -> p));
        assertThat(features.get("options.put_call_oi_ratio.2026-04-14").value()).isCloseTo(500.0 / 900, within(1e-12));
        assertThat(features.get("options.total_oi.2026-04-14").value()).isEqualTo(1400.0);
        assertThat(features.get("options.atm_iv.2026-04-14").value()).isCloseTo(0.30, within(1e-6));
        assertThat(features.get("options.liquid_strike_count.2026-04-14").value()).isEqualTo(8.0);
        assertThat(features.get("options.atm_iv.2026-04-14").quality()).isEqualTo(Quality.NORMAL);
        assertThat(features.get("options.put_call_oi_ratio.2026-06-12").value()).isCloseTo(140.0 / 150, within(1e-12));
        assertThat(features.get("options.total_oi.2026-06-12").value()).isEqualTo(290.0);
        assertThat(features.get("options.atm_iv.2026-06-12").value()).isCloseTo(0.27, within(1e-6));
        assertThat(features.get("options.liquid_strike_count.2026-06-12").value()).isEqualTo(3.0);
        assertThat(features.get("options.total_oi.2026-06-12").quality()).isEqualTo(Quality.DEGRADED);
        assertThat(features.get("options.total_oi.front").value()).isEqualTo(1400.0);
        assertThat(features.values()).allSatisfy(p -> {
            assertThat(p.asOf()).isEqualTo(SNAPSHOT);
            assertThat(p.availableAt()).isEqualTo(SNAPSHOT);
        });
        assertThat(featureStore().at("HE", SNAPSHOT.minusSeconds(1))).isEmpty();
    }

    @Test
    void asks_for_both_parents_up_to_the_snapshot_and_leaves_no_download_behind() {
        serveChain("csv");

        report(ingestOptions());

        assertThat(databento.requests()).extracting(r -> r.form().get("schema"))
                .containsExactly("definition", "statistics", "mbp-1");
        assertThat(databento.requests()).allSatisfy(r -> {
            assertThat(r.form()).containsEntry("symbols", "HE.OPT,HE.FUT").containsEntry("stype_in", "parent")
                    .containsEntry("end", "2026-02-17T19:00:00.000000001Z");
        });
        assertThat(databento.requests().get(2).form()).containsEntry("start", "2026-02-17T14:00:00Z");
        assertThat(filesUnder("landing", "")).isEmpty();
    }

    @Test
    void the_lake_holds_every_option_with_its_flags_and_duckdb_reads_it() {
        serveChain("json");

        report(ingestOptions());

        List<Map<String, Object>> rows = Duck.query(lake(), "SELECT symbol, option_right, strike, flags, implied_vol,"
                + " open_interest, typeof(expiration) AS expiration_type FROM LAKE ORDER BY expiration, strike, option_right");
        assertThat(rows).hasSize(24);
        assertThat(rows).filteredOn(r -> "HEJ6 C10000".equals(r.get("symbol"))).singleElement().satisfies(r -> {
            assertThat(r.get("flags")).isEqualTo("crossed");
            assertThat(r.get("implied_vol")).isNull();
        });
        assertThat(rows).extracting(r -> r.get("expiration_type")).containsOnly("TIMESTAMP WITH TIME ZONE");
        assertThat(rows).noneMatch(r -> "HEG6 C9000".equals(r.get("symbol")));
    }

    @Test
    void expired_and_undefined_instruments_are_quarantined_with_their_rule() throws Exception {
        serveChain("csv");

        report(ingestOptions());

        var files = filesUnder("dead/options/HE/2026-02-17", "-rejected.jsonl");
        assertThat(files).hasSize(1);
        List<JsonNode> lines = read(files.get(0)).lines().map(OptionsPipelineTest::json).toList();
        assertThat(lines).extracting(l -> l.get("rule").asText()).containsExactlyInAnyOrder("no_definition", "expired");
        assertThat(lines).filteredOn(l -> l.get("rule").asText().equals("no_definition")).singleElement()
                .satisfies(l -> assertThat(l.get("detail").asText()).contains("99999999"));
    }

    @Test
    void a_failed_download_keeps_what_was_received_in_the_dead_letter_area() throws Exception {
        databento.ok(ChainTestData.definition("csv"));
        for (int i = 0; i < 4; i++) {
            databento.error(503, "Service Unavailable", Map.of());
        }

        Exchange exchange = ingestOptions();

        assertThat(exchange.getProperty(IngestProperties.DEAD_LETTER)).isNotNull();
        var letters = filesUnder("dead/options/HE/2026-02-17", "-failed.json");
        assertThat(letters).hasSize(1);
        JsonNode letter = json(read(letters.get(0)));
        assertThat(letter.get("http_status").asInt()).isEqualTo(503);
        assertThat(letter.get("payload_files")).hasSize(1);
        assertThat(read(home.resolve("dead").resolve(letter.get("payload_files").get(0).asText())))
                .isEqualTo(ChainTestData.definition("csv"));
        assertThat(filesUnder("landing", "")).isEmpty();
        assertThat(filesUnder("lake", ".parquet")).isEmpty();
    }

    private void serveChain(String encoding) {
        databento.ok(ChainTestData.definition(encoding)).ok(ChainTestData.statistics(encoding))
                .ok(ChainTestData.quotes(encoding));
    }

    private Exchange ingestOptions() {
        return template.send("direct:options-ingest", e -> {
            e.setProperty(IngestProperties.MARKET, "HE");
            e.setProperty(IngestProperties.DATE, "2026-02-17");
        });
    }


    private static JsonNode json(String text) {
        try {
            return new ObjectMapper().readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
