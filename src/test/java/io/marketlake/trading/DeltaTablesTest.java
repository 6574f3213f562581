package io.marketlake.trading;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketlake.ingest.Batch;
import io.marketlake.ingest.Rejection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Delta tables written by Kernel and read back: versions, time travel, pruning, history, checkpoints. */
public class DeltaTablesTest {

    @TempDir
    Path home;

    @Test
    void each_version_and_each_instant_between_commits_reads_exactly_the_rows_of_that_moment() throws Exception {
        DeltaTables tables = new DeltaTables(home, 100);
        TradingImport importer = new TradingImport(tables, 1000);
        importer.importFile(file("positions-a.jsonl", position("s1", "HEJ6", "open", "2026-02-17T15:00:00Z")));
        importer.importFile(file("positions-b.jsonl", position("s2", "HEM6", "open", "2026-02-17T16:00:00Z")));
        importer.importFile(file("positions-c.jsonl", position("s1", "HEJ6", "closed", "2026-02-18T15:00:00Z")));
        TradingRepository repository = new TradingRepository(tables);

        assertThat(state(repository.positions(ReadAt.version(0), null, false, null))).containsExactly("s1 HEJ6 open");
        assertThat(state(repository.positions(ReadAt.version(1), null, false, null)))
                .containsExactly("s1 HEJ6 open", "s2 HEM6 open");
        assertThat(state(repository.positions(ReadAt.version(2), null, false, null)))
                .containsExactly("s1 HEJ6 closed", "s2 HEM6 open");
        assertThat(state(repository.positions(ReadAt.latest(), null, true, null))).containsExactly("s2 HEM6 open");
        assertThat(repository.rows(TradingTable.POSITIONS, ReadAt.version(2), null, null)).hasSize(3);

        List<Commit> history = repository.history(TradingTable.POSITIONS);
        assertThat(history).extracting(Commit::version).containsExactly(0L, 1L, 2L);
        assertThat(history).extracting(Commit::operation).containsExactly("CREATE TABLE", "WRITE", "WRITE");
        for (int v = 0; v < 2; v++) {
            Instant committed = history.get(v).timestamp();
            Instant beforeNext = history.get(v + 1).timestamp().minusMillis(1);
            assertThat(repository.rows(TradingTable.POSITIONS, ReadAt.asOf(committed), null, null)).hasSize(v + 1);
            assertThat(repository.rows(TradingTable.POSITIONS, ReadAt.asOf(beforeNext), null, null)).hasSize(v + 1);
        }
        assertThat(repository.rows(TradingTable.POSITIONS, ReadAt.asOf(history.get(2).timestamp()), null, null))
                .hasSize(3);
    }

    @Test
    void a_symbol_reads_only_its_partition() throws Exception {
        DeltaTables tables = new DeltaTables(home, 100);
        new TradingImport(tables, 1000).importFile(file("positions-a.jsonl",
                position("s1", "HEJ6", "open", "2026-02-17T15:00:00Z") + position("s2", "HEM6", "open",
                        "2026-02-17T15:00:00Z") + position("s3", "HEN6", "open", "2026-02-17T15:00:00Z")));

        assertThat(tables.filesScanned(TradingTable.POSITIONS, ReadAt.latest(), null)).isEqualTo(3);
        assertThat(tables.filesScanned(TradingTable.POSITIONS, ReadAt.latest(), "HEM6")).isEqualTo(1);
        assertThat(state(new TradingRepository(tables).positions(ReadAt.latest(), "HEM6", false, null)))
                .containsExactly("s2 HEM6 open");
        assertThat(tables.path(TradingTable.POSITIONS).resolve("symbol=HEM6")).isDirectory();
    }

    @Test
    void the_same_file_twice_adds_nothing_and_a_file_cut_in_batches_resumes_where_it_stopped() throws Exception {
        DeltaTables tables = new DeltaTables(home, 100);
        TradingImport importer = new TradingImport(tables, 2);
        StringBuilder five = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            five.append(transaction("t" + i, "BUY", 1));
        }
        Path file = file("transactions-day.jsonl", five.toString());

        TradingImport.Result first = importer.importFile(file);
        TradingImport.Result again = importer.importFile(file);

        assertThat(first.committed()).containsExactly(0L, 1L, 2L); // batches of 2, 2 and 1 rows
        assertThat(again.committed()).isEmpty();
        assertThat(again.alreadyDone()).isEqualTo(3);
        assertThat(tables.read(TradingTable.TRANSACTIONS, ReadAt.latest(), null)).hasSize(5);
    }

    @Test
    void an_import_killed_while_creating_the_table_is_finished_by_the_next_one() throws Exception {
        DeltaTables tables = new DeltaTables(home, 100);
        // what a kill during the first commit leaves: the log directory, holding only the commit's temporary file
        Path log = Files.createDirectories(tables.path(TradingTable.TRANSACTIONS).resolve("_delta_log"));
        Files.writeString(log.resolve(".00000000000000000000.json.5f0c7a1e-tmp"), "{\"commitInfo\":{");
        Path file = file("transactions-day.jsonl", transaction("t0", "BUY", 1) + transaction("t1", "SELL", 1));

        assertThat(tables.exists(TradingTable.TRANSACTIONS)).isFalse();
        TradingImport.Result result = new TradingImport(tables, 1).importFile(file);

        assertThat(result.committed()).containsExactly(0L, 1L);
        assertThat(tables.read(TradingTable.TRANSACTIONS, ReadAt.latest(), null)).hasSize(2);
    }

    @Test
    void checkpoints_come_every_n_commits_and_time_travel_still_works() throws Exception {
        DeltaTables tables = new DeltaTables(home, 2);
        TradingImport importer = new TradingImport(tables, 100);
        for (int i = 0; i < 5; i++) {
            importer.importFile(file("greeks-" + i + ".jsonl", "{\"strategy_id\":\"s1\",\"symbol\":\"HEJ6\",\"delta\":"
                    + i + ",\"ts\":\"2026-02-17T15:0" + i + ":00Z\"}\n"));
        }
        long manual = tables.checkpoint(TradingTable.GREEKS);

        Path log = tables.path(TradingTable.GREEKS).resolve("_delta_log");
        assertThat(log.resolve(String.format("%020d.checkpoint.parquet", 2))).exists();
        assertThat(log.resolve(String.format("%020d.checkpoint.parquet", 4))).exists();
        assertThat(manual).isEqualTo(4);
        assertThat(tables.read(TradingTable.GREEKS, ReadAt.version(1), null)).hasSize(2);
        assertThat(tables.read(TradingTable.GREEKS, ReadAt.latest(), null)).hasSize(5);
    }

    @Test
    void bad_events_are_rejected_with_their_reason_and_good_ones_kept() throws Exception {
        Batch<Map<String, Object>> rows = TradingRows.read(TradingTable.TRANSACTIONS, file("transactions-x.jsonl",
                transaction("t1", "BUY", 3) + transaction("t2", "HOLD", 3) + transaction("t3", "SELL", -2)
                        + "{\"strategy_id\":\"s1\",\"action\":\"BUY\",\"quantity\":1,\"ts\":\"2026-02-17T15:00:00Z\"}\n"
                        + "{\"transaction_id\":\"t5\",\"strategy_id\":\"s1\",\"action\":\"BUY\",\"quantity\":1,"
                        + "\"ts\":\"2026-02-17T15:00:00\"}\n"));

        assertThat(rows.records()).extracting(r -> r.get("transaction_id")).containsExactly("t1");
        assertThat(rows.rejections()).extracting(Rejection::rule).containsExactly(
                "unknown_action", "negative_quantity", "missing_transaction_id", "unreadable_value");
        assertThat(rows.rejections().get(0).detail()).contains("action 'HOLD' is not one of [BUY, CLOSE, OPEN, SELL]");
        assertThat(rows.rejections().get(3).detail()).contains("explicit offset");
    }

    private Path file(String name, String content) throws Exception {
        return Files.writeString(home.resolve(name), content);
    }

    public static String position(String strategy, String symbol, String status, String updatedAt) {
        return "{\"strategy_id\":\"" + strategy + "\",\"strategy_type\":\"vertical\",\"symbol\":\"" + symbol
                + "\",\"status\":\"" + status + "\",\"quantity\":1,\"entry_price\":1.5,\"updated_at\":\"" + updatedAt
                + "\"}\n";
    }

    public static String transaction(String id, String action, long quantity) {
        return "{\"transaction_id\":\"" + id + "\",\"strategy_id\":\"s1\",\"leg_id\":\"l1\",\"action\":\"" + action
                + "\",\"quantity\":" + quantity + ",\"price\":1.25,\"commission\":0.5,\"ts\":\"2026-02-17T15:00:00Z\"}\n";
    }

    private static List<String> state(List<Map<String, Object>> positions) {
        return positions.stream().map(p -> p.get("strategy_id") + " " + p.get("symbol") + " " + p.get("status")).toList();
    }
}
