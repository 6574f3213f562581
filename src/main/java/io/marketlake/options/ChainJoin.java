package io.marketlake.options;

import io.marketlake.databento.InstrumentDefinition;
import io.marketlake.databento.TopOfBook;
import io.marketlake.ingest.Batch;
import io.marketlake.ingest.IngestProperties;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;

/**
 * The options pipeline's join step: one row per option defined at the snapshot, with its top of book, open
 * interest and settlement, the underlying future's mid and the time to expiry, flagged where a part is missing
 * (no_quote, one_sided, crossed, no_underlying). Rows come in expiry, strike, call-before-put order.
 */
public final class ChainJoin {

    private static final double DAYS_PER_YEAR = 365.0;

    public Batch<OptionRow> join(@Body ChainInputs inputs, @ExchangeProperty(IngestProperties.DATE) String date,
            @ExchangeProperty(IngestProperties.SNAPSHOT) Instant snapshot) {
        LocalDate tradingDate = LocalDate.parse(date);
        Map<String, Long> futuresBySymbol = new HashMap<>();
        inputs.definitions().values().stream().filter(InstrumentDefinition::isFuture)
                .forEach(future -> futuresBySymbol.put(future.symbol(), future.instrumentId()));
        List<OptionRow> rows = new ArrayList<>();
        inputs.definitions().values().stream().filter(InstrumentDefinition::isOption)
                .sorted(Comparator.comparing(InstrumentDefinition::expiration, Comparator.nullsLast(Comparator.naturalOrder()))
                        .thenComparing(InstrumentDefinition::strike, Comparator.nullsLast(Comparator.naturalOrder()))
                        .thenComparing(d -> d.instrumentClass()))
                .forEach(d -> rows.add(row(d, tradingDate, snapshot, inputs, futuresBySymbol)));
        return new Batch<>(rows, inputs.rejections());
    }

    private static OptionRow row(InstrumentDefinition definition, LocalDate tradingDate, Instant snapshot,
            ChainInputs inputs, Map<String, Long> futuresBySymbol) {
        TreeSet<String> flags = new TreeSet<>();
        TopOfBook book = inputs.books().get(definition.instrumentId());
        if (book == null) {
            flags.add("no_quote");
        } else if (!book.twoSided()) {
            flags.add("one_sided");
        } else if (book.crossed()) {
            flags.add(OptionRow.CROSSED);
        }
        Double underlyingPrice = underlyingPrice(definition, inputs.books(), futuresBySymbol);
        if (underlyingPrice == null) {
            flags.add("no_underlying");
        }
        Double years = definition.expiration() == null ? null
                : Duration.between(snapshot, definition.expiration()).toMillis() / (DAYS_PER_YEAR * 86_400_000.0);
        ChainStatistics stats = inputs.statistics();
        return new OptionRow(tradingDate, snapshot, definition.instrumentId(), definition.symbol(),
                definition.underlying(), definition.underlyingId(), definition.expiration(),
                definition.instrumentClass() == 'C', definition.strike(),
                book == null ? null : book.bid(), book == null ? null : book.ask(),
                book == null ? null : book.bidSize(), book == null ? null : book.askSize(),
                book == null ? null : book.tsRecv(),
                stats.openInterest(definition.instrumentId()), stats.settlement(definition.instrumentId()),
                underlyingPrice, years, null, flags, definition.raw());
    }

    /** Mid of the underlying future's book at the snapshot, found by underlying_id, else by symbol. */
    private static Double underlyingPrice(InstrumentDefinition option, Map<Long, TopOfBook> books,
            Map<String, Long> futuresBySymbol) {
        TopOfBook book = books.get(option.underlyingId());
        if (book == null && option.underlying() != null && futuresBySymbol.containsKey(option.underlying())) {
            book = books.get(futuresBySymbol.get(option.underlying()));
        }
        return book == null ? null : book.mid();
    }
}
