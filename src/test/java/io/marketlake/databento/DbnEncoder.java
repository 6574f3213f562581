package io.marketlake.databento;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdOutputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Test scope: writes Databento responses as DBN v3 (metadata with symbol mappings, then the records), zstd-compressed
 * or not, from the same records in Databento's text encodings, so a stub can serve real DBN for any recorded or
 * generated CSV/JSON payload. Each record is the inverse of the decoder's raw CSV line ({@link DbnText}): every column
 * of the record's type written at its place in its C type, over a zeroed record. Raw or pretty values are both taken
 * (a pretty price is a decimal, a pretty time ISO-8601, a blank one undefined). Checked against Databento's own
 * files in DbnEncoderTest: their records, decoded to text and encoded again, are the same bytes.
 */
public final class DbnEncoder {

    /** What the metadata says was asked for. */
    public record Request(String dataset, String schema, Instant start, Instant end, String stypeIn,
            String stypeOut, List<String> symbols) {

        /** A parent request of GLBX.MDP3, instrument ids out, as marketlake sends it. */
        public static Request parent(String schema, Instant start, Instant end, String... parents) {
            return new Request("GLBX.MDP3", schema, start, end, "parent", "instrument_id", List.of(parents));
        }
    }

    private static final byte[] PRELUDE = {'D', 'B', 'N', DbnLayout.VERSION};
    private static final int SYMBOL_LENGTH = 71;

    private DbnEncoder() {
    }

    /**
     * A text response (CSV or JSON lines) as DBN: the metadata of {@code request}, with a mapping of each symbol the
     * rows name (their {@code symbol} column, as map_symbols gives it) to its instrument over the request's dates.
     */
    public static byte[] fromText(String text, Request request, boolean zstd) {
        byte[] plain = encode(text, request, mappings(text, request));
        return zstd ? zstd(plain) : plain;
    }

    /** As {@link #fromText(String, Request, boolean)} with the mappings given (none: the symbols left unmapped). */
    public static byte[] encode(String text, Request request, List<DbnMetadata.SymbolMapping> mappings) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
        try {
            write(new StringReader(text), request, mappings, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Streams a text response of any size into DBN (zstd-compressed when asked) as its rows are read. */
    public static void write(Reader text, Request request, List<DbnMetadata.SymbolMapping> mappings,
            OutputStream out, boolean zstd) throws IOException {
        try (OutputStream sink = zstd ? new ZstdOutputStream(new BufferedOutputStream(out, 1 << 16), 3)
                : new BufferedOutputStream(out, 1 << 16)) {
            write(text, request, mappings, sink);
        }
    }

    private static void write(Reader text, Request request, List<DbnMetadata.SymbolMapping> mappings,
            OutputStream out) throws IOException {
        out.write(metadata(metadataOf(request, mappings)));
        IOException[] failure = {null};
        DatabentoPayloadReader.read(text, new DatabentoPayloadReader.Sink() {
            @Override
            public void row(DatabentoRow row) {
                try {
                    out.write(record(row));
                } catch (IOException e) {
                    failure[0] = e;
                }
            }

            @Override
            public void malformed(long line, String raw, String problem) {
                throw new IllegalArgumentException("line " + line + " cannot be encoded: " + problem);
            }
        });
        if (failure[0] != null) {
            throw failure[0];
        }
        out.flush();
    }

    /** The metadata of a request with these mappings. */
    public static DbnMetadata metadataOf(Request request, List<DbnMetadata.SymbolMapping> mappings) {
        return new DbnMetadata(DbnLayout.VERSION, request.dataset(), request.schema(), request.start(), request.end(),
                0, request.stypeIn(), request.stypeOut(), false, request.symbols(), List.of(), List.of(), mappings);
    }

    /** Each symbol the rows' {@code symbol} column names, mapped to its instrument over the request's UTC dates. */
    public static List<DbnMetadata.SymbolMapping> mappings(String text, Request request) {
        Map<String, Set<String>> ids = new LinkedHashMap<>();
        DatabentoPayloadReader.read(text, new DatabentoPayloadReader.Sink() {
            @Override
            public void row(DatabentoRow row) {
                String symbol = row.get("symbol");
                if (symbol != null && !symbol.isBlank()) {
                    ids.computeIfAbsent(symbol, k -> new LinkedHashSet<>()).add(row.require("instrument_id"));
                }
            }

            @Override
            public void malformed(long line, String raw, String problem) {
            }
        });
        LocalDate first = LocalDate.ofInstant(request.start(), ZoneOffset.UTC);
        Instant end = request.end() == null ? request.start() : request.end();
        LocalDate last = LocalDate.ofInstant(end, ZoneOffset.UTC);
        if (!last.atStartOfDay(ZoneOffset.UTC).toInstant().equals(end) || !last.isAfter(first)) {
            last = last.plusDays(1);
        }
        List<DbnMetadata.SymbolMapping> mappings = new ArrayList<>();
        for (Map.Entry<String, Set<String>> symbol : ids.entrySet()) {
            List<DbnMetadata.MappingInterval> intervals = new ArrayList<>();
            for (String id : symbol.getValue()) {
                intervals.add(new DbnMetadata.MappingInterval(first, last, id));
            }
            mappings.add(new DbnMetadata.SymbolMapping(symbol.getKey(), intervals));
        }
        return mappings;
    }

    /** The prelude and metadata of a DBN v3 response (dbn's encoder: the length padded to 8 bytes). */
    public static byte[] metadata(DbnMetadata metadata) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        ByteBuffer fixed = buffer(DbnLayout.METADATA_FIXED + 4);
        putText(fixed, 0, metadata.dataset(), DbnLayout.DATASET_LENGTH);
        fixed.putShort(16, (short) (metadata.schema() == null ? DbnLayout.NULL_SCHEMA : schemaId(metadata.schema())));
        fixed.putLong(18, nanos(metadata.start()));
        fixed.putLong(26, metadata.end() == null ? -1L : nanos(metadata.end()));
        fixed.putLong(34, metadata.limit());
        fixed.put(42, (byte) (metadata.stypeIn() == null ? DbnLayout.NULL_STYPE : stypeId(metadata.stypeIn())));
        fixed.put(43, (byte) (metadata.stypeOut() == null ? DbnLayout.NULL_STYPE : stypeId(metadata.stypeOut())));
        fixed.put(44, (byte) (metadata.tsOut() ? 1 : 0));
        fixed.putShort(45, (short) SYMBOL_LENGTH);
        // schema_definition_length (0) and the reserved bytes stay zero
        body.writeBytes(fixed.array());
        symbols(body, metadata.symbols());
        symbols(body, metadata.partial());
        symbols(body, metadata.notFound());
        body.writeBytes(u32(metadata.mappings().size()));
        for (DbnMetadata.SymbolMapping mapping : metadata.mappings()) {
            body.writeBytes(symbol(mapping.rawSymbol()));
            body.writeBytes(u32(mapping.intervals().size()));
            for (DbnMetadata.MappingInterval interval : mapping.intervals()) {
                body.writeBytes(u32(yyyymmdd(interval.start())));
                body.writeBytes(u32(yyyymmdd(interval.end())));
                body.writeBytes(symbol(interval.symbol()));
            }
        }
        int length = (body.size() + 7) / 8 * 8;
        ByteBuffer all = buffer(8 + length);
        all.put(PRELUDE).putInt(length).put(body.toByteArray());
        return all.array();
    }

    /** One row of a text response as its DBN v3 record, of the type its rtype names. */
    public static byte[] record(DatabentoRow row) {
        int rtype = DatabentoValues.int32(row.require("rtype"));
        List<DbnColumn> columns = DbnText.columns(rtype);
        if (columns == null) {
            throw new IllegalArgumentException("no DBN layout for rtype " + rtype);
        }
        ByteBuffer record = buffer(DbnText.size(rtype));
        for (DbnColumn column : columns) {
            if (row.has(column.name())) {
                put(record, column, row.get(column.name()));
            }
        }
        record.put(0, (byte) (record.capacity() / DbnLayout.LENGTH_UNIT));
        return record.array();
    }

    /** A record as raw CSV gives it (header and line), as its DBN v3 bytes. */
    public static byte[] record(String header, String line) {
        List<byte[]> records = new ArrayList<>();
        DatabentoPayloadReader.read(header + "\n" + line + "\n", new DatabentoPayloadReader.Sink() {
            @Override
            public void row(DatabentoRow row) {
                records.add(record(row));
            }

            @Override
            public void malformed(long number, String raw, String problem) {
                throw new IllegalArgumentException(problem);
            }
        });
        return records.get(0);
    }

    public static byte[] zstd(byte[] plain) {
        return Zstd.compress(plain, 3);
    }

    private static void put(ByteBuffer record, DbnColumn column, String text) {
        int at = column.offset();
        boolean blank = text == null || text.isBlank();
        switch (column.type()) {
            case U8, I8 -> record.put(at, (byte) (blank ? 0 : Long.parseLong(text.trim())));
            case U16, I16 -> record.putShort(at, (short) (blank ? 0 : Long.parseLong(text.trim())));
            case U32, I32 -> record.putInt(at, (int) (blank ? 0 : Long.parseLong(text.trim())));
            // a blank time is pretty_ts's undefined one (u64 max); a decimal is a pretty price
            case U64 -> record.putLong(at, blank ? -1L : isDigits(text.trim()) ? Long.parseUnsignedLong(text.trim())
                    : DatabentoValues.timestampNanos(text));
            case I64 -> record.putLong(at, DatabentoValues.fixedPrice(text));
            case CHAR -> record.put(at, (byte) (text == null || text.isEmpty() ? 0 : text.charAt(0)));
            case STRING -> putText(record, at, text == null ? "" : text, column.length());
        }
    }

    private static boolean isDigits(String text) {
        return !text.isEmpty() && text.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    private static void putText(ByteBuffer buffer, int at, String text, int length) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length >= length) {
            throw new IllegalArgumentException("'" + text + "' does not fit " + length + " bytes with its NUL");
        }
        buffer.put(at, bytes);
    }

    private static void symbols(ByteArrayOutputStream out, List<String> symbols) {
        out.writeBytes(u32(symbols.size()));
        symbols.forEach(symbol -> out.writeBytes(symbol(symbol)));
    }

    private static byte[] symbol(String symbol) {
        ByteBuffer buffer = buffer(SYMBOL_LENGTH);
        putText(buffer, 0, symbol, SYMBOL_LENGTH);
        return buffer.array();
    }

    private static byte[] u32(int value) {
        return buffer(4).putInt(0, value).array();
    }

    private static int yyyymmdd(LocalDate date) {
        return date.getYear() * 10_000 + date.getMonthValue() * 100 + date.getDayOfMonth();
    }

    private static long nanos(Instant instant) {
        return instant == null ? -1L : DatabentoValues.nanos(instant);
    }

    private static int schemaId(String schema) {
        for (int id = 0; id < DbnLayout.NULL_SCHEMA; id++) {
            String name = DbnLayout.schema(id);
            if (name.equals(schema)) {
                return id;
            }
            if (name.startsWith("schema ")) {
                break;
            }
        }
        throw new IllegalArgumentException("unknown schema " + schema);
    }

    private static int stypeId(String stype) {
        for (int id = 0; id < DbnLayout.NULL_STYPE; id++) {
            String name = DbnLayout.stype(id);
            if (name.equals(stype)) {
                return id;
            }
            if (name.startsWith("stype ")) {
                break;
            }
        }
        throw new IllegalArgumentException("unknown stype " + stype);
    }

    private static ByteBuffer buffer(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }
}
