package io.marketlake.databento;

import io.marketlake.ingest.Rejection;
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

    static InstrumentDefinition definition(DatabentoRow row) {
        String instrumentClass = row.require("instrument_class");
        String underlyingId = row.get("underlying_id");
        return new InstrumentDefinition(
                DatabentoValues.integer(row.require("instrument_id")),
                row.has("raw_symbol") ? row.get("raw_symbol") : row.get("symbol"),
                instrumentClass == null || instrumentClass.isEmpty() ? '?' : instrumentClass.charAt(0),
                DatabentoValues.price(row.require("strike_price")),
                DatabentoValues.timestamp(row.require("expiration")),
                blankToNull(row.get("underlying")),
                underlyingId == null || underlyingId.isBlank() ? 0 : DatabentoValues.integer(underlyingId),
                SchemaRecords.required(DatabentoValues.timestamp(row.require("ts_recv")), "ts_recv"),
                row.raw());
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
