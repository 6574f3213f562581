package io.marketlake.slices;

import io.marketlake.lake.ColumnarParquetWriter;
import io.marketlake.lake.DurableFiles;
import io.marketlake.lake.LakeThreads;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A run directory being written, so that a run is either unfinished or sealed whole: each output is renamed
 * into place once complete, and the manifest comes last, once everything it lists is on disk.
 */
final class RunWriter {

    // under the exporter's name, where an operator following an export looks for its lines
    private static final Logger LOG = LoggerFactory.getLogger(SliceExporter.class);

    private final Path dir;
    private final List<ListedFile> outputs = new ArrayList<>();

    private RunWriter(Path dir) {
        this.dir = dir;
    }

    /** A run directory to write: a sealed run is never overwritten; an unfinished one is replaced. */
    static RunWriter prepare(Path runDir) {
        if (Files.exists(runDir.resolve(Manifest.FILE))) {
            throw new SliceRunSealedException("run " + runDir.getFileName() + " is sealed ("
                    + runDir.resolve(Manifest.FILE)
                    + "); a sealed run is never overwritten: give another run_id, or remove it yourself");
        }
        try {
            if (Files.exists(runDir)) {
                LOG.warn("Replacing unfinished run {}", runDir);
                try (Stream<Path> files = Files.walk(runDir)) {
                    for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(file);
                    }
                }
            }
            Files.createDirectories(runDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + runDir, e);
        }
        return new RunWriter(runDir);
    }

    Path dir() {
        return dir;
    }

    /** A Parquet writer for an output of the run, writing under the output's temp name until {@link #place}. */
    ColumnarParquetWriter<GenericRecord> open(Path file, Schema schema, CompressionCodecName codec) throws IOException {
        List<Function<? super GenericRecord, Object>> fields = new ArrayList<>();
        for (Schema.Field field : schema.getFields()) {
            int position = field.pos();
            fields.add(record -> record.get(position));
        }
        return open(file, schema, fields, codec, 0);
    }

    /**
     * As {@link #open(Path, Schema, CompressionCodecName)}, for rows of any kind: each field's value of a row, and
     * how many rows will come if known (else 0).
     */
    <T> ColumnarParquetWriter<T> open(Path file, Schema schema, List<Function<? super T, Object>> fields,
            CompressionCodecName codec, long expectedRows) throws IOException {
        Files.createDirectories(file.getParent());
        return new ColumnarParquetWriter<>(temp(file), schema, fields, codec, expectedRows);
    }

    /**
     * Starts placing a closed output of {@code rows} rows: its sha256 is taken here, from the bytes just written
     * (still in the page cache, so nothing is read from the disk again), then a sync thread forces it to disk and
     * gives it its final name while the caller goes on writing. The run lists it once given to {@link #list}. Its
     * directory is forced when the run is sealed, with all the others at once.
     */
    Future<ListedFile> place(Path file, long rows) {
        Path temp = temp(file);
        String sha256 = Hashes.sha256(temp);
        return LakeThreads.SYNC.submit(() -> {
            DurableFiles.force(temp);
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
            return new ListedFile(file, sha256, rows);
        });
    }

    /**
     * Lists outputs being placed, in the order given (the manifest's), once each is on disk under its final name.
     * The first failure is thrown once every one has finished, so no placing is left running behind the caller.
     */
    void list(List<Future<ListedFile>> placing) {
        outputs.addAll(LakeThreads.await(placing));
    }

    /** The outputs listed so far, in the order listed. */
    List<ListedFile> outputs() {
        return Collections.unmodifiableList(outputs);
    }

    /**
     * Writes the manifest under its final name last. Every output was forced before its rename; here every
     * directory holding one is forced (at once, on the sync threads): after a power loss a manifest must never vouch
     * for a file whose bytes or name never reached the disk.
     */
    void seal(byte[] manifest) throws IOException {
        Set<Path> directories = new TreeSet<>();
        for (ListedFile output : outputs) {
            for (Path parent = output.file().getParent(); !parent.equals(dir); parent = parent.getParent()) {
                directories.add(parent);
            }
        }
        directories.add(dir);
        // the run's own name in the runs directory, created by prepare()
        directories.add(dir.getParent());
        List<Future<Void>> forces = new ArrayList<>();
        for (Path directory : directories) {
            forces.add(LakeThreads.SYNC.submit(() -> {
                DurableFiles.forceDirectory(directory);
                return null;
            }));
        }
        LakeThreads.await(forces);
        DurableFiles.writeAtomically(dir.resolve(Manifest.FILE), manifest);
    }

    /**
     * Every output is written to a hidden temp name and renamed when complete, so a reader globbing a run's
     * Parquet files never meets a half-written one, even in a run a kill left unfinished.
     */
    private static Path temp(Path file) {
        return DurableFiles.tempFor(file);
    }
}
