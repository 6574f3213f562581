package io.marketlake.trading;

import io.delta.kernel.Table;
import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.engine.Engine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;

/** Where the trading tables live, whether each has been created, and the one Kernel engine that opens them. */
final class KernelTables {

    private static final Pattern COMMIT_OR_CHECKPOINT = Pattern.compile("\\d{20}\\.(json|checkpoint\\..*parquet)");

    private final Path root;
    // created on first use: Hadoop's Configuration costs start-up time that most commands never need
    private Engine engine;

    KernelTables(Path root) {
        this.root = root;
    }

    synchronized Engine engine() {
        if (engine == null) {
            engine = DefaultEngine.create(new Configuration());
        }
        return engine;
    }

    Path root() {
        return root;
    }

    Path path(TradingTable table) {
        return root.resolve(table.tableName());
    }

    Path log(TradingTable table) {
        return path(table).resolve("_delta_log");
    }

    Table open(TradingTable table) {
        return Table.forPath(engine(), path(table).toString());
    }

    /**
     * Whether the table has a first commit. A log directory alone is not enough: a process killed while creating
     * the table leaves one holding no commit (or only a commit's temporary file), and the next import must create
     * the table, not append to it.
     */
    boolean exists(TradingTable table) {
        Path log = log(table);
        if (!Files.isDirectory(log)) {
            return false;
        }
        try (var files = Files.list(log)) {
            return files.anyMatch(f -> COMMIT_OR_CHECKPOINT.matcher(f.getFileName().toString()).matches());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the log of " + table.tableName(), e);
        }
    }
}
