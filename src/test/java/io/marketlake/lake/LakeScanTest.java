package io.marketlake.lake;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a scan gives and which files it says gave it. */
class LakeScanTest {

    @TempDir
    Path lake;

    @Test
    void a_batch_replaced_by_a_newer_one_gives_nothing_and_is_not_named_among_the_files_read() {
        TestLake.writeBars(lake, "futures", "HE", List.of(LakePartitionsTest.bar("2026-02-17")));
        TestLake.writeBars(lake, "futures", "HE", List.of(LakePartitionsTest.bar("2026-02-17")));
        LakeFileReader files = new LakeFileReader(lake);
        LakePartitions partitions = new LakePartitions(lake);
        LakeScan scan = new LakeScan(partitions, new BatchVersions(files), files);
        List<GenericRecord> newest = new ArrayList<>();
        List<GenericRecord> all = new ArrayList<>();

        LakeReader.Scan read = scan.scan("futures", "HE", new DateBounds(null, null), false, null, false, newest::add);
        LakeReader.Scan everyVersion = scan.scan("futures", "HE", new DateBounds(null, null), true, null, false, all::add);

        List<Path> both = partitions.dataFiles("futures", "HE", new DateBounds(null, null));
        assertThat(newest).hasSize(1);
        assertThat(read.files()).containsExactly(both.get(1)); // the newer batch has the greater id, and files list in id order
        assertThat(all).hasSize(2);
        assertThat(everyVersion.files()).containsExactlyElementsOf(both);
        assertThat(read.schema()).isEqualTo(newest.get(0).getSchema());
    }

    @Test
    void a_scan_of_dates_the_lake_does_not_hold_gives_no_schema_and_no_file() {
        TestLake.writeBars(lake, "futures", "HE", List.of(LakePartitionsTest.bar("2026-02-17")));
        LakeFileReader files = new LakeFileReader(lake);
        LakeScan scan = new LakeScan(new LakePartitions(lake), new BatchVersions(files), files);

        LakeReader.Scan read = scan.scan("futures", "HE", new DateBounds(java.time.LocalDate.of(2026, 2, 18), null),
                false, null, false, record -> { });

        assertThat(read.schema()).isNull();
        assertThat(read.files()).isEmpty();
    }
}
