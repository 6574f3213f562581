package io.marketlake.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.marketlake.MinuteBars;
import io.marketlake.RouteTestSupport;
import io.marketlake.TestResources;
import io.marketlake.cot.CftcFiles;
import io.marketlake.cot.CotSelection;
import io.marketlake.features.FeaturePoint;
import io.marketlake.ingest.Backfill;
import io.marketlake.ingest.BatchLedger;
import io.marketlake.ingest.IngestProperties;
import io.marketlake.ingest.Ingestion;
import java.nio.file.Files;
import java.sql.Connection;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Properties;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * A batch is complete only when both stores hold it: a failure between the lake and the feature store is
 * dead-lettered and leaves the batch pending, and the next run finishes it without doubling anything.
 */
class CompletionTest extends RouteTestSupport {

    private static final String TUE_13 = "samples/databento/HE.FUT-ohlcv-1d-2026-02-13-csv_raw.csv";
    private static final LocalDate FRI = LocalDate.of(2026, 2, 13);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

    @Override
    protected Properties useOverridePropertiesWithPropertiesComponent() {
        Properties properties = super.useOverridePropertiesWithPropertiesComponent();
        // a locked feature store fails at once instead of after the production 30 s
        properties.put("marketlake.features.busy-timeout", "PT0.2S");
        return properties;
    }

    @BeforeEach
    void captureLogs() {
        logs.start();
        root.addAppender(logs);
    }

    @AfterEach
    void stopCapturing() {
        root.detachAppender(logs);
    }

    @Test
    void a_lake_write_that_fails_is_dead_lettered_with_its_payload_and_logged_at_error() throws Exception {
        Files.createDirectories(lake());
        Files.writeString(lake().resolve("data_type=futures"), "a file where the lake needs a directory");
        String payload = TestResources.text(TUE_13);
        databento.ok(payload);

        Exchange exchange = ingestFutures("HE", FRI.toString());

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getProperty(IngestProperties.DEAD_LETTER)).isNotNull();
        JsonNode letter = JSON.readTree(read(single(filesUnder("dead", "-failed.json")).toFile().toPath()));
        assertThat(letter.get("payload").asText()).isEqualTo(payload);
        assertThat(letter.get("reason").asText()).contains("data_type=futures").doesNotStartWith("CamelExchangeException");
        assertThat(logs.list).anySatisfy(event -> {
            assertThat(event.getLevel()).isEqualTo(Level.ERROR);
            assertThat(event.getFormattedMessage()).contains("futures/HE").contains(FRI.toString());
        });
        assertThat(featureStore().countByMarket()).isEmpty();
        assertThat(ledger().done("futures", "futures", "HE", List.of(FRI))).isEmpty();
    }

    @Test
    void features_that_fail_after_the_lake_write_are_completed_by_the_next_backfill() throws Exception {
        databento.ok(TestResources.text(TUE_13)).ok(TestResources.text(TUE_13));
        Ingestion.Outcome failed;
        try (Connection lock = lockFeatureStore()) {
            failed = backfillFriday().outcomes().get(0);
        }
        assertThat(failed.failure()).contains("feature");
        assertThat(failed.deadLetter()).isNotNull();
        assertThat(lakeReader().read("futures", "HE", null, null, false).rows()).hasSize(16);
        assertThat(featureStore().at("HE", Instant.parse("2026-02-14T00:00:00Z"))).isEmpty();

        Backfill.Result rerun = backfillFriday();

        assertThat(rerun.skipped()).isZero();
        assertThat(rerun.outcomes()).singleElement().satisfies(o -> assertThat(o.clean()).isTrue());
        List<FeaturePoint> known = featureStore().at("HE", Instant.parse("2026-02-14T00:00:00Z"));
        assertThat(known).isNotEmpty().extracting(FeaturePoint::asOf).containsOnly(Instant.parse("2026-02-13T00:00:00Z"));
        assertThat(lakeReader().read("futures", "HE", null, null, false).rows()).hasSize(16);
        long featureRows = featureStore().countByMarket().get("HE");

        Backfill.Result third = backfillFriday();

        assertThat(third.skipped()).isEqualTo(1);
        assertThat(third.outcomes()).isEmpty();
        assertThat(databento.requests()).hasSize(2);
        assertThat(featureStore().countByMarket().get("HE")).isEqualTo(featureRows);
    }

    @Test
    void minute_bars_whose_ledger_entry_failed_are_completed_by_the_next_backfill_without_doubling() throws Exception {
        LocalDate tuesday = LocalDate.of(2026, 2, 17);
        databento.ok(MinuteBars.day()).ok(MinuteBars.day());
        Ingestion.Outcome failed;
        try (Connection lock = lockFeatureStore()) {
            failed = backfill(Backfill.DailySource.FUTURES_1M, tuesday).outcomes().get(0);
        }
        assertThat(failed.failure()).contains("feature");
        // the lake holds the bars, the streamed response moved from landing/ into the dead letter
        assertThat(lakeReader().read("futures_1m", "HE", null, null, false).rows()).hasSize(MinuteBars.BARS);
        assertThat(filesUnder("landing", ".txt")).isEmpty();
        assertThat(filesUnder("dead", "-ohlcv-1m.txt")).hasSize(1);
        assertThat(ledger().done("futures_1m", "futures_1m", "HE", List.of(tuesday))).isEmpty();

        Backfill.Result rerun = backfill(Backfill.DailySource.FUTURES_1M, tuesday);

        assertThat(rerun.outcomes()).singleElement().satisfies(o -> assertThat(o.clean()).isTrue());
        assertThat(lakeReader().read("futures_1m", "HE", null, null, false).rows()).hasSize(MinuteBars.BARS);
        assertThat(lakeReader().read("futures_1m", "HE", null, null, true).rows()).hasSize(2 * MinuteBars.BARS);
        Backfill.Result third = backfill(Backfill.DailySource.FUTURES_1M, tuesday);
        assertThat(third.skipped()).isEqualTo(1);
        assertThat(databento.requests()).hasSize(2);
        // and the daily bars of that date are a feed of their own, still to be done
        assertThat(ledger().done("futures", "futures", "HE", List.of(tuesday))).isEmpty();
    }

    @Test
    void a_cot_week_whose_features_failed_is_finished_by_the_rerun_once() throws Exception {
        LocalDate week = LocalDate.of(2024, 1, 9);
        cftc.yearly(2024, CftcFiles.zip("f_year.txt", CftcFiles.yearly(CftcFiles.hogs(week))));
        Exchange failed;
        try (Connection lock = lockFeatureStore()) {
            failed = ingestCot(week);
        }
        assertThat(failed.getProperty(IngestProperties.DEAD_LETTER)).isNotNull();
        assertThat(lakeReader().read("cot", "HE", null, null, true).rows()).hasSize(1);

        Exchange rerun = ingestCot(week);

        assertThat(report(rerun).featuresWritten()).isEqualTo(7);
        assertThat(featureStore().at("HE", Instant.parse("2024-01-12T20:30:00Z"))).hasSize(7);
        assertThat(lakeReader().read("cot", "HE", null, null, false).rows()).hasSize(1);

        Exchange third = ingestCot(week);

        assertThat(report(third).rowsWritten()).isZero();
        assertThat(report(third).featuresWritten()).isZero();
        assertThat(lakeReader().read("cot", "HE", null, null, true).rows()).hasSize(2);
    }

    private Exchange ingestCot(LocalDate week) {
        return template.send("direct:cot-ingest", e -> {
            e.setProperty(IngestProperties.MARKET, "HE");
            e.setProperty(IngestProperties.DATE, week.toString());
            e.setProperty(IngestProperties.COT_SELECTION, CotSelection.weekOf(week));
        });
    }

    private Backfill.Result backfillFriday() {
        return backfill(Backfill.DailySource.FUTURES, FRI);
    }

    private Backfill.Result backfill(Backfill.DailySource source, LocalDate date) {
        return context.getRegistry().lookupByNameAndType("backfill", Backfill.class)
                .daily(source, "HE", date, date, false, new Backfill.Progress() {
                    @Override
                    public void started(int dates) {
                    }

                    @Override
                    public void step(LocalDate date, Ingestion.Outcome outcome) {
                    }

                    @Override
                    public void skipped(LocalDate date) {
                    }
                });
    }

    private BatchLedger ledger() {
        return context.getRegistry().lookupByNameAndType("batchLedger", BatchLedger.class);
    }

    private static <T> T single(List<T> items) {
        assertThat(items).hasSize(1);
        return items.get(0);
    }
}
