package io.marketlake.trading;

import io.delta.kernel.DataWriteContext;
import io.delta.kernel.Operation;
import io.delta.kernel.Table;
import io.delta.kernel.Transaction;
import io.delta.kernel.TransactionBuilder;
import io.delta.kernel.TransactionCommitResult;
import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.Row;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.exceptions.CheckpointAlreadyExistsException;
import io.delta.kernel.exceptions.ConcurrentTransactionException;
import io.delta.kernel.expressions.Literal;
import io.delta.kernel.hook.PostCommitHook;
import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterable;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.DataFileStatus;
import io.marketlake.lake.LakeColumns;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Commits to the trading tables: each append is one commit whose transaction version makes it exactly-once, the
 * first one creates the table; checkpoints come every checkpointInterval commits or when asked for.
 */
final class DeltaWriter {

    private static final String ENGINE_INFO = "marketlake";

    private final KernelTables tables;
    private final int checkpointInterval;

    DeltaWriter(KernelTables tables, int checkpointInterval) {
        this.tables = tables;
        this.checkpointInterval = checkpointInterval;
    }

    /** Appends rows {@code from} onwards of a source in one commit: see {@link DeltaTables#append}. */
    long append(TradingTable table, List<Map<String, Object>> rows, String appId, long from) {
        boolean create = !tables.exists(table);
        Engine engine = tables.engine();
        Table delta = tables.open(table);
        Transaction transaction;
        try {
            TransactionBuilder builder = delta.createTransactionBuilder(engine, ENGINE_INFO,
                    create ? Operation.CREATE_TABLE : Operation.WRITE)
                    .withTransactionId(engine, appId, from + rows.size());
            if (create) {
                builder = builder.withSchema(engine, table.schema())
                        .withPartitionColumns(engine, table.partitionColumns())
                        .withTableProperties(engine, Map.of(
                                "delta.enableInCommitTimestamps", "true",
                                "delta.checkpointInterval", Integer.toString(checkpointInterval)));
            }
            transaction = builder.build(engine);
        } catch (ConcurrentTransactionException alreadyCommitted) {
            return -1;
        }
        // Kernel refuses only a transaction version not above the last one; another import of the source with
        // another batch size may have committed some of these rows since the caller looked
        long held = create ? 0 : delta.getSnapshotAsOfVersion(engine, transaction.getReadTableVersion())
                .getLatestTransactionVersion(engine, appId).orElse(0L);
        if (held != from) {
            return -1;
        }
        Row state = transaction.getTransactionState(engine);
        List<Row> actions = new ArrayList<>();
        try {
            for (Map.Entry<Map<String, Literal>, List<Map<String, Object>>> partition
                    : byPartition(table, rows).entrySet()) {
                CloseableIterator<FilteredColumnarBatch> physical = Transaction.transformLogicalData(engine, state,
                        InMemoryIterator.of(List.of(new FilteredColumnarBatch(batch(table, partition.getValue()),
                                Optional.empty()))),
                        partition.getKey());
                DataWriteContext context = Transaction.getWriteContext(engine, state, partition.getKey());
                CloseableIterator<DataFileStatus> files = engine.getParquetHandler()
                        .writeParquetFiles(context.getTargetDirectory(), physical, context.getStatisticsColumns());
                try (CloseableIterator<Row> adds = Transaction.generateAppendActions(engine, state, files, context)) {
                    adds.forEachRemaining(actions::add);
                }
            }
            TransactionCommitResult result = transaction.commit(engine,
                    CloseableIterable.inMemoryIterable(InMemoryIterator.of(actions)));
            for (PostCommitHook hook : result.getPostCommitHooks()) {
                hook.threadSafeInvoke(engine); // checksum and, every checkpointInterval commits, a checkpoint
            }
            return result.getVersion();
        } catch (ConcurrentTransactionException committedMeanwhile) {
            return -1;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + table.tableName(), e);
        }
    }

    /** The last transaction version this application id committed, -1 when none. */
    long lastTransaction(TradingTable table, String appId) {
        if (!tables.exists(table)) {
            return -1;
        }
        return tables.open(table).getLatestSnapshot(tables.engine())
                .getLatestTransactionVersion(tables.engine(), appId).orElse(-1L);
    }

    /** Writes a checkpoint of the latest version, so reading the latest state starts from it. */
    long checkpoint(TradingTable table) {
        if (!tables.exists(table)) {
            return -1;
        }
        Table delta = tables.open(table);
        long version = delta.getLatestSnapshot(tables.engine()).getVersion();
        try {
            delta.checkpoint(tables.engine(), version);
        } catch (CheckpointAlreadyExistsException exists) {
            // nothing to do: this version is checkpointed already
        } catch (IOException e) {
            throw new UncheckedIOException("cannot checkpoint " + table.tableName(), e);
        }
        return version;
    }

    private static Map<Map<String, Literal>, List<Map<String, Object>>> byPartition(TradingTable table,
            List<Map<String, Object>> rows) {
        Map<Map<String, Literal>, List<Map<String, Object>>> partitions = new LinkedHashMap<>();
        for (Map<String, Object> row : rows) {
            Map<String, Literal> key = new LinkedHashMap<>();
            for (String column : table.partitionColumns()) {
                key.put(column, Literal.ofString((String) row.get(column)));
            }
            partitions.computeIfAbsent(key, k -> new ArrayList<>()).add(row);
        }
        return partitions;
    }

    private static ColumnarBatch batch(TradingTable table, List<Map<String, Object>> rows) {
        StructType schema = table.schema();
        List<ColumnVector> vectors = new ArrayList<>();
        for (StructField field : schema.fields()) {
            TradingColumn column = table.column(field.getName());
            Object[] values = new Object[rows.size()];
            for (int i = 0; i < rows.size(); i++) {
                Object value = rows.get(i).get(field.getName());
                values[i] = value == null ? null : switch (column.type()) {
                    case INSTANT -> LakeColumns.micros((Instant) value);
                    case DATE -> LakeColumns.epochDay((LocalDate) value);
                    default -> value;
                };
            }
            vectors.add(new SimpleBatch.Vector(field.getDataType(), values));
        }
        return new SimpleBatch(schema, vectors);
    }
}
