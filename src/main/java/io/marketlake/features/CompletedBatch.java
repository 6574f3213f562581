package io.marketlake.features;

import java.time.LocalDate;

/**
 * A batch whose lake files are written, recorded in the batch ledger with its features.
 *
 * @param tradingDate the date the ingest asked for (for COT, the date of the request, not of each report)
 * @param defects     records refused because the response itself looked broken (cut, out of range,
 *                    contradictory), not because the data broke a rule: asking again may give them
 */
public record CompletedBatch(String batchId, String source, String market, LocalDate tradingDate, long lakeRows,
        long defects) {
}
