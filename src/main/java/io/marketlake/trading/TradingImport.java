package io.marketlake.trading;

import io.marketlake.ingest.Batch;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.camel.Body;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Imports one dropped file into its table, exactly once: the file's content names a Delta application id and
 * each batch of its rows is a transaction version of that id. A batch the table has committed already (the
 * process stopped after it, or the same file came again) is skipped, so a restart finishes the file and a
 * re-dropped file adds nothing.
 */
public final class TradingImport {

    private static final Logger LOG = LoggerFactory.getLogger(TradingImport.class);

    private final DeltaTables tables;
    private final int batchSize;

    public TradingImport(DeltaTables tables, int batchSize) {
        this.tables = tables;
        this.batchSize = batchSize;
    }

    /** What an import did: the rows read (and rejected), the versions committed, the batches found done. */
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
        String appId = "marketlake-import:" + table.tableName() + ":" + sha256(file);
        long done = tables.lastTransaction(table, appId);
        List<Long> committed = new ArrayList<>();
        int alreadyDone = 0;
        List<Map<String, Object>> records = rows.records();
        for (int start = 0, batch = 1; start < records.size(); start += batchSize, batch++) {
            if (batch <= done) {
                alreadyDone++;
                continue;
            }
            long version = tables.append(table, records.subList(start, Math.min(records.size(), start + batchSize)),
                    appId, batch);
            if (version < 0) {
                alreadyDone++;
            } else {
                committed.add(version);
            }
        }
        Result result = new Result(table, rows, committed, alreadyDone);
        LOG.info("Imported {} into {}", file.getFileName(), result);
        return result;
    }

    private static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            int read;
            while ((read = in.read(buffer)) >= 0) {
                digest.update(buffer, 0, read);
            }
            return HexFormat.of().formatHex(digest.digest()).substring(0, 32);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
