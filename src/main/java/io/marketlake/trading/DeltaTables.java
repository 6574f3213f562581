package io.marketlake.trading;

import io.delta.kernel.Scan;
import io.delta.kernel.Snapshot;
import io.delta.kernel.Table;
import io.delta.kernel.Transaction;
import io.delta.kernel.TransactionBuilder;
import io.delta.kernel.TransactionCommitResult;
import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.Row;
import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.engine.FileReadResult;
import io.delta.kernel.exceptions.ConcurrentTransactionException;
import io.delta.kernel.exceptions.KernelException;
import io.delta.kernel.exceptions.TableNotFoundException;
import io.delta.kernel.expressions.Column;
import io.delta.kernel.expressions.Literal;
import io.delta.kernel.expressions.Predicate;
import io.delta.kernel.hook.PostCommitHook;
import io.delta.kernel.types.LongType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterable;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.DataFileStatus;
import io.delta.kernel.utils.FileStatus;
import io.delta.kernel.Operation;
import io.delta.kernel.DataWriteContext;
import io.marketlake.ConfigurationException;
import io.marketlake.lake.LakeColumns;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;

/**
 * The trading tables on Delta Lake through Delta Kernel (public APIs): create on first write, one commit per
 * append with a transaction id for exactly-once, scans of a version or of the state at an instant, history
 * and checkpoints. In-commit timestamps are on, so "as of" follows the commits, not file modification times.
 */
public class DeltaTables {

    private static final String ENGINE_INFO = "marketlake";
    private static final Pattern COMMIT_OR_CHECKPOINT = Pattern.compile("\\d{20}\\.(json|checkpoint\\..*parquet)");
    private static final StructType COMMIT_SCHEMA = new StructType()
            .add("commitInfo", new StructType().add("timestamp", LongType.LONG)
                    .add("inCommitTimestamp", LongType.LONG).add("operation", StringType.STRING))
            .add("txn", new StructType().add("appId", StringType.STRING).add("version", LongType.LONG));

    private final Path root;
    private final int checkpointInterval;
    // created on first use: Hadoop's Configuration costs start-up time that most commands never need
    private Engine engine;

    public DeltaTables(Path root, int checkpointInterval) {
        this.root = root;
        this.checkpointInterval = checkpointInterval;
    }

    private synchronized Engine engine() {
        if (engine == null) {
            engine = DefaultEngine.create(new Configuration());
        }
        return engine;
    }

    public Path path(TradingTable table) {
        return root.resolve(table.tableName());
    }

    /**
     * Whether the table has a first commit. A log directory alone is not enough: a process killed while creating
     * the table leaves one holding no commit (or only a commit's temporary file), and the next import must create
     * the table, not append to it.
     */
    public boolean exists(TradingTable table) {
        Path log = path(table).resolve("_delta_log");
        if (!Files.isDirectory(log)) {
            return false;
        }
        try (var files = Files.list(log)) {
            return files.anyMatch(f -> COMMIT_OR_CHECKPOINT.matcher(f.getFileName().toString()).matches());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the log of " + table.tableName(), e);
        }
    }

    /**
     * Appends a source's rows number {@code from} onwards in one commit, creating the table with its first rows.
     * The commit's transaction version of the source's application id is the number of the source's rows
     * committed through it. Returns the committed version, or -1, leaving the table as it was, when the table
     * does not hold exactly {@code from} rows of that source (they were committed already, or another import of
     * the source got further).
     */
    public long append(TradingTable table, List<Map<String, Object>> rows, String appId, long from) {
        boolean create = !exists(table);
        Table delta = Table.forPath(engine(), path(table).toString());
        Transaction transaction;
        try {
            TransactionBuilder builder = delta.createTransactionBuilder(engine(), ENGINE_INFO,
                    create ? Operation.CREATE_TABLE : Operation.WRITE)
                    .withTransactionId(engine(), appId, from + rows.size());
            if (create) {
                builder = builder.withSchema(engine(), table.schema())
                        .withPartitionColumns(engine(), table.partitionColumns())
                        .withTableProperties(engine(), Map.of(
                                "delta.enableInCommitTimestamps", "true",
                                "delta.checkpointInterval", Integer.toString(checkpointInterval)));
            }
            transaction = builder.build(engine());
        } catch (ConcurrentTransactionException alreadyCommitted) {
            return -1;
        }
        // Kernel refuses only a transaction version not above the last one; another import of the source with
        // another batch size may have committed some of these rows since the caller looked
        long held = create ? 0 : delta.getSnapshotAsOfVersion(engine(), transaction.getReadTableVersion())
                .getLatestTransactionVersion(engine(), appId).orElse(0L);
        if (held != from) {
            return -1;
        }
        Row state = transaction.getTransactionState(engine());
        List<Row> actions = new ArrayList<>();
        try {
            for (Map.Entry<Map<String, Literal>, List<Map<String, Object>>> partition
                    : byPartition(table, rows).entrySet()) {
                CloseableIterator<FilteredColumnarBatch> physical = Transaction.transformLogicalData(engine(), state,
                        iterator(List.of(new FilteredColumnarBatch(batch(table, partition.getValue()), Optional.empty()))),
                        partition.getKey());
                DataWriteContext context = Transaction.getWriteContext(engine(), state, partition.getKey());
                CloseableIterator<DataFileStatus> files = engine().getParquetHandler()
                        .writeParquetFiles(context.getTargetDirectory(), physical, context.getStatisticsColumns());
                try (CloseableIterator<Row> adds = Transaction.generateAppendActions(engine(), state, files, context)) {
                    adds.forEachRemaining(actions::add);
                }
            }
            TransactionCommitResult result = transaction.commit(engine(),
                    CloseableIterable.inMemoryIterable(iterator(actions)));
            for (PostCommitHook hook : result.getPostCommitHooks()) {
                hook.threadSafeInvoke(engine()); // checksum and, every checkpointInterval commits, a checkpoint
            }
            return result.getVersion();
        } catch (ConcurrentTransactionException committedMeanwhile) {
            return -1;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + table.tableName(), e);
        }
    }

    /** The last transaction version this application id committed, -1 when none. */
    public long lastTransaction(TradingTable table, String appId) {
        if (!exists(table)) {
            return -1;
        }
        return Table.forPath(engine(), path(table).toString()).getLatestSnapshot(engine())
                .getLatestTransactionVersion(engine(), appId).orElse(-1L);
    }

    public long latestVersion(TradingTable table) {
        return snapshot(table, ReadAt.latest()).getVersion();
    }

    /** Rows of a table at a version or instant, only the symbol's partition when a symbol is given. */
    public List<Map<String, Object>> read(TradingTable table, ReadAt at, String symbol) {
        if (!exists(table)) {
            return List.of();
        }
        Snapshot snapshot = snapshot(table, at);
        Scan scan = scan(table, snapshot, symbol);
        Row scanState = scan.getScanState(engine());
        List<String> partitions = snapshot.getPartitionColumnNames();
        StructType physical = new StructType(snapshot.getSchema().fields().stream()
                .filter(field -> !partitions.contains(field.getName())).collect(Collectors.toList()));
        List<Map<String, Object>> rows = new ArrayList<>();
        try (CloseableIterator<FilteredColumnarBatch> scanFiles = scan.getScanFiles(engine())) {
            while (scanFiles.hasNext()) {
                try (CloseableIterator<Row> files = scanFiles.next().getRows()) {
                    while (files.hasNext()) {
                        readFile(table, scanState, files.next(), physical, rows);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + table.tableName(), e);
        }
        if (symbol != null && !table.partitionColumns().contains("symbol")) {
            rows.removeIf(row -> !symbol.equals(row.get("symbol")));
        }
        return rows;
    }

    /** Files a scan of this state would open: the partition pruning a symbol filter gets. */
    public int filesScanned(TradingTable table, ReadAt at, String symbol) {
        int count = 0;
        try (CloseableIterator<FilteredColumnarBatch> scanFiles = scan(table, snapshot(table, at), symbol)
                .getScanFiles(engine())) {
            while (scanFiles.hasNext()) {
                try (CloseableIterator<Row> files = scanFiles.next().getRows()) {
                    while (files.hasNext()) {
                        files.next();
                        count++;
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return count;
    }

    /** Every version with its commit time (in-commit timestamp), operation and the import it came from. */
    public List<Commit> history(TradingTable table) {
        if (!exists(table)) {
            return List.of();
        }
        List<Commit> commits = new ArrayList<>();
        for (Path log : commitFiles(table)) {
            commits.add(commit(table, log));
        }
        return commits;
    }

    /** The commit files of the log, oldest first. */
    private List<Path> commitFiles(TradingTable table) {
        try (var files = Files.list(path(table).resolve("_delta_log"))) {
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
            try (CloseableIterator<ColumnarBatch> batches = engine().getJsonHandler()
                    .readJsonFiles(iterator(List.of(status)), COMMIT_SCHEMA, Optional.empty())) {
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

    /** Writes a checkpoint of the latest version, so reading the latest state starts from it. */
    public long checkpoint(TradingTable table) {
        if (!exists(table)) {
            return -1;
        }
        Table delta = Table.forPath(engine(), path(table).toString());
        long version = delta.getLatestSnapshot(engine()).getVersion();
        try {
            delta.checkpoint(engine(), version);
        } catch (io.delta.kernel.exceptions.CheckpointAlreadyExistsException exists) {
            // nothing to do: this version is checkpointed already
        } catch (IOException e) {
            throw new UncheckedIOException("cannot checkpoint " + table.tableName(), e);
        }
        return version;
    }

    /** A scan of the snapshot, pruned to the symbol's partition when the table is partitioned by symbol. */
    private static Scan scan(TradingTable table, Snapshot snapshot, String symbol) {
        var builder = snapshot.getScanBuilder();
        if (symbol != null && table.partitionColumns().contains("symbol")) {
            builder = builder.withFilter(new Predicate("=", new Column("symbol"), Literal.ofString(symbol)));
        }
        return builder.build();
    }

    private Snapshot snapshot(TradingTable table, ReadAt at) {
        Table delta = Table.forPath(engine(), path(table).toString());
        try {
            if (at.version() != null) {
                return versionOf(table, delta, at.version());
            }
            if (at.asOf() != null) {
                return stateAt(table, delta, at.asOf());
            }
            return delta.getLatestSnapshot(engine());
        } catch (TableNotFoundException e) {
            throw new IllegalStateException("no trading table " + table.tableName() + " under " + root, e);
        }
    }

    private Snapshot versionOf(TradingTable table, Table delta, long version) {
        try {
            return delta.getSnapshotAsOfVersion(engine(), version);
        } catch (KernelException e) {
            long latest = delta.getLatestSnapshot(engine()).getVersion();
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
        Snapshot latest = delta.getLatestSnapshot(engine());
        long millis = instant.toEpochMilli(); // rounding down is exact: commit times are whole milliseconds
        if (millis >= latest.getTimestamp(engine())) {
            return latest;
        }
        try {
            return delta.getSnapshotAsOfTimestamp(engine(), millis);
        } catch (KernelException e) {
            List<Path> logs = commitFiles(table);
            Instant first = logs.isEmpty() ? null : commit(table, logs.get(0)).timestamp();
            if (first != null && instant.isBefore(first)) {
                throw new ConfigurationException("trading table " + table.tableName() + " has no version as of "
                        + instant + ": its first commit is at " + first);
            }
            throw e;
        }
    }

    private void readFile(TradingTable table, Row scanState, Row scanFile, StructType physical,
            List<Map<String, Object>> rows) throws IOException {
        Row add = scanFile.getStruct(scanFile.getSchema().indexOf("add"));
        StructType addSchema = add.getSchema();
        // add.path is a URI relative to the table root: decode it, as Kernel itself does
        String file = new org.apache.hadoop.fs.Path(
                new org.apache.hadoop.fs.Path(URI.create(scanFile.getString(scanFile.getSchema().indexOf("tableRoot")))),
                new org.apache.hadoop.fs.Path(URI.create(add.getString(addSchema.indexOf("path"))))).toString();
        CloseableIterator<ColumnarBatch> data = engine().getParquetHandler().readParquetFiles(
                iterator(List.of(FileStatus.of(file, add.getLong(addSchema.indexOf("size")),
                        add.getLong(addSchema.indexOf("modificationTime"))))), physical, Optional.empty())
                .map(FileReadResult::getData);
        try (CloseableIterator<FilteredColumnarBatch> logical = Scan.transformPhysicalData(engine(), scanState, scanFile, data)) {
            while (logical.hasNext()) {
                try (CloseableIterator<Row> batchRows = logical.next().getRows()) {
                    while (batchRows.hasNext()) {
                        rows.add(values(table, batchRows.next()));
                    }
                }
            }
        }
    }

    private static Map<String, Object> values(TradingTable table, Row row) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (TradingColumn column : table.columns()) {
            int index = row.getSchema().indexOf(column.name());
            if (index < 0 || row.isNullAt(index)) {
                values.put(column.name(), null);
                continue;
            }
            values.put(column.name(), switch (column.type()) {
                case TEXT -> row.getString(index);
                case WHOLE -> row.getLong(index);
                case DECIMAL -> row.getDouble(index);
                case INSTANT -> LakeColumns.instant(row.getLong(index));
                case DATE -> LocalDate.ofEpochDay(row.getInt(index));
            });
        }
        return values;
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
                    case DATE -> (int) ((LocalDate) value).toEpochDay();
                    default -> value;
                };
            }
            vectors.add(new SimpleBatch.Vector(field.getDataType(), values));
        }
        return new SimpleBatch(schema, vectors);
    }

    static <T> CloseableIterator<T> iterator(List<T> list) {
        Iterator<T> it = list.iterator();
        return new CloseableIterator<>() {
            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public T next() {
                return it.next();
            }

            @Override
            public void close() {
            }
        };
    }
}
