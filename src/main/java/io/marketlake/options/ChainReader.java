package io.marketlake.options;

import io.marketlake.databento.DefinitionReader;
import io.marketlake.databento.InstrumentDefinition;
import io.marketlake.databento.PayloadSource;
import io.marketlake.databento.StatisticsReader;
import io.marketlake.databento.TopOfBook;
import io.marketlake.databento.TopOfBookReader;
import io.marketlake.ingest.IngestProperties;
import io.marketlake.ingest.Rejection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The options pipeline's parse step: each of the chain's responses streams once through its schema's reader, in
 * whichever encoding it arrived (DBN, zstd or not, CSV or JSON lines), and only the latest state per instrument as
 * known at the snapshot is kept (see {@link LastReceived} and
 * {@link ChainStatistics}), so memory grows with the number of instruments, not with the number of quotes.
 */
public final class ChainReader {

    private static final Logger LOG = LoggerFactory.getLogger(ChainReader.class);
    private static final int NOTED_IDS = 5;

    public ChainInputs read(@Body OptionsPayloads payloads, @ExchangeProperty(IngestProperties.SNAPSHOT) Instant snapshot) {
        List<Rejection> rejections = new ArrayList<>();
        Map<Long, InstrumentDefinition> definitions = new HashMap<>();
        DefinitionReader.readAny(payloads.definitions(), definition -> {
            if (LastReceived.knownAt(definition.tsRecv(), snapshot)) {
                LastReceived.keep(definitions, definition.instrumentId(), definition, InstrumentDefinition::tsRecv);
            }
        }, rejections);
        ChainStatistics statistics = new ChainStatistics(snapshot, definitions::containsKey);
        StatisticsReader.readAny(payloads.statistics(), statistics::add, rejections);
        noteUndefined(payloads.statistics(), statistics.undefinedInstruments());
        Map<Long, TopOfBook> books = new HashMap<>();
        TopOfBookReader.readAny(payloads.quotes(), book -> {
            if (LastReceived.knownAt(book.tsRecv(), snapshot)) {
                LastReceived.keep(books, book.instrumentId(), book, TopOfBook::tsRecv);
            }
        }, rejections);
        rejectUndefined(definitions, books, rejections);
        return new ChainInputs(definitions, statistics, books, rejections);
    }

    /**
     * Definitions are asked for from the start of the snapshot's UTC day and quotes only for the session before
     * the snapshot: an instrument quoted then was listed today, so its missing definition means the definitions
     * are incomplete and the chain short of an option, which is rejected to be looked at. Statistics reach back
     * days, to options that have expired since, so theirs is not a defect (see {@link ChainStatistics}).
     */
    private static void rejectUndefined(Map<Long, InstrumentDefinition> definitions, Map<Long, TopOfBook> books,
            List<Rejection> rejections) {
        books.forEach((id, book) -> {
            if (!definitions.containsKey(id)) {
                rejections.add(new Rejection(book.raw(), "no_definition",
                        "instrument_id " + id + " has quotes but no definition"));
            }
        });
    }

    /** Expected daily (options expire), so a line for the operator, not a rejection that fails the ingest. */
    private static void noteUndefined(PayloadSource statistics, Set<Long> ids) {
        if (!ids.isEmpty()) {
            LOG.info("{}: ignored the statistics of {} instrument(s) not defined at the snapshot (expired or not"
                    + " listed today), instrument_id {}{}", statistics.name(), ids.size(),
                    ids.stream().limit(NOTED_IDS).map(String::valueOf).collect(Collectors.joining(", ")),
                    ids.size() > NOTED_IDS ? ", ..." : "");
        }
    }
}
