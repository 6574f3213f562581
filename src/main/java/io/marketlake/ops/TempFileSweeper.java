package io.marketlake.ops;

import io.marketlake.lake.DurableFiles;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes the hidden temp files ({@code .<name>.inprogress}) a killed process left in the lake, the dead-letter
 * area and the landing area. No reader ever sees them; they only take space. Only those older than a write could
 * last are removed, so a temp file another running process (the daemon beside a backfill) is still writing is
 * left alone.
 */
public final class TempFileSweeper {

    private static final Logger LOG = LoggerFactory.getLogger(TempFileSweeper.class);

    private final List<Path> roots;
    private final Duration minAge;
    private final Clock clock;

    public TempFileSweeper(List<Path> roots, Duration minAge, Clock clock) {
        this.roots = List.copyOf(roots);
        this.minAge = minAge;
        this.clock = clock;
    }

    /** Returns how many leftovers it removed. */
    public int sweep() {
        Instant before = clock.instant().minus(minAge);
        int[] removed = {0};
        for (Path root : roots) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            try {
                Files.walkFileTree(root, new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                        String name = file.getFileName().toString();
                        if (DurableFiles.isTemp(name) && attributes.isRegularFile()
                                && attributes.lastModifiedTime().toInstant().isBefore(before)) {
                            Files.deleteIfExists(file);
                            removed[0]++;
                        }
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException e) {
                        return FileVisitResult.CONTINUE;
                    }
                });
            } catch (IOException e) {
                LOG.warn("Cannot sweep temp files under {}: {}", root, e.getMessage());
            }
        }
        if (removed[0] > 0) {
            LOG.warn("Removed {} temp file(s) left by an interrupted write (older than {})", removed[0], minAge);
        }
        return removed[0];
    }
}
