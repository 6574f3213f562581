package io.marketlake.trading;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Commits of a source's rows: each row once, counted by the source's transaction version. */
class DeltaWriterTest {

    @TempDir
    Path root;

    private KernelTables tables;
    private DeltaWriter writer;

    @BeforeEach
    void writer() {
        tables = new KernelTables(root);
        writer = new DeltaWriter(tables, 100);
    }

    @Test
    void rows_the_table_already_holds_are_not_committed_again() {
        assertThat(writer.append(TradingTable.TRANSACTIONS, List.of(transaction("t0"), transaction("t1")), "source", 0))
                .isZero();

        assertThat(writer.append(TradingTable.TRANSACTIONS, List.of(transaction("t0"), transaction("t1")), "source", 0))
                .isEqualTo(-1);
        assertThat(latestVersion(TradingTable.TRANSACTIONS)).isZero();
    }

    @Test
    void rows_after_a_gap_in_what_the_source_committed_are_not_committed() {
        writer.append(TradingTable.TRANSACTIONS, List.of(transaction("t0"), transaction("t1")), "source", 0);

        assertThat(writer.append(TradingTable.TRANSACTIONS, List.of(transaction("t5")), "source", 5)).isEqualTo(-1);
        assertThat(latestVersion(TradingTable.TRANSACTIONS)).isZero();
    }

    @Test
    void a_source_s_last_transaction_is_the_number_of_its_rows_committed() {
        writer.append(TradingTable.TRANSACTIONS, List.of(transaction("t0"), transaction("t1")), "source", 0);
        writer.append(TradingTable.TRANSACTIONS, List.of(transaction("t2")), "source", 2);

        assertThat(writer.lastTransaction(TradingTable.TRANSACTIONS, "source")).isEqualTo(3);
        assertThat(writer.lastTransaction(TradingTable.TRANSACTIONS, "another source")).isEqualTo(-1);
    }

    @Test
    void a_checkpoint_of_a_table_not_created_yet_writes_nothing() {
        assertThat(writer.checkpoint(TradingTable.GREEKS)).isEqualTo(-1);
        assertThat(root).isEmptyDirectory();
    }

    private long latestVersion(TradingTable table) {
        return tables.open(table).getLatestSnapshot(tables.engine()).getVersion();
    }

    static Map<String, Object> transaction(String id) {
        return Map.of("transaction_id", id, "strategy_id", "s1", "action", "BUY", "quantity", 1L, "price", 1.25,
                "commission", 0.5, "ts", Instant.parse("2026-02-17T15:00:00Z"));
    }
}
