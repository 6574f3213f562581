package io.marketlake.trading;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A table's commits as its log records them. */
class DeltaHistoryTest {

    @TempDir
    Path root;

    private KernelTables tables;
    private DeltaHistory history;

    @BeforeEach
    void tables() {
        tables = new KernelTables(root);
        history = new DeltaHistory(tables);
    }

    @Test
    void each_commit_names_its_operation_and_how_many_rows_its_source_had_committed_through_it() {
        DeltaWriter writer = new DeltaWriter(tables, 100);
        writer.append(TradingTable.TRANSACTIONS, List.of(DeltaWriterTest.transaction("t0"),
                DeltaWriterTest.transaction("t1")), "source", 0);
        writer.append(TradingTable.TRANSACTIONS, List.of(DeltaWriterTest.transaction("t2")), "source", 2);

        List<Commit> commits = history.commits(TradingTable.TRANSACTIONS);

        assertThat(commits).extracting(Commit::version).containsExactly(0L, 1L);
        assertThat(commits).extracting(Commit::operation).containsExactly("CREATE TABLE", "WRITE");
        assertThat(commits).extracting(Commit::appId).containsExactly("source", "source");
        assertThat(commits).extracting(Commit::appVersion).containsExactly(2L, 3L);
        assertThat(commits.get(1).timestamp()).isAfterOrEqualTo(commits.get(0).timestamp());
        assertThat(history.first(TradingTable.TRANSACTIONS)).contains(commits.get(0));
    }

    @Test
    void a_log_holding_only_a_killed_commit_s_temporary_file_has_no_history() throws Exception {
        Path log = Files.createDirectories(tables.log(TradingTable.TRANSACTIONS));
        Files.writeString(log.resolve(".00000000000000000000.json.5f0c7a1e-tmp"), "{\"commitInfo\":{");

        assertThat(history.commits(TradingTable.TRANSACTIONS)).isEmpty();
    }
}
