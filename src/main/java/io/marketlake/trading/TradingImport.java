package io.marketlake.trading;

import io.marketlake.ingest.Batch;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.camel.Body;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Imports one dropped file into its table, exactly once: the file's content names a Delta application id, and
 * each commit of a batch of its rows carries, as that id's transaction version, the number of the file's rows
 * committed so far. Rows the table holds already (the process stopped after them, or the same file came again)
 * are skipped, so a restart finishes the file, even with another batch size, and a re-dropped file adds nothing.
 */
public final class TradingImport {

    private static final Logger LOG = LoggerFactory.getLogger(TradingImport.class);

    private final DeltaTables tables;
    private final int batchSize;

    public TradingImport(DeltaTables tables, int batchSize) {
        this.tables = tables;
        this.batchSize = batchSize;
    }

    /**
     * What an import did: the rows read (and rejected), the versions committed, and how many batches (of the
     * current batch size) the table held already.
     */
    public record Result(TradingTable table, Batch<Map<String, Object>> rows, List<Long> committed, int alreadyDone) {

        public Batch<Map<String, Object>> batch() {
            return rows;
        }

        @Override
        public String toString() {
            return table.tableName() + ": " + rows.records().size() + " rows, " + rows.rejections().size()
                    + " rejected, committed versions " + committed + (alreadyDone > 0 ? ", " + alreadyDone
                    + " batch(es) committed before" : "");
        }
    }

    /** The route's step: the file's path as text. */
    public Result importDropped(@Body String file) {
        return importFile(Path.of(file));
    }

    public Result importFile(Path file) {
        TradingTable table = TradingRows.tableOf(file);
        Batch<Map<String, Object>> rows = TradingRows.read(table, file);
        String hash = sha256(file);
        // imports before row offsets numbered their batches under this id: resuming one now could double rows
        if (tables.lastTransaction(table, "marketlake-import:" + table.tableName() + ":" + hash) > 0) {
            throw new IllegalStateException(file.getFileName() + " was imported into " + table.tableName()
                    + " by an earlier marketlake that counted batches, not rows; importing it again could double"
                    + " rows, so it is not imported");
        }
        String appId = "marketlake-import-rows:" + table.tableName() + ":" + hash;
        List<Map<String, Object>> records = rows.records();
        int start = rowsCommitted(table, appId, records);
        int alreadyDone = (start + batchSize - 1) / batchSize;
        List<Long> committed = new ArrayList<>();
        while (start < records.size()) {
            int end = Math.min(records.size(), start + batchSize);
            long version = tables.append(table, records.subList(start, end), appId, start);
            if (version >= 0) {
                committed.add(version);
                start = end;
                continue;
            }
            // committed meanwhile by another import of this file: go on from the row it got to
            alreadyDone++;
            int reached = rowsCommitted(table, appId, records);
            if (reached <= start) {
                throw new IllegalStateException("another import of " + file.getFileName() + " into "
                        + table.tableName() + " is committing the same rows; try again");
            }
            start = reached;
        }
        Result result = new Result(table, rows, committed, alreadyDone);
        LOG.info("Imported {} into {}", file.getFileName(), result);
        return result;
    }

    /**
     * How many of the file's rows the table holds: the transaction version of the file's application id is the
     * number of its rows committed through that commit, so a resume continues from the right row whatever the
     * batch size is now. (Imports before this rule stored batch numbers under another application id; such a
     * file is refused, see importFile.)
     */
    private int rowsCommitted(TradingTable table, String appId, List<Map<String, Object>> records) {
        return (int) Math.min(records.size(), Math.max(0, tables.lastTransaction(table, appId)));
    }

    private static String sha256(Path file) {
        return io.marketlake.Sha256.of(file).substring(0, 32);
    }
}
