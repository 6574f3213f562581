package io.marketlake.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Where benchmarks keep their data: {@code target/bench/data/} (or {@code -Dbench.data}), never the repository
 * and never the temp directory, so a run's inputs can be looked at afterwards and {@code mvn clean} removes them.
 */
final class BenchFiles {

    private BenchFiles() {
    }

    static Path root() {
        return Path.of(System.getProperty("bench.data", "target/bench/data")).toAbsolutePath().normalize();
    }

    /** An empty directory for one benchmark: whatever an earlier run left there is removed first. */
    static Path fresh(String name) {
        Path dir = root().resolve(name);
        delete(dir);
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Total size of the regular files under {@code dir} whose name ends with {@code suffix}. */
    static long bytes(Path dir, String suffix) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().endsWith(suffix))
                    .mapToLong(p -> p.toFile().length()).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
