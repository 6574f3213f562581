package io.marketlake.trading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An import that stopped after its first commit, resumed with another {@code marketlake.trading.batch-size}:
 * the table holds every row of the file once.
 */
class TradingResumeTest {

    @TempDir
    Path home;

    private DeltaTables tables;
    private Path file;

    /** The real import with batch size 2, stopped after its first commit as a crash would stop it. */
    @BeforeEach
    void importStoppedAfterItsFirstCommit() throws Exception {
        tables = new DeltaTables(home.resolve("trading"), 100);
        StringBuilder five = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            five.append(DeltaTablesTest.transaction("t" + i, "BUY", 1));
        }
        file = Files.writeString(home.resolve("transactions-day.jsonl"), five);
        assertThatThrownBy(() -> new TradingImport(killedAfter(1), 2).importFile(file)).hasMessage("process killed");
        assertThat(ids()).containsExactly("t0", "t1");
    }

    @Test
    void a_resume_with_a_larger_batch_size_adds_the_rest_once() {
        TradingImport.Result resumed = new TradingImport(tables, 3).importFile(file);

        assertThat(resumed.committed()).containsExactly(1L);
        assertThat(ids()).containsExactlyInAnyOrder("t0", "t1", "t2", "t3", "t4");
    }

    @Test
    void a_resume_with_a_smaller_batch_size_adds_the_rest_once() {
        TradingImport.Result resumed = new TradingImport(tables, 1).importFile(file);

        assertThat(resumed.committed()).containsExactly(1L, 2L, 3L);
        assertThat(ids()).containsExactlyInAnyOrder("t0", "t1", "t2", "t3", "t4");
    }

    @Test
    void the_history_shows_how_many_rows_of_the_file_each_commit_had_committed() {
        new TradingImport(tables, 1).importFile(file);

        assertThat(tables.history(TradingTable.TRANSACTIONS)).extracting(Commit::appVersion)
                .containsExactly(2L, 3L, 4L, 5L);
    }

    @Test
    void a_re_import_after_the_resume_adds_nothing_whatever_the_batch_size() {
        new TradingImport(tables, 3).importFile(file);

        for (int batchSize : new int[] {1, 2, 3, 10}) {
            TradingImport.Result again = new TradingImport(tables, batchSize).importFile(file);
            assertThat(again.committed()).as("batch size %d", batchSize).isEmpty();
        }
        assertThat(tables.latestVersion(TradingTable.TRANSACTIONS)).isEqualTo(1);
        assertThat(ids()).containsExactlyInAnyOrder("t0", "t1", "t2", "t3", "t4");
    }

    @Test
    void an_import_overtaken_by_another_import_of_the_file_goes_on_from_the_row_that_one_reached() {
        DeltaTables overtaken = new DeltaTables(home.resolve("trading"), 100) {
            private boolean first = true;

            @Override
            public long append(TradingTable table, List<Map<String, Object>> rows, String appId, long from) {
                if (first) {
                    first = false;
                    // after this import looked at the table: another one, batch size 1, commits row t2 and dies
                    assertThatThrownBy(() -> new TradingImport(killedAfter(1), 1).importFile(file))
                            .hasMessage("process killed");
                }
                return super.append(table, rows, appId, from);
            }
        };

        new TradingImport(overtaken, 3).importFile(file);

        assertThat(ids()).containsExactlyInAnyOrder("t0", "t1", "t2", "t3", "t4");
        assertThat(tables.history(TradingTable.TRANSACTIONS)).extracting(Commit::appVersion)
                .containsExactly(2L, 3L, 5L);
    }

    /** The real tables, where a process dies after the given number of commits. */
    private DeltaTables killedAfter(int commits) {
        return new DeltaTables(home.resolve("trading"), 100) {
            private int appends;

            @Override
            public long append(TradingTable table, List<Map<String, Object>> rows, String appId, long from) {
                if (++appends > commits) {
                    throw new IllegalStateException("process killed");
                }
                return super.append(table, rows, appId, from);
            }
        };
    }

    private List<Object> ids() {
        return tables.read(TradingTable.TRANSACTIONS, ReadAt.latest(), null).stream()
                .map(row -> row.get("transaction_id")).toList();
    }
}
