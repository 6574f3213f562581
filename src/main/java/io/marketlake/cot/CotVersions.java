package io.marketlake.cot;

import io.marketlake.ingest.Batch;
import io.marketlake.lake.LakeReader;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;

/**
 * Keeps only report weeks whose figures differ from the newest version the lake holds (or that it does not hold
 * yet), so re-reading the last weeks to catch CFTC revisions adds nothing when nothing was revised, and a
 * revision becomes a new lake version beside the original.
 */
public final class CotVersions {

    private final LakeReader lake;

    public CotVersions(LakeReader lake) {
        this.lake = lake;
    }

    public Batch<CotReport> onlyChanged(Batch<CotReport> batch, String market) {
        if (batch.records().isEmpty()) {
            return batch;
        }
        LocalDate from = batch.records().stream().map(CotReport::reportDate).min(Comparator.naturalOrder()).orElseThrow();
        LocalDate to = batch.records().stream().map(CotReport::reportDate).max(Comparator.naturalOrder()).orElseThrow();
        Map<LocalDate, long[]> stored = new HashMap<>();
        for (GenericRecord row : lake.read(CotLakeTable.DATA_TYPE, market, from, to, false).rows()) {
            stored.put(LocalDate.ofEpochDay(((Number) row.get("trading_date")).longValue()), CotLakeTable.figures(row));
        }
        List<CotReport> changed = batch.records().stream()
                .filter(r -> !Arrays.equals(stored.get(r.reportDate()), CotLakeTable.figures(r)))
                .toList();
        return new Batch<>(changed, batch.rejections());
    }
}
