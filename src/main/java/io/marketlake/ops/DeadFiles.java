package io.marketlake.ops;

import io.marketlake.Sha256;
import io.marketlake.lake.DurableFiles;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The file moves of the dead-letter area, apart from what a letter says: payload files written or moved beside a
 * letter whole or not at all, files rewritten under a temp name, and what the file producer renamed into place
 * forced to disk.
 */
final class DeadFiles {

    /** A payload file as kept beside its letter: its path under dead/, its size and its SHA-256. */
    record Kept(String path, long size, String sha256) {
    }

    private final Path root;
    private final Redactor redactor;

    DeadFiles(Path deadRoot, Redactor redactor) {
        this.root = deadRoot;
        this.redactor = redactor;
    }

    /** Writes one payload file beside the letter under a temp name, then renames it, so no half file is seen. */
    Kept write(String relativeDirectory, String fileName, byte[] content) {
        Path directory = root.resolve(relativeDirectory);
        try {
            DurableFiles.writeAtomically(directory.resolve(fileName), content);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the payload of a dead letter in " + directory, e);
        }
        return new Kept(relativeDirectory + "/" + fileName, content.length, Sha256.of(content));
    }

    /** Moves landed payload files beside the dead letter (a rename on the same disk); files gone already are skipped. */
    List<Kept> moveLanded(List<Path> files, String relativeDirectory) {
        List<Kept> moved = new ArrayList<>();
        Path directory = root.resolve(relativeDirectory);
        try {
            Files.createDirectories(directory);
            for (Path file : files) {
                if (Files.exists(file)) {
                    Path target = directory.resolve(file.getFileName());
                    keepMasked(file, target);
                    moved.add(new Kept(relativeDirectory + "/" + file.getFileName(), Files.size(target),
                            Sha256.of(target)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the payload files of a dead letter in " + directory, e);
        }
        return moved;
    }

    /**
     * Moves a downloaded response beside its letter, as it was received unless a line of it echoes a secret:
     * then the copy kept has those lines masked (the key never lands under dead/), and the download is removed.
     */
    private void keepMasked(Path file, Path target) throws IOException {
        Path masked = DurableFiles.tempFor(target, DeadLetter.uniqueSuffix());
        boolean changed = false;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                BufferedWriter out = Files.newBufferedWriter(masked, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                String kept = redactor.redact(line);
                changed |= !kept.equals(line);
                out.write(kept);
                out.write('\n');
            }
        } catch (MalformedInputException binary) {
            changed = false;
        }
        if (changed) {
            DurableFiles.moveIntoPlace(masked, target);
            Files.delete(file);
        } else {
            Files.deleteIfExists(masked);
            Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
        }
    }

    /**
     * Forces a file the producer has just renamed into place, and its directory, to disk: the producer does not
     * sync, and a letter lost to a power cut would be a failure nobody hears of.
     */
    static void sync(Path file) throws IOException {
        DurableFiles.force(file);
        DurableFiles.forceDirectory(file.toAbsolutePath().getParent());
    }
}
