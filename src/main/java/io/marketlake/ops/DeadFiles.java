package io.marketlake.ops;

import io.marketlake.Sha256;
import io.marketlake.databento.DatabentoResponses;
import io.marketlake.lake.DurableFiles;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
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

    /** Landed files as kept beside a letter, and the names of those that were not kept because they echo a secret. */
    record Moved(List<Kept> kept, List<String> withheld) {
    }

    /**
     * Moves landed payload files beside the dead letter (a rename on the same disk); files gone already are skipped.
     * A text response is kept masked where it echoes a secret; a binary one (DBN, zstd) byte for byte, named by what
     * it is ({@code <name>.dbn.zst}), or not at all when it echoes one (it cannot be masked without breaking it).
     */
    Moved moveLanded(List<Path> files, String relativeDirectory) {
        List<Kept> moved = new ArrayList<>();
        List<String> withheld = new ArrayList<>();
        Path directory = root.resolve(relativeDirectory);
        try {
            Files.createDirectories(directory);
            for (Path file : files) {
                if (!Files.exists(file)) {
                    continue;
                }
                String binary = DatabentoResponses.binarySuffix(file);
                if (binary == null) {
                    Path target = directory.resolve(file.getFileName());
                    keepMasked(file, target);
                    moved.add(kept(relativeDirectory, target));
                } else if (echoesSecret(file)) {
                    Files.delete(file);
                    withheld.add(file.getFileName().toString());
                } else {
                    Path target = directory.resolve(binaryName(file.getFileName().toString(), binary));
                    Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
                    moved.add(kept(relativeDirectory, target));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the payload files of a dead letter in " + directory, e);
        }
        return new Moved(moved, withheld);
    }

    private static Kept kept(String relativeDirectory, Path target) throws IOException {
        return new Kept(relativeDirectory + "/" + target.getFileName(), Files.size(target), Sha256.of(target));
    }

    /** A landed response's name ({@code <id>-<schema>.txt}) with the suffix of what it really is. */
    static String binaryName(String landed, String suffix) {
        return (landed.endsWith(".txt") ? landed.substring(0, landed.length() - 4) : landed) + suffix;
    }

    /** Whether a binary response, once decompressed, holds any form of a secret the redactor masks. */
    boolean echoesSecret(byte[] response) {
        try {
            return echoesSecret(new java.io.ByteArrayInputStream(response));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private boolean echoesSecret(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return echoesSecret(in);
        }
    }

    /**
     * Scans the decoded bytes in chunks read as ISO-8859-1 (one character per byte), each overlapping the one
     * before by more than any key form is long, so a secret split between two chunks is still seen. A zstd frame
     * that ends early is scanned as far as it decodes: what cannot be decoded holds no readable secret.
     */
    private boolean echoesSecret(InputStream raw) throws IOException {
        java.io.BufferedInputStream buffered = new java.io.BufferedInputStream(raw, 1 << 16);
        InputStream in = io.marketlake.databento.PayloadEncoding.peek(buffered)
                == io.marketlake.databento.PayloadEncoding.ZSTD
                ? new com.github.luben.zstd.ZstdInputStream(buffered) : buffered;
        try (in) {
            byte[] chunk = new byte[SCAN_CHUNK + SCAN_OVERLAP];
            int carried = 0;
            while (true) {
                int read;
                try {
                    read = in.readNBytes(chunk, carried, SCAN_CHUNK);
                } catch (IOException cut) {
                    return false;
                }
                if (read == 0) {
                    return false;
                }
                int length = carried + read;
                String text = new String(chunk, 0, length, StandardCharsets.ISO_8859_1);
                if (!redactor.redact(text).equals(text)) {
                    return true;
                }
                carried = Math.min(SCAN_OVERLAP, length);
                System.arraycopy(chunk, length - carried, chunk, 0, carried);
            }
        }
    }

    private static final int SCAN_CHUNK = 1 << 16;
    private static final int SCAN_OVERLAP = 1024;

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
