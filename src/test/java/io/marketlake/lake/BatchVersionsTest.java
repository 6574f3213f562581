package io.marketlake.lake;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which batch answers each trading date. */
class BatchVersionsTest {

    @TempDir
    Path lake;

    @Test
    void a_date_two_batches_hold_is_answered_by_the_newer_batch_and_a_date_one_holds_by_that_one() {
        TestLake.writeBars(lake, "futures", "HE", List.of(LakePartitionsTest.bar("2026-02-17")));
        TestLake.writeBars(lake, "futures", "HE",
                List.of(LakePartitionsTest.bar("2026-02-17"), LakePartitionsTest.bar("2026-02-18")));
        List<Path> files = new LakePartitions(lake).dataFiles("futures", "HE", new DateBounds(null, null));
        String first = batchOf(files, 1);
        String second = batchOf(files, 2);
        String newer = first.compareTo(second) > 0 ? first : second;

        assertThat(new BatchVersions(new LakeFileReader(lake)).newest(files))
                .containsEntry(LocalDate.of(2026, 2, 17), newer)
                .containsEntry(LocalDate.of(2026, 2, 18), second)
                .hasSize(2);
    }

    /** The id of the batch of the file holding this many rows. */
    private static String batchOf(List<Path> files, long rows) {
        Path file = files.stream().filter(f -> LakeReader.rowCount(f) == rows).findFirst().orElseThrow();
        return file.getFileName().toString().replace(LakeLayout.DATA_SUFFIX, "");
    }
}
