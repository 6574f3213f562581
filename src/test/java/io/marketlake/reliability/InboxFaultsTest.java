package io.marketlake.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketlake.trading.DeltaTables;
import io.marketlake.trading.DeltaTablesTest;
import io.marketlake.trading.ReadAt;
import io.marketlake.trading.TradingTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** Files dropped in the trading and slices inboxes while the daemon runs, misformed or hostile. */
class InboxFaultsTest extends FaultMatrix {

    private Path tradingInbox() throws Exception {
        Path inbox = Files.createDirectories(home.resolve("inbox/trading"));
        context.getRouteController().startRoute("trading-inbox");
        return inbox;
    }

    private Path slicesInbox() throws Exception {
        Path inbox = Files.createDirectories(home.resolve("inbox/slices"));
        context.getRouteController().startRoute("slices-inbox");
        return inbox;
    }

    private long transactions() {
        DeltaTables tables = new DeltaTables(home.resolve("trading"), 10);
        return tables.exists(TradingTable.TRANSACTIONS)
                ? tables.read(TradingTable.TRANSACTIONS, ReadAt.latest(), null).size() : 0;
    }

    private static void awaitFile(Path file) {
        Awaitility.await().until(() -> Files.exists(file));
    }

    @Test
    void an_unreadable_line_is_quarantined_and_the_other_rows_import() throws Exception {
        fault("trading inbox: one line of a file is not JSON");
        Path inbox = tradingInbox();
        Files.writeString(inbox.resolve("transactions-a.jsonl"), DeltaTablesTest.transaction("t1", "BUY", 1)
                + "{\"transaction_id\": \"t2\", \n" + DeltaTablesTest.transaction("t3", "SELL", 1));

        awaitFile(inbox.resolve(".done/transactions-a.jsonl"));

        rows(2, transactions());
        assertThat(filesUnder("dead/trading", "-rejected.jsonl")).hasSize(1);
    }

    @Test
    void a_file_dropped_twice_imports_its_rows_once() throws Exception {
        fault("trading inbox: the same file dropped twice");
        Path inbox = tradingInbox();
        String events = DeltaTablesTest.transaction("t1", "BUY", 1) + DeltaTablesTest.transaction("t2", "SELL", 1);
        Files.writeString(inbox.resolve("transactions-b.jsonl"), events);
        awaitFile(inbox.resolve(".done/transactions-b.jsonl"));
        Files.delete(inbox.resolve(".done/transactions-b.jsonl"));

        Files.writeString(inbox.resolve("transactions-b.jsonl"), events);
        awaitFile(inbox.resolve(".done/transactions-b.jsonl"));

        rows(2, transactions());
    }

    @Test
    void a_binary_file_is_rejected_row_by_row_and_nothing_is_imported() throws Exception {
        fault("trading inbox: binary garbage named like an import");
        Path inbox = tradingInbox();
        byte[] garbage = new byte[4096];
        new java.util.Random(7).nextBytes(garbage);
        Files.write(inbox.resolve("transactions-c.jsonl"), garbage);

        Awaitility.await().until(() -> Files.exists(inbox.resolve(".done/transactions-c.jsonl"))
                || Files.exists(inbox.resolve(".failed/transactions-c.jsonl")));

        rows(0, transactions());
        assertThat(filesUnder("dead/trading", ".json").size() + filesUnder("dead/trading", ".jsonl").size())
                .isPositive();
    }

    @Test
    void a_table_that_cannot_be_written_fails_the_file_which_a_later_drop_imports_once() throws Exception {
        fault("trading inbox: the Delta table's directory cannot be created");
        Path inbox = tradingInbox();
        Files.createDirectories(home.resolve("trading"));
        Files.writeString(home.resolve("trading/transactions"), "in the way");
        String events = DeltaTablesTest.transaction("t1", "BUY", 1);
        Files.writeString(inbox.resolve("transactions-d.jsonl"), events);
        awaitFile(inbox.resolve(".failed/transactions-d.jsonl"));
        assertThat(filesUnder("dead/trading", "-failed.json")).hasSize(1);

        Files.delete(home.resolve("trading/transactions"));
        Files.move(inbox.resolve(".failed/transactions-d.jsonl"), inbox.resolve("transactions-d.jsonl"));
        awaitFile(inbox.resolve(".done/transactions-d.jsonl"));

        rows(1, transactions());
    }

    @Test
    void a_config_that_is_not_json_is_moved_to_failed_with_a_dead_letter() throws Exception {
        fault("slices inbox: a config that is not JSON");
        Path inbox = slicesInbox();
        Files.writeString(inbox.resolve("broken.json"), "{\"alerts\": ");

        awaitFile(inbox.resolve(".failed/broken.json"));

        assertThat(filesUnder("dead/slices", "-failed.json")).singleElement()
                .satisfies(letter -> assertThat(read(letter)).contains("\"inbox_file\" : \"broken.json\"")
                        .contains("not JSON"));
        assertThat(Files.exists(home.resolve("runs"))).isFalse();
    }

    @Test
    void a_hostile_run_id_is_refused_and_nothing_is_written_outside_runs() throws Exception {
        fault("slices inbox: run_id ../../escaped");
        Path inbox = slicesInbox();
        Files.writeString(inbox.resolve("alerts.csv"), "alert_id,symbol,ts\na1,HEJ6,2026-02-18T00:00:00Z\n");
        Files.writeString(inbox.resolve("evil.json"), "{\"run_id\": \"../../escaped\", \"alerts\": \"alerts.csv\","
                + " \"data_type\": \"futures\", \"market\": \"HE\", \"interval\": \"1d\", \"window\": \"pre2_post2\"}");

        awaitFile(inbox.resolve(".failed/evil.json"));

        try (Stream<Path> all = Files.walk(home.getParent(), 2)) {
            assertThat(all.map(p -> p.getFileName().toString())).doesNotContain("escaped");
        }
        assertThat(filesUnder("dead/slices", "-failed.json")).hasSize(1);
    }

    @Test
    void a_config_for_an_unknown_market_is_refused_naming_it() throws Exception {
        fault("slices inbox: a market that is not configured");
        Path inbox = slicesInbox();
        Files.writeString(inbox.resolve("alerts.csv"), "alert_id,symbol,ts\na1,HEJ6,2026-02-18T00:00:00Z\n");
        Files.writeString(inbox.resolve("zz.json"), "{\"alerts\": \"alerts.csv\", \"data_type\": \"futures\","
                + " \"market\": \"ZZ\", \"interval\": \"1d\", \"window\": \"pre2_post2\"}");

        awaitFile(inbox.resolve(".failed/zz.json"));

        assertThat(filesUnder("dead/slices", "-failed.json")).singleElement()
                .satisfies(letter -> assertThat(read(letter)).contains("unknown market"));
    }

}
