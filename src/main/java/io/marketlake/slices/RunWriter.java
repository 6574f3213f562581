package io.marketlake.slices;

import io.marketlake.lake.ColumnarParquetWriter;
import io.marketlake.lake.DurableFiles;
import io.marketlake.lake.LakeThreads;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
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
    private final List<Path> outputs = new ArrayList<>();

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
        return open(file, schema, fields, codec);
    }

    /** As {@link #open(Path, Schema, CompressionCodecName)}, for rows of any kind: each field's value of a row. */
    <T> ColumnarParquetWriter<T> open(Path file, Schema schema, List<Function<? super T, Object>> fields,
            CompressionCodecName codec) throws IOException {
        Files.createDirectories(file.getParent());
        return new ColumnarParquetWriter<>(temp(file), schema, fields, codec);
    }

    /** Gives a closed output its final name and lists it among the run's outputs. */
    void place(Path file) throws IOException {
        DurableFiles.moveIntoPlace(temp(file), file);
        outputs.add(file);
    }

    /** The outputs placed so far, in the order placed. */
    List<Path> outputs() {
        return Collections.unmodifiableList(outputs);
    }

    /**
     * Writes the manifest under its final name last. Every output and every directory holding one is forced to
     * disk first: after a power loss a manifest must never vouch for a file whose bytes never reached the disk.
     */
    void seal(byte[] manifest) throws IOException {
        Set<Path> directories = new TreeSet<>(Comparator.reverseOrder());
        List<java.util.concurrent.Callable<Void>> forces = new ArrayList<>();
        for (Path file : outputs) {
            // hundreds of bucket files: their syncs overlap on the lake's threads
            forces.add(() -> {
                DurableFiles.force(file);
                return null;
            });
            for (Path parent = file.getParent(); !parent.equals(dir); parent = parent.getParent()) {
                directories.add(parent);
            }
        }
        LakeThreads.all(forces);
        directories.forEach(DurableFiles::forceDirectory);
        // the run's own name in the runs directory, created by prepare(); moveIntoPlace syncs the run directory
        DurableFiles.forceDirectory(dir.getParent());
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
