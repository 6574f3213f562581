package io.marketlake.options;

import io.marketlake.databento.DatabentoPayloadReader;
import io.marketlake.databento.DatabentoRow;
import io.marketlake.databento.DatabentoValues;
import io.marketlake.ingest.Batch;
import io.marketlake.ingest.Rejection;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Joins the three responses of a day on instrument_id into one chain snapshot. Each response streams through
 * once and only the latest state per instrument as known at the snapshot is kept (the last definition, open
 * interest and settlement of the newest session (see {@link ChainStatistics}), the last top of book), so memory
 * grows with the number of instruments, not with the number of quotes.
 */
public final class ChainBuilder {

    private static final Logger LOG = LoggerFactory.getLogger(ChainBuilder.class);
    private static final int NOTED_IDS = 5;
    private static final double DAYS_PER_YEAR = 365.0;

    private final double riskFreeRate;

    public ChainBuilder(double riskFreeRate) {
        this.riskFreeRate = riskFreeRate;
    }

    public Batch<OptionRow> build(OptionsPayloads payloads, LocalDate tradingDate, Instant snapshot) {
        List<Rejection> rejections = new ArrayList<>();
        Map<Long, OptionDefinition> definitions = new HashMap<>();
        read(payloads.definitions(), rejections, row -> {
            OptionDefinition definition = definition(row);
            if (LastReceived.knownAt(definition.tsRecv(), snapshot)) {
                LastReceived.keep(definitions, definition.instrumentId(), definition, OptionDefinition::tsRecv);
            }
        });
        ChainStatistics stats = new ChainStatistics(snapshot, definitions::containsKey);
        read(payloads.statistics(), rejections, stats::add);
        noteUndefined(payloads.statistics(), stats.undefinedInstruments());
        Map<Long, TopOfBook> books = new HashMap<>();
        read(payloads.quotes(), rejections, row -> {
            TopOfBook book = book(row);
            if (LastReceived.knownAt(book.tsRecv(), snapshot)) {
                LastReceived.keep(books, book.instrumentId(), book, TopOfBook::tsRecv);
            }
        });
        rejectUndefined(definitions, books, rejections);

        Map<String, Long> futuresBySymbol = new HashMap<>();
        definitions.values().stream().filter(OptionDefinition::isFuture)
                .forEach(future -> futuresBySymbol.put(future.symbol(), future.instrumentId()));
        List<OptionRow> rows = new ArrayList<>();
        definitions.values().stream().filter(OptionDefinition::isOption)
                .sorted(Comparator.comparing(OptionDefinition::expiration, Comparator.nullsLast(Comparator.naturalOrder()))
                        .thenComparing(OptionDefinition::strike, Comparator.nullsLast(Comparator.naturalOrder()))
                        .thenComparing(d -> d.instrumentClass()))
                .forEach(d -> rows.add(row(d, tradingDate, snapshot, books, stats, futuresBySymbol)));
        return new Batch<>(rows, rejections);
    }

    private OptionRow row(OptionDefinition definition, LocalDate tradingDate, Instant snapshot,
            Map<Long, TopOfBook> books, ChainStatistics stats, Map<String, Long> futuresBySymbol) {
        TreeSet<String> flags = new TreeSet<>();
        TopOfBook book = books.get(definition.instrumentId());
        if (book == null) {
            flags.add("no_quote");
        } else if (!book.twoSided()) {
            flags.add("one_sided");
        } else if (book.crossed()) {
            flags.add(OptionRow.CROSSED);
        }
        Double underlyingPrice = underlyingPrice(definition, books, futuresBySymbol);
        if (underlyingPrice == null) {
            flags.add("no_underlying");
        }
        Double years = definition.expiration() == null ? null
                : Duration.between(snapshot, definition.expiration()).toMillis() / (DAYS_PER_YEAR * 86_400_000.0);
        boolean call = definition.instrumentClass() == 'C';
        Double impliedVol = null;
        Double mid = book == null ? null : book.mid();
        if (mid != null && underlyingPrice != null && years != null && definition.strike() != null) {
            impliedVol = Black76.impliedVol(call, mid, underlyingPrice, definition.strike(), years, riskFreeRate);
            if (impliedVol == null) {
                flags.add("no_iv");
            }
        }
        return new OptionRow(tradingDate, snapshot, definition.instrumentId(), definition.symbol(),
                definition.underlying(), definition.underlyingId(), definition.expiration(), call, definition.strike(),
                book == null ? null : book.bid(), book == null ? null : book.ask(),
                book == null ? null : book.bidSize(), book == null ? null : book.askSize(),
                book == null ? null : book.tsRecv(),
                stats.openInterest(definition.instrumentId()), stats.settlement(definition.instrumentId()),
                underlyingPrice, years, impliedVol, flags, definition.raw());
    }

    /** Mid of the underlying future's book at the snapshot, found by underlying_id, else by symbol. */
    private static Double underlyingPrice(OptionDefinition option, Map<Long, TopOfBook> books,
            Map<String, Long> futuresBySymbol) {
        TopOfBook book = books.get(option.underlyingId());
        if (book == null && option.underlying() != null && futuresBySymbol.containsKey(option.underlying())) {
            book = books.get(futuresBySymbol.get(option.underlying()));
        }
        return book == null ? null : book.mid();
    }

    /**
     * Definitions are asked for from the start of the snapshot's UTC day and quotes only for the session before
     * the snapshot: an instrument quoted then was listed today, so its missing definition means the definitions
     * are incomplete and the chain short of an option, which is rejected to be looked at. Statistics reach back
     * days, to options that have expired since, so theirs is not a defect (see {@link ChainStatistics}).
     */
    private static void rejectUndefined(Map<Long, OptionDefinition> definitions, Map<Long, TopOfBook> books,
            List<Rejection> rejections) {
        books.forEach((id, book) -> {
            if (!definitions.containsKey(id)) {
                rejections.add(new Rejection(book.raw(), "no_definition",
                        "instrument_id " + id + " has quotes but no definition"));
            }
        });
    }

    /** Expected daily (options expire), so a line for the operator, not a rejection that fails the ingest. */
    private static void noteUndefined(OptionsPayloads.Source statistics, Set<Long> ids) {
        if (!ids.isEmpty()) {
            LOG.info("{}: ignored the statistics of {} instrument(s) not defined at the snapshot (expired or not"
                    + " listed today), instrument_id {}{}", statistics.name(), ids.size(),
                    ids.stream().limit(NOTED_IDS).map(String::valueOf).collect(Collectors.joining(", ")),
                    ids.size() > NOTED_IDS ? ", ..." : "");
        }
    }

    private static OptionDefinition definition(DatabentoRow row) {
        String instrumentClass = row.require("instrument_class");
        String underlyingId = row.get("underlying_id");
        return new OptionDefinition(
                DatabentoValues.integer(row.require("instrument_id")),
                row.has("raw_symbol") ? row.get("raw_symbol") : row.get("symbol"),
                instrumentClass == null || instrumentClass.isEmpty() ? '?' : instrumentClass.charAt(0),
                DatabentoValues.price(row.require("strike_price")),
                DatabentoValues.timestamp(row.require("expiration")),
                blankToNull(row.get("underlying")),
                underlyingId == null || underlyingId.isBlank() ? 0 : DatabentoValues.integer(underlyingId),
                required(DatabentoValues.timestamp(row.require("ts_recv")), "ts_recv"),
                row.raw());
    }

    static TopOfBook book(DatabentoRow row) {
        return new TopOfBook(
                DatabentoValues.integer(row.require("instrument_id")),
                required(DatabentoValues.timestamp(row.require("ts_recv")), "ts_recv"),
                DatabentoValues.price(row.require("bid_px_00")),
                DatabentoValues.price(row.require("ask_px_00")),
                DatabentoValues.integer(row.require("bid_sz_00")),
                DatabentoValues.integer(row.require("ask_sz_00")),
                row);
    }

    private static void read(OptionsPayloads.Source source, List<Rejection> rejections, Consumer<DatabentoRow> use) {
        try (Reader reader = source.open()) {
            DatabentoPayloadReader.read(reader, new DatabentoPayloadReader.Sink() {
                @Override
                public void row(DatabentoRow row) {
                    try {
                        use.accept(row);
                    } catch (RuntimeException e) {
                        rejections.add(new Rejection(row.raw(), "unreadable_record",
                                source.name() + " line " + row.line() + ": " + e.getMessage()));
                    }
                }

                @Override
                public void malformed(long line, String raw, String problem) {
                    rejections.add(new Rejection(raw, "unreadable_record", source.name() + " line " + line + ": "
                            + problem));
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + source.name(), e);
        }
    }

    static <T> T required(T value, String field) {
        if (value == null) {
            throw new IllegalArgumentException("undefined " + field);
        }
        return value;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
