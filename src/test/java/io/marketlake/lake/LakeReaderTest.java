package io.marketlake.lake;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketlake.databento.ContractType;
import io.marketlake.databento.OhlcvBar;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a reader of the lake does with what does not belong in it. */
class LakeReaderTest {

    @TempDir
    Path lake;

    @BeforeEach
    void oneBar() {
        TestLake.writeBars(lake, "futures", "HE", List.of(new OhlcvBar(Instant.parse("2026-02-17T00:00:00Z"), 35, 1, 1,
                "HEJ6", ContractType.OUTRIGHT, 90.0, 91.0, 89.0, 90.5, 5, "")));
    }

    @Test
    void a_directory_that_is_not_a_partition_is_skipped_not_fatal() throws Exception {
        Files.createDirectories(lake.resolve("data_type=futures/market=HE/backup-2026"));
        Files.createDirectories(lake.resolve("data_type=futures/market=HE/year=2026/month=13"));
        Files.createDirectories(lake.resolve("data_type=futures/market=HE/year=2026/notes"));

        assertThat(new LakeReader(lake).read("futures", "HE", null, null, false).rows()).hasSize(1);
    }

    @Test
    void an_unreadable_parquet_file_is_skipped_and_the_rest_is_read() throws Exception {
        Path partition = lake.resolve("data_type=futures/market=HE/year=2026/month=02");
        Files.writeString(partition.resolve("20991231T000000000Z-ffffffff.parquet"), "not parquet at all");
        LakeReader reader = new LakeReader(lake);

        assertThat(reader.read("futures", "HE", null, null, false).rows()).hasSize(1);
        assertThat(reader.read("futures", "HE", null, null, true).rows()).hasSize(1);
        assertThat(reader.newestBatches("futures", "HE", null, null)).containsOnlyKeys(LocalDate.of(2026, 2, 17));
    }
}
