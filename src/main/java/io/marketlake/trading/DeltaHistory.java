package io.marketlake.trading;

import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.types.LongType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.FileStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A table's commits as its log's commit files record them: Kernel's public API has no history, so each file's
 * commitInfo and txn actions are read directly.
 */
final class DeltaHistory {

    private static final StructType COMMIT_SCHEMA = new StructType()
            .add("commitInfo", new StructType().add("timestamp", LongType.LONG)
                    .add("inCommitTimestamp", LongType.LONG).add("operation", StringType.STRING))
            .add("txn", new StructType().add("appId", StringType.STRING).add("version", LongType.LONG));

    private final KernelTables tables;

    DeltaHistory(KernelTables tables) {
        this.tables = tables;
    }

    /** Every version with its commit time (in-commit timestamp), operation and the import it came from. */
    List<Commit> commits(TradingTable table) {
        if (!tables.exists(table)) {
            return List.of();
        }
        List<Commit> commits = new ArrayList<>();
        for (Path log : commitFiles(table)) {
            commits.add(commit(table, log));
        }
        return commits;
    }

    /** The first commit the log holds, if any. */
    Optional<Commit> first(TradingTable table) {
        List<Path> logs = commitFiles(table);
        return logs.isEmpty() ? Optional.empty() : Optional.of(commit(table, logs.get(0)));
    }

    /** The commit files of the log, oldest first. */
    private List<Path> commitFiles(TradingTable table) {
        try (var files = Files.list(tables.log(table))) {
            return files.filter(f -> f.getFileName().toString().matches("\\d{20}\\.json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the history of " + table.tableName(), e);
        }
    }

    private Commit commit(TradingTable table, Path log) {
        long version = Long.parseLong(log.getFileName().toString().substring(0, 20));
        Instant timestamp = null;
        String operation = null;
        String appId = null;
        Long appVersion = null;
        try {
            FileStatus status = FileStatus.of(log.toUri().toString(), Files.size(log),
                    Files.getLastModifiedTime(log).toMillis());
            try (CloseableIterator<ColumnarBatch> batches = tables.engine().getJsonHandler()
                    .readJsonFiles(InMemoryIterator.of(List.of(status)), COMMIT_SCHEMA, Optional.empty())) {
                while (batches.hasNext()) {
                    ColumnarBatch batch = batches.next();
                    ColumnVector info = batch.getColumnVector(0);
                    ColumnVector txn = batch.getColumnVector(1);
                    for (int i = 0; i < batch.getSize(); i++) {
                        if (!info.isNullAt(i)) {
                            ColumnVector ict = info.getChild(1);
                            timestamp = Instant.ofEpochMilli(
                                    ict.isNullAt(i) ? info.getChild(0).getLong(i) : ict.getLong(i));
                            operation = info.getChild(2).getString(i);
                        }
                        if (!txn.isNullAt(i)) {
                            appId = txn.getChild(0).getString(i);
                            appVersion = txn.getChild(1).getLong(i);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the history of " + table.tableName(), e);
        }
        return new Commit(version, timestamp, operation, appId, appVersion);
    }
}
