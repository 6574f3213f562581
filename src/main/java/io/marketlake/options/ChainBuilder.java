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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Joins the three responses of a day on instrument_id into one chain snapshot. Each response streams through
 * once and only the latest state per instrument is kept (the last definition, the last open interest and
 * settlement, the last top of book at or before the snapshot), so memory grows with the number of instruments,
 * not with the number of quotes.
 */
public final class ChainBuilder {

    static final int STAT_SETTLEMENT = 3;
    static final int STAT_OPEN_INTEREST = 9;
    private static final int UPDATE_DELETE = 2;
    private static final double DAYS_PER_YEAR = 365.0;

    private final double riskFreeRate;

    public ChainBuilder(double riskFreeRate) {
        this.riskFreeRate = riskFreeRate;
    }

    /** A statistic as last published: price (settlement) or quantity (open interest). */
    record Stat(Instant tsRecv, Double price, Long quantity, String raw) {
    }

    public Batch<OptionRow> build(OptionsPayloads payloads, LocalDate tradingDate, Instant snapshot) {
        List<Rejection> rejections = new ArrayList<>();
        Map<Long, OptionDefinition> definitions = new HashMap<>();
        read(payloads.definitions(), rejections, row -> {
            OptionDefinition definition = definition(row);
            OptionDefinition known = definitions.get(definition.instrumentId());
            if (known == null || !definition.tsRecv().isBefore(known.tsRecv())) {
                definitions.put(definition.instrumentId(), definition);
            }
        });
        Map<Long, Map<Integer, Stat>> stats = new HashMap<>();
        read(payloads.statistics(), rejections, row -> statistic(row, snapshot, stats));
        Map<Long, TopOfBook> books = new HashMap<>();
        read(payloads.quotes(), rejections, row -> {
            TopOfBook book = book(row);
            if (book.tsRecv().isAfter(snapshot)) {
                return;
            }
            TopOfBook known = books.get(book.instrumentId());
            if (known == null || !book.tsRecv().isBefore(known.tsRecv())) {
                books.put(book.instrumentId(), book);
            }
        });
        rejectUndefined(definitions, stats, books, rejections);

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
            Map<Long, TopOfBook> books, Map<Long, Map<Integer, Stat>> stats, Map<String, Long> futuresBySymbol) {
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
        Map<Integer, Stat> stat = stats.getOrDefault(definition.instrumentId(), Map.of());
        Stat openInterest = stat.get(STAT_OPEN_INTEREST);
        Stat settlement = stat.get(STAT_SETTLEMENT);
        return new OptionRow(tradingDate, snapshot, definition.instrumentId(), definition.symbol(),
                definition.underlying(), definition.underlyingId(), definition.expiration(), call, definition.strike(),
                book == null ? null : book.bid(), book == null ? null : book.ask(),
                book == null ? null : book.bidSize(), book == null ? null : book.askSize(),
                book == null ? null : book.tsRecv(),
                openInterest == null ? null : openInterest.quantity(),
                settlement == null ? null : settlement.price(),
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

    private static void rejectUndefined(Map<Long, OptionDefinition> definitions, Map<Long, Map<Integer, Stat>> stats,
            Map<Long, TopOfBook> books, List<Rejection> rejections) {
        Map<Long, String> undefined = new LinkedHashMap<>();
        books.forEach((id, book) -> {
            if (!definitions.containsKey(id)) {
                undefined.put(id, book.raw());
            }
        });
        stats.forEach((id, stat) -> {
            if (!definitions.containsKey(id)) {
                undefined.putIfAbsent(id, stat.values().iterator().next().raw());
            }
        });
        undefined.forEach((id, raw) -> rejections.add(new Rejection(raw, "no_definition",
                "instrument_id " + id + " has quotes or statistics but no definition")));
    }

    private static void statistic(DatabentoRow row, Instant snapshot, Map<Long, Map<Integer, Stat>> stats) {
        int type = (int) DatabentoValues.integer(row.require("stat_type"));
        if (type != STAT_SETTLEMENT && type != STAT_OPEN_INTEREST) {
            return;
        }
        Instant tsRecv = required(DatabentoValues.timestamp(row.require("ts_recv")), "ts_recv");
        if (tsRecv.isAfter(snapshot)) {
            return; // published after the snapshot: using it would look ahead
        }
        long id = DatabentoValues.integer(row.require("instrument_id"));
        Map<Integer, Stat> byType = stats.computeIfAbsent(id, k -> new HashMap<>());
        Stat known = byType.get(type);
        if (known != null && tsRecv.isBefore(known.tsRecv())) {
            return;
        }
        if (DatabentoValues.integer(row.require("update_action")) == UPDATE_DELETE) {
            byType.remove(type);
            return;
        }
        Long quantity = quantity(row.require("quantity"));
        byType.put(type, new Stat(tsRecv, DatabentoValues.price(row.require("price")), quantity, row.raw()));
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

    /** Open interest and other quantities: i64 max means unset, and is never blanked even when pretty. */
    private static Long quantity(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        long value = DatabentoValues.integer(text);
        return value == Long.MAX_VALUE ? null : value;
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

    private static <T> T required(T value, String field) {
        if (value == null) {
            throw new IllegalArgumentException("undefined " + field);
        }
        return value;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
