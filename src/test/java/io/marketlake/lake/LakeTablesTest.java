package io.marketlake.lake;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketlake.TestResources;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The lake files of every table keep the schema and the values they had when they were first recorded. */
class LakeTablesTest {

    static List<LakeTableSamples.Sample<?>> tables() {
        return LakeTableSamples.all();
    }

    /** Same column names, order, types, logical types, nullability, defaults and docs. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("tables")
    void a_table_writes_its_files_with_the_recorded_schema(LakeTableSamples.Sample<?> table) {
        assertThat(table.storedSchema() + "\n")
                .isEqualTo(TestResources.text("lake-tables/" + table.name() + ".avsc"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tables")
    void a_table_fills_every_column_of_a_row_as_recorded(LakeTableSamples.Sample<?> table) {
        assertThat(table.records())
                .isEqualTo(TestResources.text("lake-tables/" + table.name() + ".records.jsonl"));
    }
}
