package io.marketlake.trading;

import io.delta.kernel.Snapshot;
import io.delta.kernel.Table;
import io.delta.kernel.exceptions.KernelException;
import io.delta.kernel.exceptions.TableNotFoundException;
import io.marketlake.ConfigurationException;
import java.time.Instant;

/**
 * The state of a table a read asks for: the latest, a version, or the one current at an instant. In-commit
 * timestamps are on, so "as of" follows the commits, not file modification times.
 */
final class DeltaSnapshots {

    private final KernelTables tables;
    private final DeltaHistory history;

    DeltaSnapshots(KernelTables tables, DeltaHistory history) {
        this.tables = tables;
        this.history = history;
    }

    Snapshot at(TradingTable table, ReadAt at) {
        Table delta = tables.open(table);
        try {
            if (at.version() != null) {
                return versionOf(table, delta, at.version());
            }
            if (at.asOf() != null) {
                return stateAt(table, delta, at.asOf());
            }
            return delta.getLatestSnapshot(tables.engine());
        } catch (TableNotFoundException e) {
            throw new IllegalStateException("no trading table " + table.tableName() + " under " + tables.root(), e);
        }
    }

    private Snapshot versionOf(TradingTable table, Table delta, long version) {
        try {
            return delta.getSnapshotAsOfVersion(tables.engine(), version);
        } catch (KernelException e) {
            long latest = delta.getLatestSnapshot(tables.engine()).getVersion();
            if (version > latest) {
                throw new ConfigurationException("no version " + version + " of trading table " + table.tableName()
                        + ": the latest is " + latest);
            }
            throw e;
        }
    }

    /**
     * The version current at an instant: the last one committed at or before it. Kernel refuses an instant after
     * the latest commit, yet the latest version is the state then (nothing has changed since), so that case is
     * answered here; before the first commit the table did not exist, which the user is told.
     */
    private Snapshot stateAt(TradingTable table, Table delta, Instant instant) {
        Snapshot latest = delta.getLatestSnapshot(tables.engine());
        long millis = instant.toEpochMilli(); // rounding down is exact: commit times are whole milliseconds
        if (millis >= latest.getTimestamp(tables.engine())) {
            return latest;
        }
        try {
            return delta.getSnapshotAsOfTimestamp(tables.engine(), millis);
        } catch (KernelException e) {
            Instant first = history.first(table).map(Commit::timestamp).orElse(null);
            if (first != null && instant.isBefore(first)) {
                throw new ConfigurationException("trading table " + table.tableName() + " has no version as of "
                        + instant + ": its first commit is at " + first);
            }
            throw e;
        }
    }
}
