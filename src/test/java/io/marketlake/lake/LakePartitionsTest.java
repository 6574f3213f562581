package io.marketlake.lake;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketlake.databento.ContractType;
import io.marketlake.databento.OhlcvBar;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which data files a query of the lake opens. */
class LakePartitionsTest {

    @TempDir
    Path lake;

    @Test
    void a_query_opens_only_the_months_that_overlap_its_dates() {
        TestLake.writeBars(lake, "futures", "HE", List.of(bar("2026-01-30"), bar("2026-02-17"), bar("2026-03-02")));
        LakePartitions partitions = new LakePartitions(lake);

        List<Path> february = partitions.dataFiles("futures", "HE",
                new DateBounds(LocalDate.of(2026, 2, 10), LocalDate.of(2026, 2, 20)));

        assertThat(february).hasSize(1)
                .allSatisfy(file -> assertThat(lake.relativize(file).getParent()).hasToString(
                        "data_type=futures/market=HE/year=2026/month=02"));
        assertThat(partitions.dataFiles("futures", "HE", new DateBounds(null, null))).hasSize(3);
    }

    @Test
    void another_market_s_files_are_not_opened() {
        TestLake.writeBars(lake, "futures", "HE", List.of(bar("2026-02-17")));

        assertThat(new LakePartitions(lake).dataFiles("futures", "LE", new DateBounds(null, null))).isEmpty();
    }

    static OhlcvBar bar(String date) {
        return new OhlcvBar(Instant.parse(date + "T00:00:00Z"), 35, 1, 1, "HEJ6", ContractType.OUTRIGHT,
                90.0, 91.0, 89.0, 90.5, 5, "");
    }
}
