package io.marketlake.trading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.marketlake.ConfigurationException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading a table "as of" an instant at the ends of its history and exactly at a commit's time. */
class TradingAsOfTest {

    @TempDir
    Path home;

    private DeltaTables tables;
    private TradingRepository repository;
    private List<Commit> history;

    @BeforeEach
    void twoCommits() throws Exception {
        tables = new DeltaTables(home.resolve("trading"), 100);
        TradingImport importer = new TradingImport(tables, 1000);
        importer.importFile(Files.writeString(home.resolve("positions-a.jsonl"),
                DeltaTablesTest.position("s1", "HEJ6", "open", "2026-02-17T15:00:00Z")));
        importer.importFile(Files.writeString(home.resolve("positions-b.jsonl"),
                DeltaTablesTest.position("s1", "HEJ6", "closed", "2026-02-18T15:00:00Z")));
        repository = new TradingRepository(tables);
        history = repository.history(TradingTable.POSITIONS);
        assertThat(history).extracting(Commit::version).containsExactly(0L, 1L);
    }

    @Test
    void a_time_after_the_last_commit_reads_the_latest_version() {
        Instant later = history.get(1).timestamp().plus(1, ChronoUnit.DAYS);

        assertThat(repository.rows(TradingTable.POSITIONS, ReadAt.asOf(later), null, null)).hasSize(2);
        assertThat(repository.positions(ReadAt.asOf(later), null, false, null))
                .extracting(p -> p.get("status")).containsExactly("closed");
    }

    @Test
    void a_time_exactly_at_a_commit_reads_that_commit_and_a_millisecond_before_it_the_one_before() {
        Instant second = history.get(1).timestamp();

        assertThat(repository.rows(TradingTable.POSITIONS, ReadAt.asOf(second), null, null)).hasSize(2);
        assertThat(repository.rows(TradingTable.POSITIONS, ReadAt.asOf(second.minusMillis(1)), null, null))
                .hasSize(1);
        assertThat(repository.rows(TradingTable.POSITIONS, ReadAt.asOf(history.get(0).timestamp()), null, null))
                .hasSize(1);
    }

    @Test
    void a_time_before_the_first_commit_is_a_user_error_naming_it_and_the_first_commit() {
        Instant first = history.get(0).timestamp();
        Instant before = first.minusMillis(1);

        assertThatThrownBy(() -> repository.rows(TradingTable.POSITIONS, ReadAt.asOf(before), null, null))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(before.toString())
                .hasMessageContaining(first.toString())
                .hasMessageContaining("positions")
                .hasMessageNotContaining("\n");
    }

    @Test
    void a_version_after_the_latest_is_a_user_error_naming_the_latest() {
        assertThatThrownBy(() -> repository.rows(TradingTable.POSITIONS, ReadAt.version(2), null, null))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("version 2")
                .hasMessageContaining("latest is 1");
    }
}
