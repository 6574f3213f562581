package io.marketlake.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketlake.Markets;
import io.marketlake.RouteTestSupport;
import io.marketlake.ingest.BatchLedger;
import io.marketlake.ingest.IngestProperties;
import io.marketlake.ingest.Ingestion;
import io.marketlake.ingest.Samples;
import io.marketlake.slices.SliceExporter;
import io.marketlake.slices.SliceVerifier;
import io.marketlake.trading.DeltaTables;
import io.marketlake.trading.ReadAt;
import io.marketlake.trading.TradingTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** Letters replayed once what made them fail is fixed: inbox drops (trading, slices) and bundled COT files. */
class DeadLetterReplayTest extends RouteTestSupport {

    @Test
    void a_trading_file_corrected_in_the_inbox_failed_directory_is_imported_by_its_replay() throws Exception {
        Path inbox = Files.createDirectories(home.resolve("inbox/trading"));
        context.getRouteController().startRoute("trading-inbox");
        Files.writeString(inbox.resolve("positions-x.csv"), "strategy_id,symbol,status,quantity,colour\n"
                + "s1,HEJ6,open,2,red\n");
        Awaitility.await().until(() -> Files.exists(inbox.resolve(".failed/positions-x.csv")));
        Awaitility.await().until(() -> archive().waiting().size() == 1);
        Files.writeString(inbox.resolve(".failed/positions-x.csv"), "strategy_id,symbol,status,quantity,updated_at\n"
                + "s1,HEJ6,open,2,2026-02-17T15:00:00Z\n");

        DeadLetterReplay.Result result = replay().replay(archive().waiting().get(0));

        assertThat(result.status()).as(result.detail()).isEqualTo(DeadLetterReplay.Status.REPLAYED);
        assertThat(new DeltaTables(home.resolve("trading"), 10).read(TradingTable.POSITIONS, ReadAt.latest(), null))
                .hasSize(1);
        assertThat(archive().waiting()).isEmpty();
    }

    @Test
    void a_slices_config_dropped_before_its_alerts_is_exported_by_its_replay_once_they_are_there() throws Exception {
        Path inbox = Files.createDirectories(home.resolve("inbox/slices"));
        context.getRouteController().startRoute("slices-inbox");
        Files.writeString(inbox.resolve("run.json"), """
                {"run_id": "late", "alerts": "alerts.csv", "data_type": "futures", "market": "HE",
                 "interval": "1d", "window": "pre2_post2"}""");
        Awaitility.await().until(() -> Files.exists(inbox.resolve(".failed/run.json")));
        Awaitility.await().until(() -> archive().waiting().size() == 1);
        Files.writeString(inbox.resolve("alerts.csv"), "alert_id,symbol,ts\na1,HEJ6,2026-02-18T15:30:00Z\n");

        DeadLetterReplay.Result result = replay().replay(archive().waiting().get(0));

        assertThat(result.status()).as(result.detail()).isEqualTo(DeadLetterReplay.Status.REPLAYED);
        assertThat(SliceVerifier.verify(home.resolve("runs/run_id=late")).ok()).isTrue();
        assertThat(archive().waiting()).isEmpty();
        assertThat(filesUnder("dead/.replayed/slices", "-failed.json")).hasSize(1);
    }

    @Test
    void a_bundled_cot_file_that_could_not_be_stored_is_loaded_again_from_its_letter() throws Exception {
        Path blocker = Files.writeString(Files.createDirectories(lake()).resolve("data_type=cot"),
                "a file where the lake needs a directory");
        template.send("direct:cot-load", e -> {
            e.setProperty(IngestProperties.MARKET, "HE");
            e.setProperty(IngestProperties.DATE, "2021-03-16");
            e.getMessage().setBody(Samples.bundled().stream().filter(s -> s.source().equals("cot")).findFirst()
                    .orElseThrow().payload());
        });
        Files.delete(blocker);

        DeadLetterReplay.Result result = replay().replay(single(archive().waiting()));

        assertThat(result.status()).as(result.detail()).isEqualTo(DeadLetterReplay.Status.REPLAYED);
        assertThat(result.outcome().report().rowsWritten()).isEqualTo(11);
        assertThat(lakeReader().read("cot", "HE", null, null, true).rows()).hasSize(11);
        assertThat(cftc.requested()).isEmpty();
    }

    private static <T> T single(List<T> items) {
        assertThat(items).hasSize(1);
        return items.get(0);
    }

    private DeadLetterArchive archive() {
        return new DeadLetterArchive(home.resolve("dead"), Clock.systemUTC());
    }

    private DeadLetterReplay replay() {
        return new DeadLetterReplay(archive(), bean("ingestion", Ingestion.class), bean("batchLedger", BatchLedger.class),
                bean("sliceExporter", SliceExporter.class), bean("markets", Markets.class), home);
    }

    private <T> T bean(String name, Class<T> type) {
        return context.getRegistry().lookupByNameAndType(name, type);
    }
}
