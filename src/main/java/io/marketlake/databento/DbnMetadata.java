package io.marketlake.databento;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The metadata header of a DBN response: what was asked for and how its symbols resolved.
 *
 * @param version    the DBN version of the response (1, 2 or 3); its records are read as v3 records
 * @param schema     the schema's name ({@code ohlcv-1d}, {@code mbp-1} ...), null for a response of several
 * @param end        exclusive, null when none was given
 * @param limit      the record limit asked for, 0 for none
 * @param stypeIn    the input symbology ({@code parent}, {@code raw_symbol} ...), null for several
 * @param tsOut      whether each record carries the live gateway's send time after its fields
 * @param mappings   each input symbol's resolution over the request's dates
 */
public record DbnMetadata(int version, String dataset, String schema, Instant start, Instant end, long limit,
        String stypeIn, String stypeOut, boolean tsOut, List<String> symbols, List<String> partial,
        List<String> notFound, List<SymbolMapping> mappings) {

    /** An input symbol and what it resolved to over time. */
    public record SymbolMapping(String rawSymbol, List<MappingInterval> intervals) {
    }

    /** What a symbol resolved to on the UTC dates [start, end). */
    public record MappingInterval(LocalDate start, LocalDate end, String symbol) {
    }

    public DbnMetadata {
        symbols = List.copyOf(symbols);
        partial = List.copyOf(partial);
        notFound = List.copyOf(notFound);
        mappings = List.copyOf(mappings);
    }

    /**
     * The symbol of each instrument on each date, from the mappings, where they name instruments: with raw
     * symbology in and instrument ids out a mapping's input symbol is the instrument's (ESH1 -> 5482), and with
     * ids in and raw symbols out the other way round. A parent or continuous symbol ({@code HE.FUT},
     * {@code HE.c.0}) names a group, not an instrument, so a mapping of one of the request's own parent or
     * continuous symbols gives no instrument symbol; a mapping of any other input symbol in such a response is
     * taken as the instrument's raw symbol.
     */
    InstrumentSymbols instrumentSymbols() {
        Map<Long, List<MappingInterval>> byInstrument = new HashMap<>();
        boolean idsIn = "instrument_id".equals(stypeIn);
        boolean idsOut = "instrument_id".equals(stypeOut);
        boolean groups = "parent".equals(stypeIn) || "continuous".equals(stypeIn);
        Set<String> requested = Set.copyOf(symbols);
        for (SymbolMapping mapping : mappings) {
            if (groups && requested.contains(mapping.rawSymbol())) {
                continue;
            }
            for (MappingInterval interval : mapping.intervals()) {
                Long id = null;
                String symbol = null;
                if (idsOut && !idsIn) {
                    id = instrumentId(interval.symbol());
                    symbol = mapping.rawSymbol();
                } else if (idsIn && !idsOut) {
                    id = instrumentId(mapping.rawSymbol());
                    symbol = interval.symbol();
                }
                if (id != null && symbol != null && !symbol.isEmpty()) {
                    byInstrument.computeIfAbsent(id, k -> new ArrayList<>())
                            .add(new MappingInterval(interval.start(), interval.end(), symbol));
                }
            }
        }
        return new InstrumentSymbols(byInstrument);
    }

    private static Long instrumentId(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Instrument symbols by instrument id and UTC date. */
    static final class InstrumentSymbols {
        private static final long NANOS_PER_DAY = 86_400_000_000_000L;
        private final Map<Long, List<MappingInterval>> byInstrument;
        // the last answer: a response's records come in runs of few instruments over one or two days
        private long lastId = -1;
        private long lastDay = Long.MIN_VALUE;
        private String lastSymbol;

        InstrumentSymbols(Map<Long, List<MappingInterval>> byInstrument) {
            this.byInstrument = byInstrument;
        }

        /** The symbol of an instrument at u64 nanoseconds since the epoch; null when no mapping names it. */
        String at(long instrumentId, long nanos) {
            if (byInstrument.isEmpty()) {
                return null;
            }
            long day = Math.floorDiv(nanos, NANOS_PER_DAY);
            if (instrumentId == lastId && day == lastDay) {
                return lastSymbol;
            }
            String symbol = null;
            List<MappingInterval> intervals = byInstrument.get(instrumentId);
            if (intervals != null) {
                LocalDate date = LocalDate.ofEpochDay(day);
                for (MappingInterval interval : intervals) {
                    if (!date.isBefore(interval.start()) && date.isBefore(interval.end())) {
                        symbol = interval.symbol();
                        break;
                    }
                }
            }
            lastId = instrumentId;
            lastDay = day;
            lastSymbol = symbol;
            return symbol;
        }
    }

    /**
     * Reads the metadata of a DBN response of {@code version} (the bytes after the 8-byte prelude).
     *
     * @throws MalformedPayloadException when it does not hold together
     */
    static DbnMetadata decode(int version, byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        try {
            String dataset = DbnColumn.text(in, 0, DbnLayout.DATASET_LENGTH);
            int at = DbnLayout.DATASET_LENGTH;
            String schema = DbnLayout.schema(in.getShort(at) & 0xFFFF);
            at += 2;
            long start = in.getLong(at);
            long end = in.getLong(at + 8);
            long limit = in.getLong(at + 16);
            at += 24;
            if (version == 1) {
                at += 8; // record_count, deprecated
            }
            String stypeIn = DbnLayout.stype(in.get(at) & 0xFF);
            String stypeOut = DbnLayout.stype(in.get(at + 1) & 0xFF);
            boolean tsOut = in.get(at + 2) != 0;
            at += 3;
            int symbolLength = version == 1 ? DbnLayout.SYMBOL_LENGTH_V1 : in.getShort(at) & 0xFFFF;
            int schemaDefinition = in.getInt(DbnLayout.METADATA_FIXED);
            if (schemaDefinition != 0) {
                throw new MalformedPayloadException("DBN metadata with a schema definition (" + schemaDefinition
                        + " bytes), which Databento's own decoder does not read either");
            }
            at = DbnLayout.METADATA_FIXED + 4;
            List<String> symbols = new ArrayList<>();
            at = symbols(in, at, symbolLength, symbols);
            List<String> partial = new ArrayList<>();
            at = symbols(in, at, symbolLength, partial);
            List<String> notFound = new ArrayList<>();
            at = symbols(in, at, symbolLength, notFound);
            int count = in.getInt(at);
            at += 4;
            List<SymbolMapping> mappings = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String raw = DbnColumn.text(in, at, symbolLength);
                int intervals = in.getInt(at + symbolLength);
                at += symbolLength + 4;
                List<MappingInterval> list = new ArrayList<>();
                for (int j = 0; j < intervals; j++) {
                    list.add(new MappingInterval(date(in.getInt(at)), date(in.getInt(at + 4)),
                            DbnColumn.text(in, at + 8, symbolLength)));
                    at += 8 + symbolLength;
                }
                mappings.add(new SymbolMapping(raw, list));
            }
            return new DbnMetadata(version, dataset, schema, DatabentoValues.timestamp(start),
                    DatabentoValues.timestamp(end), limit, stypeIn, stypeOut, tsOut, symbols, partial, notFound,
                    mappings);
        } catch (IndexOutOfBoundsException | IllegalArgumentException | DateTimeException e) {
            throw new MalformedPayloadException("DBN metadata that does not hold together (" + bytes.length
                    + " bytes): " + e.getMessage());
        }
    }

    private static int symbols(ByteBuffer in, int at, int symbolLength, List<String> into) {
        int count = in.getInt(at);
        if (count < 0 || (long) count * symbolLength > in.capacity() - at - 4) {
            throw new IndexOutOfBoundsException(count + " symbols do not fit");
        }
        at += 4;
        for (int i = 0; i < count; i++) {
            into.add(DbnColumn.text(in, at, symbolLength));
            at += symbolLength;
        }
        return at;
    }

    /** A mapping date: yyyymmdd as an integer. */
    private static LocalDate date(int yyyymmdd) {
        return LocalDate.of(yyyymmdd / 10_000, yyyymmdd / 100 % 100, yyyymmdd % 100);
    }

    /** How the response names itself in messages. */
    String describe() {
        return "DBN v" + version + " " + (schema == null ? "(several schemas)" : schema) + " response";
    }
}
