package io.marketlake.ingest;

import io.marketlake.features.CompletedBatch;
import io.marketlake.features.FeatureStore;
import io.marketlake.features.FeatureValue;
import io.marketlake.lake.LakeReader;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.apache.camel.Body;
import org.apache.camel.Exchange;

/**
 * The one completion mechanism of every pipeline. A batch is complete only when both stores hold it: its lake
 * files are written first, then its features and its ledger entry in one feature-store transaction. A batch that
 * failed or was killed between the two has lake files but no ledger entry, so every rerun (a backfill without
 * --force, the COT revision rule) sees it as pending and ingests it again; the feature store adds nothing for
 * values it already holds and the newer lake batch replaces the older one for readers, so nothing is doubled.
 */
public final class BatchLedger {

    private final FeatureStore store;
    private final LakeReader lake;

    public BatchLedger(FeatureStore store, LakeReader lake) {
        this.store = store;
        this.lake = lake;
    }

    /** The fan-out's last step: stores the batch's features and records the batch complete, atomically. */
    public int complete(@Body List<FeatureValue> values, Exchange exchange) {
        IngestReport report = IngestReports.report(exchange);
        int added = store.append(values, new CompletedBatch(report.batchId(), report.source(), report.market(),
                LocalDate.parse(report.date()), report.rowsWritten(), report.defects()));
        report.features(added);
        return added;
    }

    /**
     * The dates of {@code dates} that are complete for this source: a complete batch is recorded for the date and
     * no newer batch of it is in the lake (a newer one that never completed, from a forced rerun that failed half
     * way, makes the date pending again).
     */
    public SortedSet<LocalDate> done(String source, String dataType, String market, Collection<LocalDate> dates) {
        SortedSet<LocalDate> done = new TreeSet<>();
        if (dates.isEmpty()) {
            return done;
        }
        LocalDate from = dates.stream().min(LocalDate::compareTo).orElseThrow();
        LocalDate to = dates.stream().max(LocalDate::compareTo).orElseThrow();
        Map<LocalDate, String> newestComplete = new HashMap<>();
        for (FeatureStore.LedgerEntry entry : store.completed(source, market, from, to)) {
            if (settled(entry)) {
                newestComplete.merge(entry.tradingDate(), entry.batchId(), (a, b) -> a.compareTo(b) >= 0 ? a : b);
            }
        }
        Map<LocalDate, String> inLake = lake.newestBatches(dataType, market, from, to);
        for (LocalDate date : dates) {
            String complete = newestComplete.get(date);
            String newestInLake = inLake.get(date);
            if (complete != null && (newestInLake == null || newestInLake.compareTo(complete) <= 0)) {
                done.add(date);
            }
        }
        return done;
    }

    /**
     * A batch whose response looked broken (records cut, out of range or contradictory: see
     * {@link #RESPONSE_DEFECTS}) is never final, so the date is asked again. Otherwise a batch with rows is final;
     * an empty one (a holiday, or a day the vendor had not published yet when asked) only when it was asked for a
     * day after the date ended, so a date asked for too early is asked again.
     */
    private static boolean settled(FeatureStore.LedgerEntry entry) {
        return entry.defects() == 0 && (entry.lakeRows() > 0
                || !entry.completedAt().isBefore(entry.tradingDate().plusDays(2).atStartOfDay(ZoneOffset.UTC).toInstant()));
    }

    /**
     * Rejections that say the response was broken in transit or by the server rather than the data wrong: asking
     * again may mend them. (A record that breaks a data rule, or an option quoted without a definition, would come
     * back the same: asking again would only be billed again.)
     */
    public static final Set<String> RESPONSE_DEFECTS = Set.of("unreadable_record", "outside_requested_range",
            "wrong_schema", "out_of_order", "conflicting_records", "unmapped_symbol");

    /** The id of the newest lake batch holding this date, if any (ids start with their UTC time, so they sort). */
    public java.util.Optional<String> newestLakeBatch(String dataType, String market, LocalDate date) {
        return java.util.Optional.ofNullable(lake.newestBatches(dataType, market, date, date).get(date));
    }

    /** Which of these lake batches are complete (their features stored too). */
    public Set<String> completed(Collection<String> batchIds) {
        return store.completed(batchIds);
    }
}
