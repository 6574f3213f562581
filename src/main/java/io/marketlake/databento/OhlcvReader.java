package io.marketlake.databento;

import io.marketlake.ingest.Batch;
import io.marketlake.ingest.Rejection;
import java.util.ArrayList;
import java.util.List;

/** Turns an ohlcv-* payload (CSV or JSON, raw or pretty) into bars; a record that cannot be read is rejected. */
public final class OhlcvReader {

    public Batch<OhlcvBar> read(String payload) {
        List<OhlcvBar> bars = new ArrayList<>();
        List<Rejection> rejections = new ArrayList<>();
        DatabentoPayloadReader.read(payload, new DatabentoPayloadReader.Sink() {
            @Override
            public void row(DatabentoRow row) {
                try {
                    bars.add(toBar(row));
                } catch (RuntimeException e) {
                    rejections.add(new Rejection(row.raw(), "unreadable_record",
                            "line " + row.line() + ": " + e.getMessage()));
                }
            }

            @Override
            public void malformed(long line, String raw, String problem) {
                rejections.add(new Rejection(raw, "unreadable_record", "line " + line + ": " + problem));
            }
        });
        return new Batch<>(bars, rejections);
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
