package io.marketlake.lake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.marketlake.Duck;
import io.marketlake.databento.ContractType;
import io.marketlake.databento.OhlcvBar;
import io.marketlake.futures.FuturesLakeTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lake's own Parquet encoder, read back by DuckDB: several row groups, columns that repeat (dictionary pages)
 * and columns that do not (PLAIN), empty optional values, and statistics that match the values they describe.
 */
class ColumnarParquetWriterTest {

    private static final Instant DAY = Instant.parse("2024-03-05T00:00:00Z");

    @TempDir
    Path lake;

    @Test
    void a_file_of_several_row_groups_reads_back_value_for_value_with_true_statistics() {
        int rows = ColumnarParquetWriter.ROW_GROUP_ROWS * 2 + 1_234;
        List<OhlcvBar> bars = new ArrayList<>(rows);
        for (int i = 0; i < rows; i++) {
            // open: every value distinct (PLAIN); close: 7 values (dictionary); symbol empty for every 5th
            double open = 1_000 + i * 0.25;
            double close = (i % 7) - 3.5;
            bars.add(new OhlcvBar(DAY.plusSeconds(i), 32, 1, 100 + (i % 50), i % 5 == 0 ? null : "HEJ4-" + (i % 50),
                    ContractType.SPREAD, open, open + 1, -open, close, i, "raw"));
        }

        write(bars);

        Map<String, Object> totals = Duck.query(lake, "SELECT count(*) AS n, sum(open) AS opens, sum(close) AS closes,"
                + " count(symbol) AS symbols, count(DISTINCT symbol) AS distinct_symbols, sum(volume) AS volume,"
                + " min(ts_event) AS first, max(ts_event) AS last, count(DISTINCT batch_id) AS batches FROM LAKE").get(0);
        assertThat(((Number) totals.get("n")).longValue()).isEqualTo(rows);
        assertThat(((Number) totals.get("opens")).doubleValue())
                .isEqualTo(bars.stream().mapToDouble(OhlcvBar::open).sum());
        assertThat(((Number) totals.get("closes")).doubleValue())
                .isEqualTo(bars.stream().mapToDouble(OhlcvBar::close).sum());
        assertThat(((Number) totals.get("symbols")).longValue()).isEqualTo(rows - (rows + 4) / 5);
        assertThat(((Number) totals.get("distinct_symbols")).longValue()).isEqualTo(40);
        assertThat(((Number) totals.get("volume")).longValue()).isEqualTo((long) rows * (rows - 1) / 2);
        assertThat(totals.get("batches")).isEqualTo(1L);
        // row by row (volume is the row's number)
        List<Map<String, Object>> sample = Duck.query(lake, "SELECT open, close, symbol FROM LAKE"
                + " WHERE volume IN (0, 7, 122881, 246993) ORDER BY volume");
        assertThat(sample).extracting(row -> row.get("symbol")).containsExactly(null, "HEJ4-7", "HEJ4-31", "HEJ4-43");
        assertThat(sample).extracting(row -> ((Number) row.get("open")).doubleValue())
                .containsExactly(1_000.0, 1_001.75, 1_000 + 122_881 * 0.25, 1_000 + 246_993 * 0.25);

        // each row group's statistics are the minimum and maximum of its values (readers skip row groups by them)
        String file = onlyFile().replace("'", "''");
        List<Map<String, Object>> stats = Duck.query(lake, "SELECT row_group_id, path_in_schema, stats_min_value,"
                + " stats_max_value, stats_null_count, encodings FROM parquet_metadata('" + file + "')"
                + " WHERE path_in_schema IN ('open', 'close', 'symbol') ORDER BY row_group_id, path_in_schema");
        List<Map<String, Object>> actual = Duck.query(lake, "SELECT file_row_number // "
                + ColumnarParquetWriter.ROW_GROUP_ROWS + " AS row_group_id, min(open) AS open_min, max(open) AS open_max,"
                + " min(close) AS close_min, max(close) AS close_max, min(symbol) AS symbol_min,"
                + " max(symbol) AS symbol_max, count(*) - count(symbol) AS symbol_nulls"
                + " FROM read_parquet('" + file + "', file_row_number = true) GROUP BY 1 ORDER BY 1");
        assertThat(actual).hasSize(3);
        assertThat(stats).hasSize(9);
        for (Map<String, Object> column : stats) {
            Map<String, Object> group = actual.get(((Number) column.get("row_group_id")).intValue());
            String name = (String) column.get("path_in_schema");
            if (name.equals("symbol")) {
                assertThat(column.get("stats_min_value")).isEqualTo(group.get("symbol_min"));
                assertThat(column.get("stats_max_value")).isEqualTo(group.get("symbol_max"));
                assertThat(column.get("stats_null_count")).isEqualTo(group.get("symbol_nulls"));
            } else {
                assertThat(Double.parseDouble((String) column.get("stats_min_value")))
                        .isEqualTo(((Number) group.get(name + "_min")).doubleValue());
                assertThat(Double.parseDouble((String) column.get("stats_max_value")))
                        .isEqualTo(((Number) group.get(name + "_max")).doubleValue());
            }
            // open never repeats: PLAIN; close and symbol repeat: a dictionary (unless a group has no symbol at all:
            // empty symbols sort last, and the last group is the end of the last day)
            if (column.get("stats_min_value") != null) {
                assertThat((String) column.get("encodings")).matches(name.equals("open")
                        ? "^(?!.*DICTIONARY).*PLAIN.*$" : "^.*DICTIONARY.*$");
            }
        }
    }

    @Test
    void an_empty_value_in_a_required_column_fails_the_file_and_leaves_nothing_readers_see() {
        OhlcvBar noOpen = new OhlcvBar(DAY, 35, 1, 1, "HEJ4", ContractType.OUTRIGHT, null, 1.0, 1.0, 1.0, 1, "raw");

        assertThatThrownBy(() -> write(List.of(noOpen))).hasMessageContaining("column open may not be empty");
        assertThat(files()).isEmpty();
    }

    private void write(List<OhlcvBar> bars) {
        LakeWriter writer = new LakeWriter(Clock.fixed(DAY, ZoneOffset.UTC));
        new LakeFiles(lake, "ZSTD").write(writer.plan(new FuturesLakeTable(), "HE", bars, writer.newBatchId()));
    }

    private String onlyFile() {
        List<Path> files = files();
        assertThat(files).hasSize(1);
        return files.get(0).toString();
    }

    private List<Path> files() {
        try (Stream<Path> all = Files.walk(lake)) {
            return all.filter(Files::isRegularFile).toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
