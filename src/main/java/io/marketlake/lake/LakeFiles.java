package io.marketlake.lake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.ArrayList;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * Writes the files of a batch into the lake, each to a hidden temp name ({@code .<name>.inprogress}, which no
 * reader matches), forced to disk, then renamed atomically, then its directory forced: a killed process leaves at
 * most a temp file, and a power loss never leaves a visible name over missing bytes. (Camel's file producer
 * renames without syncing, and reads its directory as a URI.) A file whose name exists already can only be this
 * very batch written by an earlier attempt, so it is left alone, never overwritten.
 */
public final class LakeFiles {

    private final Path root;
    private final CompressionCodecName compression;

    public LakeFiles(Path root, String compression) {
        this.root = root.toAbsolutePath().normalize();
        try {
            this.compression = CompressionCodecName.valueOf(compression.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new io.marketlake.ConfigurationException("marketlake.lake.compression must be one of "
                    + List.of(CompressionCodecName.values()) + ", not '" + compression + "'");
        }
    }

    /**
     * Writes every file of the batch, several at once (one per core): files of one batch are independent, each
     * its own temp name and rename. The first failure is thrown once every file has finished or failed, so no
     * write is left running behind the caller. The body stays the list, for the report.
     */
    public List<LakeFile> write(List<LakeFile> files) {
        if (files.size() < 2 || LakeThreads.PARALLELISM < 2) {
            files.forEach(this::write);
            return files;
        }
        // each file, once written under its temp name, is made durable and renamed on a sync thread while its
        // worker writes the next one: its own order (force, rename, force the directory) is kept
        List<java.util.concurrent.Future<Void>> placing = java.util.Collections.synchronizedList(new ArrayList<>());
        List<java.util.concurrent.Callable<Void>> writes = new ArrayList<>();
        for (LakeFile file : files) {
            writes.add(() -> {
                Path temp = writeTemp(file);
                if (temp != null) {
                    placing.add(LakeThreads.SYNC.submit(() -> {
                        place(file, temp);
                        return null;
                    }));
                }
                return null;
            });
        }
        LakeThreads.all(writes, () -> placing);
        return files;
    }

    private void write(LakeFile file) {
        Path temp = writeTemp(file);
        if (temp != null) {
            place(file, temp);
        }
    }

    /** The file written under its temp name, not yet forced; null when the file is in the lake already. */
    private Path writeTemp(LakeFile file) {
        Path target = target(file);
        if (Files.exists(target)) {
            return null;
        }
        Path temp = DurableFiles.tempFor(target);
        try {
            Files.createDirectories(target.getParent());
            writeParquet(file.records(), temp);
            return temp;
        } catch (IOException | RuntimeException e) {
            throw failed(file, temp, e);
        }
    }

    /** The written temp file forced to disk and renamed to its name in the lake, its directory forced. */
    private void place(LakeFile file, Path temp) {
        try {
            DurableFiles.moveIntoPlace(temp, target(file));
        } catch (IOException | RuntimeException e) {
            throw failed(file, temp, e);
        }
    }

    private Path target(LakeFile file) {
        Path target = root.resolve(file.relativePath()).normalize();
        if (!target.startsWith(root) || file.records().size() == 0) {
            throw new IllegalArgumentException("not a lake file: " + file.relativePath());
        }
        return target;
    }

    /** The temp file deleted, and the failure naming the lake file. */
    private static RuntimeException failed(LakeFile file, Path temp, Exception e) {
        deleteTemp(temp);
        IOException io = e instanceof IOException direct ? direct
                : e instanceof UncheckedIOException unchecked ? unchecked.getCause() : null;
        if (io != null) {
            return new UncheckedIOException("cannot write lake file " + file.relativePath() + ": " + io, io);
        }
        return (RuntimeException) e;
    }

    private <T> void writeParquet(LakeRecords<T> records, Path temp) throws IOException {
        ColumnarParquetWriter<T> writer = new ColumnarParquetWriter<>(temp, records.schema(), records.storedValues(),
                compression, records.size());
        boolean finished = false;
        try {
            records.forEach(row -> {
                try {
                    writer.write(row);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            writer.close();
            finished = true;
        } finally {
            if (!finished) {
                writer.abandon();
            }
        }
    }

    private static void deleteTemp(Path temp) {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException ignored) {
            // the temp name is hidden from readers; the start-up sweep removes it
        }
    }
}
