package io.marketlake.lake;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Files that survive a power loss, not only a killed process: a rename is atomic, but without an fsync the
 * kernel may persist the new name before the content (a sealed name over an empty file), and a new name is
 * itself only durable once its directory is synced.
 */
public final class DurableFiles {

    private static final String TEMP_SUFFIX = ".inprogress";

    private DurableFiles() {
    }

    /**
     * The hidden name a file is written under until it is complete ({@code .<name>.inprogress}): readers globbing
     * for data skip it, and the start-up sweep knows it for a leftover of a killed process.
     */
    public static Path tempFor(Path file) {
        return file.resolveSibling("." + file.getFileName() + TEMP_SUFFIX);
    }

    /** {@link #tempFor} with a unique part, for a file that several writers may write at once. */
    public static Path tempFor(Path file, String unique) {
        return file.resolveSibling("." + file.getFileName() + "." + unique + TEMP_SUFFIX);
    }

    /** Whether a file name is such a temp name. */
    public static boolean isTemp(String fileName) {
        return fileName.startsWith(".") && fileName.endsWith(TEMP_SUFFIX);
    }

    /** Writes the content to the temp name, then moves it into place, synced; creates the parent directories. */
    public static void writeAtomically(Path file, byte[] content) throws IOException {
        Files.createDirectories(file.getParent());
        Path temp = tempFor(file);
        Files.write(temp, content);
        moveIntoPlace(temp, file);
    }

    /** Renames a finished temp file onto its final name: content to disk first, then the rename, then the name. */
    public static void moveIntoPlace(Path temp, Path target) throws IOException {
        force(temp);
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        forceDirectory(target.toAbsolutePath().getParent());
    }

    /** Forces a closed file's content to disk. */
    public static void force(Path file) throws IOException {
        // WRITE, not READ: some platforms (Windows) refuse to flush a handle opened read-only
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
    }

    /** Forces a directory's entries (the names created or renamed in it) to disk, where the platform allows it. */
    public static void forceDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Windows cannot open a directory as a channel: there is no directory handle to sync
        }
    }
}
