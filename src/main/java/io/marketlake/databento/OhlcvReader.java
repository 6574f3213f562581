package io.marketlake.databento;

import io.marketlake.ingest.Batch;
import io.marketlake.ingest.Rejection;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.time.Instant;
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

    /**
     * Reads a response held in memory as the bytes received, in whichever encoding it arrived (DBN, zstd, CSV, JSON
     * lines: see {@link PayloadEncoding}); a DBN response's bars get their symbols from its metadata.
     *
     * @throws MalformedPayloadException when it is empty or no Databento response of bars: none of it is used
     */
    public Batch<OhlcvBar> read(byte[] payload) {
        List<OhlcvBar> bars = new ArrayList<>();
        List<Rejection> rejections = new ArrayList<>();
        try {
            DbnRecords.readAny(new java.io.ByteArrayInputStream(payload), "", new DbnRecords.Bars(true),
                    OhlcvReader::toBar, bars::add, rejections);
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

    /** Reads a DBN response (zstd-compressed or not) held in memory, symbols mapped from its metadata. */
    public Batch<OhlcvBar> readDbn(byte[] payload) {
        List<OhlcvBar> bars = new ArrayList<>();
        List<Rejection> rejections = new ArrayList<>();
        try {
            readDbn(new java.io.ByteArrayInputStream(payload), "", true, bars::add, rejections);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Batch<>(bars, rejections);
    }

    /**
     * Streams a DBN response's bars (zstd-compressed or not) to {@code bars}, one at a time; a record that cannot be
     * read is rejected. The payload stays the caller's to close.
     *
     * @param where      prefixes each rejection's place ("" or a file name and a space)
     * @param mapSymbols whether bars get their symbol from the metadata's mappings, as map_symbols gives it in
     *     text (see {@link DbnMetadata}); without, a bar has no symbol, as in a text response without map_symbols
     * @return the response's metadata
     * @throws MalformedPayloadException when the payload is no DBN response of ohlcv bars
     */
    public static DbnMetadata readDbn(java.io.InputStream payload, String where, boolean mapSymbols,
            java.util.function.Consumer<OhlcvBar> bars, List<Rejection> rejections) throws IOException {
        return DbnRecords.read(payload, where, new DbnRecords.Bars(mapSymbols), bars, rejections);
    }

    /** Streams a DBN response's bars, symbols mapped from its metadata; rejections name the source. */
    public static void readDbn(PayloadSource response, java.util.function.Consumer<OhlcvBar> bars,
            List<Rejection> rejections) {
        DbnRecords.read(response, new DbnRecords.Bars(true), bars, rejections);
    }

    /** Streams a response's bars in whichever encoding it arrived (DBN, zstd, CSV, JSON lines: see PayloadEncoding). */
    public static void readAny(PayloadSource response, java.util.function.Consumer<OhlcvBar> bars,
            List<Rejection> rejections) {
        DbnRecords.readAny(response, new DbnRecords.Bars(true), OhlcvReader::toBar, bars, rejections);
    }

    static OhlcvBar toBar(DatabentoRow row) {
        return bar(
                DatabentoValues.timestamp(row.require("ts_event")),
                DatabentoValues.int32(row.require("rtype")),
                DatabentoValues.int32(row.require("publisher_id")),
                DatabentoValues.integer(row.require("instrument_id")),
                row.get("symbol"),
                DatabentoValues.price(row.require("open")),
                DatabentoValues.price(row.require("high")),
                DatabentoValues.price(row.require("low")),
                DatabentoValues.price(row.require("close")),
                DatabentoValues.integer(row.require("volume")),
                RecordText.of(row.raw()));
    }

    /**
     * The one place a bar is made from its typed values, for text and binary records alike: a bar without ts_event
     * is unreadable, and its contract type is read from its symbol.
     */
    static OhlcvBar bar(Instant tsEvent, int rtype, int publisherId, long instrumentId, String symbol, Double open,
            Double high, Double low, Double close, long volume, RecordText raw) {
        return new OhlcvBar(SchemaRecords.required(tsEvent, "ts_event"), rtype, publisherId, instrumentId, symbol,
                CmeSymbols.classify(symbol), open, high, low, close, volume, raw);
    }
}
