package io.marketlake.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TempFileSweeperTest {

    private static final Instant NOW = Instant.parse("2026-02-18T12:00:00Z");

    @TempDir
    Path home;

    @Test
    void an_old_leftover_temp_file_is_removed_and_everything_else_stays() throws Exception {
        Path partition = Files.createDirectories(home.resolve("lake/data_type=futures/market=HE/year=2026/month=02"));
        Path leftover = file(partition.resolve(".20260217T183000123Z-1a2b3c4d.parquet.inprogress"), NOW.minus(Duration.ofHours(2)));
        Path writing = file(partition.resolve(".20260218T115959000Z-0a0b0c0d.parquet.inprogress"), NOW.minusSeconds(30));
        Path data = file(partition.resolve("20260217T183000123Z-1a2b3c4d.parquet"), NOW.minus(Duration.ofDays(1)));
        Path visible = file(partition.resolve("notes.inprogress"), NOW.minus(Duration.ofDays(1)));

        int removed = new TempFileSweeper(List.of(home.resolve("lake"), home.resolve("dead")), Duration.ofHours(1),
                Clock.fixed(NOW, ZoneOffset.UTC)).sweep();

        assertThat(removed).isEqualTo(1);
        assertThat(leftover).doesNotExist();
        assertThat(writing).exists();
        assertThat(data).exists();
        assertThat(visible).exists();
    }

    private static Path file(Path path, Instant modified) throws Exception {
        Files.writeString(path, "x");
        Files.setLastModifiedTime(path, FileTime.from(modified));
        return path;
    }
}
