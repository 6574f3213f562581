package io.marketlake.trading;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The trading tables on Delta Lake through Delta Kernel (public APIs): create on first write, one commit per
 * append with a transaction id for exactly-once, scans of a version or of the state at an instant, history
 * and checkpoints. In-commit timestamps are on, so "as of" follows the commits, not file modification times.
 */
public class DeltaTables {

    private final KernelTables tables;
    private final DeltaWriter writer;
    private final DeltaHistory history;
    private final DeltaSnapshots snapshots;
    private final DeltaReader reader;

    public DeltaTables(Path root, int checkpointInterval) {
        this.tables = new KernelTables(root);
        this.writer = new DeltaWriter(tables, checkpointInterval);
        this.history = new DeltaHistory(tables);
        this.snapshots = new DeltaSnapshots(tables, history);
        this.reader = new DeltaReader(tables, snapshots);
    }

    public Path path(TradingTable table) {
        return tables.path(table);
    }

    /** Whether the table has a first commit: a kill while creating it leaves a log directory holding none. */
    public boolean exists(TradingTable table) {
        return tables.exists(table);
    }

    /**
     * Appends a source's rows number {@code from} onwards in one commit, creating the table with its first rows.
     * The commit's transaction version of the source's application id is the number of the source's rows
     * committed through it. Returns the committed version, or -1, leaving the table as it was, when the table
     * does not hold exactly {@code from} rows of that source (they were committed already, or another import of
     * the source got further).
     */
    public long append(TradingTable table, List<Map<String, Object>> rows, String appId, long from) {
        return writer.append(table, rows, appId, from);
    }

    /** The last transaction version this application id committed, -1 when none. */
    public long lastTransaction(TradingTable table, String appId) {
        return writer.lastTransaction(table, appId);
    }

    public long latestVersion(TradingTable table) {
        return snapshots.at(table, ReadAt.latest()).getVersion();
    }

    /** Rows of a table at a version or instant, only the symbol's partition when a symbol is given. */
    public List<Map<String, Object>> read(TradingTable table, ReadAt at, String symbol) {
        return reader.read(table, at, symbol);
    }

    /** Files a scan of this state would open: the partition pruning a symbol filter gets. */
    public int filesScanned(TradingTable table, ReadAt at, String symbol) {
        return reader.filesScanned(table, at, symbol);
    }

    /** Every version with its commit time (in-commit timestamp), operation and the import it came from. */
    public List<Commit> history(TradingTable table) {
        return history.commits(table);
    }

    /** Writes a checkpoint of the latest version, so reading the latest state starts from it. */
    public long checkpoint(TradingTable table) {
        return writer.checkpoint(table);
    }
}
