package io.marketlake.databento;

import io.marketlake.ingest.Batch;
import io.marketlake.ingest.Rejection;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Turns an ohlcv-* payload (CSV or JSON, raw or pretty) into bars; a record that cannot be read is rejected. */
public final class OhlcvReader {

    public Batch<OhlcvBar> read(String payload) {
        List<OhlcvBar> bars = new ArrayList<>();
        List<Rejection> rejections = new ArrayList<>();
        try {
            SchemaRecords.read(new StringReader(payload), "", OhlcvReader::toBar, bars::add, rejections);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Batch<>(bars, rejections);
    }

    /** Streams a response's bars to {@code bars}, one at a time; a record that cannot be read is rejected. */
    public static void read(PayloadSource response, java.util.function.Consumer<OhlcvBar> bars,
            List<Rejection> rejections) {
        SchemaRecords.read(response, OhlcvReader::toBar, bars, rejections);
    }

    static OhlcvBar toBar(DatabentoRow row) {
        var tsEvent = DatabentoValues.timestamp(row.require("ts_event"));
        if (tsEvent == null) {
            throw new IllegalArgumentException("undefined ts_event");
        }
        String symbol = row.get("symbol");
        return new OhlcvBar(
                tsEvent,
                DatabentoValues.int32(row.require("rtype")),
                DatabentoValues.int32(row.require("publisher_id")),
                DatabentoValues.integer(row.require("instrument_id")),
                symbol,
                CmeSymbols.classify(symbol),
                DatabentoValues.price(row.require("open")),
                DatabentoValues.price(row.require("high")),
                DatabentoValues.price(row.require("low")),
                DatabentoValues.price(row.require("close")),
                DatabentoValues.integer(row.require("volume")),
                row.raw());
    }
}
