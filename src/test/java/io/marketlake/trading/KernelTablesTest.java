package io.marketlake.trading;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which tables exist: those whose log holds a commit or a checkpoint. */
class KernelTablesTest {

    @TempDir
    Path root;

    @Test
    void a_table_whose_log_keeps_only_a_checkpoint_of_its_commits_exists() throws Exception {
        KernelTables tables = new KernelTables(root);
        DeltaWriter writer = new DeltaWriter(tables, 100);
        writer.append(TradingTable.TRANSACTIONS, List.of(DeltaWriterTest.transaction("t0")), "source", 0);
        writer.append(TradingTable.TRANSACTIONS, List.of(DeltaWriterTest.transaction("t1")), "source", 1);
        writer.checkpoint(TradingTable.TRANSACTIONS);
        // what a log clean-up behind the checkpoint leaves
        Path log = tables.log(TradingTable.TRANSACTIONS);
        for (int version = 0; version <= 1; version++) {
            Files.delete(log.resolve(String.format("%020d.json", version)));
        }

        assertThat(tables.exists(TradingTable.TRANSACTIONS)).isTrue();
    }

    @Test
    void a_table_without_a_log_directory_does_not_exist() throws Exception {
        KernelTables tables = new KernelTables(root);
        Files.createDirectories(tables.path(TradingTable.TRANSACTIONS));

        assertThat(tables.exists(TradingTable.TRANSACTIONS)).isFalse();
    }
}
