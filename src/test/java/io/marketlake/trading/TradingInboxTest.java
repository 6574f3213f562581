package io.marketlake.trading;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketlake.RouteTestSupport;
import java.nio.file.Files;
import java.nio.file.Path;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** Trading events dropped in the inbox: imported once, bad rows quarantined, a bad file dead-lettered. */
class TradingInboxTest extends RouteTestSupport {

    @Test
    void a_re_dropped_file_adds_nothing_and_bad_rows_are_quarantined() throws Exception {
        Path inbox = Files.createDirectories(home.resolve("inbox/trading"));
        String events = DeltaTablesTest.transaction("t1", "BUY", 2) + DeltaTablesTest.transaction("t2", "HOLD", 1);
        context.getRouteController().startRoute("trading-inbox");

        Files.writeString(inbox.resolve("transactions-monday.jsonl"), events);
        Awaitility.await().until(() -> Files.exists(inbox.resolve(".done/transactions-monday.jsonl")));
        Files.delete(inbox.resolve(".done/transactions-monday.jsonl"));
        Files.writeString(inbox.resolve("transactions-monday.jsonl"), events);
        Awaitility.await().until(() -> Files.exists(inbox.resolve(".done/transactions-monday.jsonl")));

        DeltaTables tables = new DeltaTables(home.resolve("trading"), 10);
        assertThat(tables.read(TradingTable.TRANSACTIONS, ReadAt.latest(), null)).hasSize(1);
        assertThat(tables.latestVersion(TradingTable.TRANSACTIONS)).isZero();
        var rejected = filesUnder("dead/trading/transactions", "-rejected.jsonl");
        assertThat(rejected).hasSize(1); // the same rejection, quarantined once
        assertThat(read(rejected.get(0))).contains("unknown_action").contains("HOLD");
    }

    @Test
    void a_file_with_an_unknown_column_is_moved_to_failed_and_dead_lettered() throws Exception {
        Path inbox = Files.createDirectories(home.resolve("inbox/trading"));
        context.getRouteController().startRoute("trading-inbox");

        Files.writeString(inbox.resolve("legs-x.csv"), "leg_id,strategy_id,symbol,colour\nl1,s1,HEJ6,red\n");

        Awaitility.await().until(() -> Files.exists(inbox.resolve(".failed/legs-x.csv")));
        var letters = filesUnder("dead/trading", "-failed.json");
        assertThat(letters).hasSize(1);
        assertThat(read(letters.get(0))).contains("column 'colour' is not one of legs's");
        assertThat(new DeltaTables(home.resolve("trading"), 10).exists(TradingTable.LEGS)).isFalse();
    }
}
