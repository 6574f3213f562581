package io.marketlake.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketlake.cot.CftcFiles;
import io.marketlake.cot.CotSelection;
import io.marketlake.ingest.IngestProperties;
import io.marketlake.reliability.ScriptedServer.Hang;
import io.marketlake.reliability.ScriptedServer.Trickle;
import java.nio.file.Files;
import java.sql.Connection;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Map;
import java.util.Properties;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;

/** The CFTC's file server misbehaving, per fault: what the COT pipeline does, and what the stores hold after. */
class CftcFaultsTest extends FaultMatrix {

    private static final LocalDate WEEK = LocalDate.of(2024, 1, 9);
    private static final Instant RELEASE = Instant.parse("2024-01-12T20:30:00Z");
    private static final byte[] ZIP = CftcFiles.zip("f_year.txt", CftcFiles.yearly(CftcFiles.hogs(WEEK)));
    private static final int FEATURES = 7;

    @Override
    protected Properties useOverridePropertiesWithPropertiesComponent() {
        Properties properties = super.useOverridePropertiesWithPropertiesComponent();
        properties.put("marketlake.cot.max-uncompressed-bytes", "65536");
        return properties;
    }

    static Exchange ingestCot(ProducerTemplate template, LocalDate week) {
        return ingestCot(template, CotSelection.weekOf(week), week);
    }

    static Exchange ingestCot(ProducerTemplate template, CotSelection selection, LocalDate date) {
        return template.send("direct:cot-ingest", e -> {
            e.setProperty(IngestProperties.MARKET, "HE");
            e.setProperty(IngestProperties.DATE, date.toString());
            e.setProperty(IngestProperties.COT_SELECTION, selection);
        });
    }

    private Exchange ingest() {
        return ingestCot(template, WEEK);
    }

    private CftcFaultsTest zip(byte[] bytes) {
        cftcServer.reply(200, "application/zip", bytes);
        return this;
    }

    private void landedOnce(Exchange exchange) {
        assertThat(deadLetterOf(exchange)).as("dead letter").isNull();
        rows(1, lakeReader().read("cot", "HE", null, null, false).rows().size());
        assertThat(featureStore().at("HE", RELEASE)).hasSize(FEATURES);
        assertThat(featureStore().at("HE", RELEASE.minusMillis(1))).isEmpty();
    }

    private void nothingLanded(Exchange exchange) {
        assertThat(deadLetterOf(exchange)).as("dead letter").isNotNull();
        rows(0, lakeReader().read("cot", "HE", null, null, true).rows().size());
        assertThat(featureRows()).isZero();
        assertThat(errors()).as("an ERROR line names the failure").isNotEmpty();
    }

    @Test
    void a_server_that_never_answers_is_retried_and_the_week_lands_once() {
        fault("CFTC: read timeout (no byte after the request)");
        cftcServer.then(new Hang());
        zip(ZIP);

        landedOnce(ingest());
        assertThat(cftcServer.requests()).hasSize(2);
    }

    @Test
    void a_trickling_server_trips_the_deadline_and_is_dead_lettered() {
        fault("CFTC: trickling server (a byte every 50 ms)");
        for (int i = 0; i < 3; i++) {
            cftcServer.then(new Trickle(200, Map.of("Content-Type", "application/zip"), ZIP, 50));
        }

        nothingLanded(ingest());
        assertThat(singleDeadLetter().get("reason").asText()).contains("deadline");
    }

    @Test
    void server_errors_500_502_503_504_are_retried_and_the_week_lands_once() {
        fault("CFTC: 500, 502, then the file; 503, 504, then the file again");
        cftcServer.reply(500, "text/html", "<html>error</html>").reply(502, "text/html", "<html>bad gateway</html>");
        zip(ZIP);
        landedOnce(ingest());

        cftcServer.reset();
        cftcServer.reply(503, "text/html", "<html>busy</html>").reply(504, "text/html", "<html>timeout</html>");
        zip(ZIP);
        Exchange again = ingest();
        assertThat(report(again).rowsWritten()).as("unchanged week, nothing new").isZero();
        rows(1, lakeReader().read("cot", "HE", null, null, true).rows().size());
    }

    @Test
    void a_yearly_file_not_published_is_dead_lettered_without_retrying() {
        fault("CFTC: 404 for the yearly file");
        cftcServer.reply(404, "text/html", "<html><body>Not Found</body></html>");

        nothingLanded(ingest());
        assertThat(cftcServer.requests()).hasSize(1);
        assertThat(singleDeadLetter().get("http_status").asInt()).isEqualTo(404);
    }

    @Test
    void too_many_requests_is_retried() {
        fault("CFTC: 429 without Retry-After");
        cftcServer.reply(429, "text/plain", "slow down");
        zip(ZIP);

        landedOnce(ingest());
    }

    @Test
    void html_instead_of_a_zip_is_dead_lettered_with_the_page_kept() {
        fault("CFTC: 200 with an HTML page instead of the zip");
        cftcServer.reply(200, "text/html", "<html><body>Site maintenance</body></html>");

        nothingLanded(ingest());
        assertThat(cftcServer.requests()).hasSize(1);
    }

    @Test
    void a_zip_cut_short_is_dead_lettered() {
        fault("CFTC: zip body cut in half");
        zip(Arrays.copyOf(ZIP, ZIP.length / 2));

        nothingLanded(ingest());
    }

    @Test
    void an_empty_200_is_dead_lettered() {
        fault("CFTC: 200 with an empty body");
        zip(new byte[0]);

        nothingLanded(ingest());
    }

    @Test
    void a_zip_bomb_is_refused_before_it_fills_the_heap() {
        fault("CFTC: zip that uncompresses past the limit");
        zip(CftcFiles.zip("f_year.txt", CftcFiles.yearly(CftcFiles.hogs(WEEK)) + " ".repeat(1 << 20)));

        nothingLanded(ingest());
        assertThat(singleDeadLetter().get("reason").asText()).containsIgnoringCase("uncompress");
    }

    @Test
    void a_zip_entry_that_would_escape_refuses_the_zip() {
        fault("CFTC: zip entry ../f_year.txt");
        zip(CftcFiles.zip("../f_year.txt", CftcFiles.yearly(CftcFiles.hogs(WEEK))));

        nothingLanded(ingest());
        assertThat(singleDeadLetter().get("reason").asText()).contains("escape");
    }

    @Test
    void a_week_repeated_in_the_file_is_stored_once() {
        fault("CFTC: the same row twice in the yearly file");
        String row = CftcFiles.hogs(WEEK);
        zip(CftcFiles.zip("f_year.txt", CftcFiles.yearly(row, row)));

        Exchange exchange = ingest();

        assertThat(report(exchange).rowsRejected()).isEqualTo(1);
        landedOnce(exchange);
        assertThat(featureRows()).isEqualTo(FEATURES);
    }

    @Test
    void weeks_outside_the_selection_are_not_stored() {
        fault("CFTC: rows of other weeks in the file");
        zip(CftcFiles.zip("f_year.txt", CftcFiles.yearly(CftcFiles.hogs(WEEK.plusWeeks(1)), CftcFiles.hogs(WEEK),
                CftcFiles.hogs(WEEK.minusWeeks(1)))));

        landedOnce(ingest());
    }

    @Test
    void a_feature_store_locked_past_its_timeout_leaves_the_week_to_the_rerun() throws Exception {
        fault("feature store locked by another writer past the busy timeout");
        zip(ZIP).zip(ZIP);
        Exchange failed;
        try (Connection lock = lockFeatureStore()) {
            failed = ingest();
        }
        assertThat(deadLetterOf(failed)).isNotNull();

        Exchange rerun = ingest();

        assertThat(deadLetterOf(rerun)).isNull();
        rows(1, lakeReader().read("cot", "HE", null, null, false).rows().size());
        assertThat(featureStore().at("HE", RELEASE)).hasSize(FEATURES);
    }

    @Test
    void a_lake_write_failing_mid_batch_leaves_the_weeks_to_the_rerun_which_stores_each_once() throws Exception {
        fault("lake not writable for the second partition of a batch (first file written)");
        LocalDate march = LocalDate.of(2024, 3, 5);
        byte[] twoMonths = CftcFiles.zip("f_year.txt", CftcFiles.yearly(CftcFiles.hogs(march), CftcFiles.hogs(WEEK)));
        zip(twoMonths).zip(twoMonths);
        Files.createDirectories(lake().resolve("data_type=cot/market=HE/year=2024"));
        Files.writeString(lake().resolve("data_type=cot/market=HE/year=2024/month=03"), "in the way");
        CotSelection quarter = CotSelection.between(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 3, 31));

        Exchange failed = ingestCot(template, quarter, LocalDate.of(2024, 1, 1));

        assertThat(deadLetterOf(failed)).isNotNull();
        assertThat(featureRows()).isZero();
        Files.delete(lake().resolve("data_type=cot/market=HE/year=2024/month=03"));

        Exchange rerun = ingestCot(template, quarter, LocalDate.of(2024, 1, 1));

        assertThat(deadLetterOf(rerun)).isNull();
        rows(2, lakeReader().read("cot", "HE", null, null, false).rows().size());
        assertThat(featureRows()).isEqualTo(2 * FEATURES);
    }
}
