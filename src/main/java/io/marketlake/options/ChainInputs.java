package io.marketlake.options;

import io.marketlake.databento.InstrumentDefinition;
import io.marketlake.databento.TopOfBook;
import io.marketlake.ingest.Rejection;
import java.util.List;
import java.util.Map;

/**
 * What the chain's three responses said as known at the snapshot: the last definition and the last top of book
 * of each instrument, the statistics of the defined ones, and the records that could not be used.
 */
public record ChainInputs(Map<Long, InstrumentDefinition> definitions, ChainStatistics statistics,
        Map<Long, TopOfBook> books, List<Rejection> rejections) {
}
