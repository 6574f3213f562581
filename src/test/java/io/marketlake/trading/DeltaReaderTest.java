package io.marketlake.trading;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rows read back from a table's state. */
class DeltaReaderTest {

    @TempDir
    Path root;

    private KernelTables tables;
    private DeltaWriter writer;
    private DeltaReader reader;

    @BeforeEach
    void tables() {
        tables = new KernelTables(root);
        writer = new DeltaWriter(tables, 100);
        reader = new DeltaReader(tables, new DeltaSnapshots(tables, new DeltaHistory(tables)));
    }

    @Test
    void a_row_reads_back_as_written_with_every_column_and_a_null_for_each_value_it_lacks() {
        Map<String, Object> leg = new HashMap<>(Map.of("leg_id", "l1", "strategy_id", "s1", "symbol", "HEJ6",
                "strike", 90.5, "expiry", LocalDate.of(2026, 4, 14), "right", "C", "quantity", 2L,
                "status", "open", "updated_at", Instant.parse("2026-02-17T15:00:00.123456Z")));
        writer.append(TradingTable.LEGS, List.of(leg), "source", 0);

        Map<String, Object> expected = new LinkedHashMap<>();
        TradingTable.LEGS.columns().forEach(column -> expected.put(column.name(), leg.get(column.name())));
        assertThat(reader.read(TradingTable.LEGS, ReadAt.latest(), null)).containsExactly(expected);
    }

    @Test
    void a_table_not_created_yet_reads_as_no_rows() {
        assertThat(reader.read(TradingTable.POSITIONS, ReadAt.latest(), "HEJ6")).isEmpty();
    }
}
