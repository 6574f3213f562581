package io.marketlake.databento;

import io.marketlake.ingest.Rejection;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.function.Consumer;

/** Streams a definition payload (CSV or JSON, raw or pretty) as instrument definitions. */
public final class DefinitionReader {

    private DefinitionReader() {
    }

    public static void read(PayloadSource source, Consumer<InstrumentDefinition> definitions,
            List<Rejection> rejections) {
        SchemaRecords.read(source, DefinitionReader::definition, definitions, rejections);
    }

    /**
     * Streams a DBN response's definitions (zstd-compressed or not; v1 and v2 records upgraded to v3's) to
     * {@code definitions}. The payload stays the caller's to close.
     *
     * @param where prefixes each rejection's place ("" or a file name and a space)
     * @return the response's metadata
     * @throws MalformedPayloadException when the payload is no DBN response of definitions
     */
    public static DbnMetadata readDbn(InputStream payload, String where, Consumer<InstrumentDefinition> definitions,
            List<Rejection> rejections) throws IOException {
        return DbnRecords.read(payload, where, new DbnRecords.Definitions(), definitions, rejections);
    }

    /** Streams a DBN response's definitions; rejections name the source. */
    public static void readDbn(PayloadSource source, Consumer<InstrumentDefinition> definitions,
            List<Rejection> rejections) {
        DbnRecords.read(source, new DbnRecords.Definitions(), definitions, rejections);
    }

    /** Streams a response's definitions in whichever encoding it arrived (see {@link PayloadEncoding}). */
    public static void readAny(PayloadSource source, Consumer<InstrumentDefinition> definitions,
            List<Rejection> rejections) {
        DbnRecords.readAny(source, new DbnRecords.Definitions(), DefinitionReader::definition, definitions,
                rejections);
    }

    static InstrumentDefinition definition(DatabentoRow row) {
        String underlyingId = row.get("underlying_id");
        return InstrumentDefinition.of(
                DatabentoValues.integer(row.require("instrument_id")),
                row.has("raw_symbol") ? row.get("raw_symbol") : row.get("symbol"),
                row.require("instrument_class"),
                DatabentoValues.price(row.require("strike_price")),
                DatabentoValues.timestamp(row.require("expiration")),
                row.get("underlying"),
                underlyingId == null || underlyingId.isBlank() ? 0 : DatabentoValues.integer(underlyingId),
                DatabentoValues.timestamp(row.require("ts_recv")),
                RecordText.of(row.raw()));
    }
}
