package io.marketlake.cot;

import io.marketlake.ingest.Batch;
import io.marketlake.ingest.BatchLedger;
import io.marketlake.ingest.IngestProperties;
import io.marketlake.lake.LakeColumns;
import io.marketlake.lake.LakeReader;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.generic.GenericRecord;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;

/**
 * Keeps only report weeks whose figures differ from the newest version the lake holds, that it does not hold yet,
 * or whose newest version never completed (its features were not stored: the run failed or was killed between
 * the two stores), so re-reading the last weeks to catch CFTC revisions adds nothing when nothing was revised,
 * a revision becomes a new lake version beside the original, and a half-done week is finished.
 */
public final class CotVersions {

    private final LakeReader lake;
    private final BatchLedger ledger;

    public CotVersions(LakeReader lake, BatchLedger ledger) {
        this.lake = lake;
        this.ledger = ledger;
    }

    public Batch<CotReport> onlyChanged(@Body Batch<CotReport> batch,
            @ExchangeProperty(IngestProperties.MARKET) String market) {
        if (batch.records().isEmpty()) {
            return batch;
        }
        LocalDate from = batch.records().stream().map(CotReport::reportDate).min(Comparator.naturalOrder()).orElseThrow();
        LocalDate to = batch.records().stream().map(CotReport::reportDate).max(Comparator.naturalOrder()).orElseThrow();
        Map<LocalDate, long[]> stored = new HashMap<>();
        Map<LocalDate, String> storedBatch = new HashMap<>();
        for (GenericRecord row : lake.read(CotLakeTable.DATA_TYPE, market, from, to, false).rows()) {
            LocalDate week = LocalDate.ofEpochDay(((Number) row.get(LakeColumns.TRADING_DATE)).longValue());
            stored.put(week, CotLakeTable.figures(row));
            storedBatch.put(week, row.get(LakeColumns.BATCH_ID).toString());
        }
        Set<String> complete = ledger.completed(storedBatch.values());
        List<CotReport> changed = batch.records().stream()
                .filter(r -> !Arrays.equals(stored.get(r.reportDate()), r.figures())
                        || !complete.contains(storedBatch.get(r.reportDate())))
                .toList();
        return new Batch<>(changed, batch.rejections());
    }
}
