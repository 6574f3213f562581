package io.marketlake.slices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import io.marketlake.lake.ColumnarParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunWriterTest {

    @TempDir
    Path runs;

    @Test
    void an_output_has_its_final_name_only_once_placed() throws IOException {
        RunWriter run = RunWriter.prepare(runs.resolve("run_id=r"));
        Path file = run.dir().resolve("slices/bucket=00/part-0000.parquet");

        writeOneCandle(run, file);
        List<Path> beforePlacing = files(run.dir());
        run.list(List.of(run.place(file, 1)));

        assertThat(beforePlacing).singleElement().satisfies(p -> assertThat(p.getFileName().toString()).startsWith("."));
        assertThat(files(run.dir())).containsExactly(file);
        assertThat(run.outputs()).containsExactly(new ListedFile(file, Hashes.sha256(file), 1));
    }

    @Test
    void outputs_are_listed_in_the_order_given_however_their_placing_ends() throws IOException {
        RunWriter run = RunWriter.prepare(runs.resolve("run_id=r"));
        List<Path> files = new ArrayList<>();
        List<Future<ListedFile>> placing = new ArrayList<>();
        // forty placings overlap on the sync threads: they end in no particular order
        for (int bucket = 0; bucket < 40; bucket++) {
            Path file = run.dir().resolve("slices/bucket=" + bucket + "/part-0000.parquet");
            writeOneCandle(run, file);
            files.add(file);
            placing.add(run.place(file, 1));
        }
        Collections.reverse(files);
        Collections.reverse(placing);

        run.list(placing);

        assertThat(run.outputs()).extracting(ListedFile::file).containsExactlyElementsOf(files);
        assertThat(run.outputs()).allSatisfy(output -> assertThat(output.sha256()).isEqualTo(Hashes.sha256(output.file())));
    }

    @Test
    void an_output_that_cannot_be_placed_fails_the_listing_and_is_not_listed() throws IOException {
        RunWriter run = RunWriter.prepare(runs.resolve("run_id=r"));
        Path file = run.dir().resolve("outputs/coverage.parquet");
        writeOneCandle(run, file);
        Files.writeString(Files.createDirectories(file).resolve("in-the-way"), "a directory where the file goes");

        assertThatThrownBy(() -> run.list(List.of(run.place(file, 1)))).isInstanceOf(UncheckedIOException.class);
        assertThat(run.outputs()).isEmpty();
    }

    @Test
    void a_sealed_run_is_refused_and_left_as_it_was() throws IOException {
        Path dir = Files.createDirectories(runs.resolve("run_id=r"));
        Files.writeString(dir.resolve("manifest.json"), "{}");

        assertThatThrownBy(() -> RunWriter.prepare(dir)).isInstanceOf(SliceRunSealedException.class)
                .hasMessageContaining("run run_id=r is sealed");
        assertThat(Files.readString(dir.resolve("manifest.json"))).isEqualTo("{}");
    }

    @Test
    void an_unfinished_run_is_emptied_before_it_is_written_again() throws IOException {
        Path dir = Files.createDirectories(runs.resolve("run_id=r/slices/bucket=00"));
        Files.writeString(dir.resolve(".part-0000.parquet.inprogress"), "half");

        RunWriter run = RunWriter.prepare(runs.resolve("run_id=r"));

        try (Stream<Path> left = Files.list(run.dir())) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void sealing_places_the_manifest_and_leaves_no_temp_file() throws IOException {
        RunWriter run = RunWriter.prepare(runs.resolve("run_id=r"));
        Path file = run.dir().resolve("outputs/coverage.parquet");
        writeOneCandle(run, file);
        run.list(List.of(run.place(file, 1)));

        run.seal("{\"sealed\": true}".getBytes(StandardCharsets.UTF_8));

        assertThat(files(run.dir())).containsExactly(run.dir().resolve("manifest.json"), file);
        assertThat(Files.readString(run.dir().resolve("manifest.json"))).isEqualTo("{\"sealed\": true}");
    }

    private static void writeOneCandle(RunWriter run, Path file) throws IOException {
        try (ColumnarParquetWriter<GenericRecord> writer = run.open(file, SliceSchemas.CANDLE, CompressionCodecName.ZSTD)) {
            GenericData.Record record = new GenericData.Record(SliceSchemas.CANDLE);
            record.put("symbol", "HEJ6");
            record.put("ts", 0L);
            record.put("open", 1.0);
            record.put("high", 1.0);
            record.put("low", 1.0);
            record.put("close", 1.0);
            record.put("volume", 1L);
            writer.write(record);
        }
    }

    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).sorted().toList();
        }
    }
}
