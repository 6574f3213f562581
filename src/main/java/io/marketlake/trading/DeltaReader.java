package io.marketlake.trading;

import io.delta.kernel.Scan;
import io.delta.kernel.Snapshot;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.Row;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.engine.FileReadResult;
import io.delta.kernel.expressions.Column;
import io.delta.kernel.expressions.Literal;
import io.delta.kernel.expressions.Predicate;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.FileStatus;
import io.marketlake.lake.LakeColumns;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Rows of a table's state, opening only the symbol's partition where the table is partitioned by symbol. */
final class DeltaReader {

    private final KernelTables tables;
    private final DeltaSnapshots snapshots;

    DeltaReader(KernelTables tables, DeltaSnapshots snapshots) {
        this.tables = tables;
        this.snapshots = snapshots;
    }

    /** Rows of a table at a version or instant, only the symbol's partition when a symbol is given. */
    List<Map<String, Object>> read(TradingTable table, ReadAt at, String symbol) {
        if (!tables.exists(table)) {
            return List.of();
        }
        Snapshot snapshot = snapshots.at(table, at);
        Scan scan = scan(table, snapshot, symbol);
        Row scanState = scan.getScanState(tables.engine());
        List<String> partitions = snapshot.getPartitionColumnNames();
        StructType physical = new StructType(snapshot.getSchema().fields().stream()
                .filter(field -> !partitions.contains(field.getName())).collect(Collectors.toList()));
        List<Map<String, Object>> rows = new ArrayList<>();
        forEachFile(table, scan, file -> readFile(table, scanState, file, physical, rows));
        if (symbol != null && !table.partitionColumns().contains("symbol")) {
            rows.removeIf(row -> !symbol.equals(row.get("symbol")));
        }
        return rows;
    }

    /** Files a scan of this state would open: the partition pruning a symbol filter gets. */
    int filesScanned(TradingTable table, ReadAt at, String symbol) {
        int[] count = {0};
        forEachFile(table, scan(table, snapshots.at(table, at), symbol), file -> count[0]++);
        return count[0];
    }

    /** A scan of the snapshot, pruned to the symbol's partition when the table is partitioned by symbol. */
    private static Scan scan(TradingTable table, Snapshot snapshot, String symbol) {
        var builder = snapshot.getScanBuilder();
        if (symbol != null && table.partitionColumns().contains("symbol")) {
            builder = builder.withFilter(new Predicate("=", new Column("symbol"), Literal.ofString(symbol)));
        }
        return builder.build();
    }

    private interface ScanFileReader {
        void accept(Row scanFile) throws IOException;
    }

    private void forEachFile(TradingTable table, Scan scan, ScanFileReader reader) {
        try (CloseableIterator<FilteredColumnarBatch> scanFiles = scan.getScanFiles(tables.engine())) {
            while (scanFiles.hasNext()) {
                try (CloseableIterator<Row> files = scanFiles.next().getRows()) {
                    while (files.hasNext()) {
                        reader.accept(files.next());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + table.tableName(), e);
        }
    }

    private void readFile(TradingTable table, Row scanState, Row scanFile, StructType physical,
            List<Map<String, Object>> rows) throws IOException {
        Engine engine = tables.engine();
        Row add = scanFile.getStruct(scanFile.getSchema().indexOf("add"));
        StructType addSchema = add.getSchema();
        // add.path is a URI relative to the table root: decode it, as Kernel itself does
        String file = new org.apache.hadoop.fs.Path(
                new org.apache.hadoop.fs.Path(URI.create(scanFile.getString(scanFile.getSchema().indexOf("tableRoot")))),
                new org.apache.hadoop.fs.Path(URI.create(add.getString(addSchema.indexOf("path"))))).toString();
        CloseableIterator<ColumnarBatch> data = engine.getParquetHandler().readParquetFiles(
                InMemoryIterator.of(List.of(FileStatus.of(file, add.getLong(addSchema.indexOf("size")),
                        add.getLong(addSchema.indexOf("modificationTime"))))), physical, Optional.empty())
                .map(FileReadResult::getData);
        try (CloseableIterator<FilteredColumnarBatch> logical = Scan.transformPhysicalData(engine, scanState, scanFile,
                data)) {
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
}
