package io.marketlake.databento;

import io.marketlake.ingest.Rejection;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.function.Consumer;

/** Streams a top-of-book payload (mbp-1, bbo-1s, bbo-1m: level 00 of the book) as book updates. */
public final class TopOfBookReader {

    private TopOfBookReader() {
    }

    public static void read(PayloadSource source, Consumer<TopOfBook> books, List<Rejection> rejections) {
        SchemaRecords.read(source, TopOfBookReader::book, books, rejections);
    }

    /**
     * Streams a DBN response's book updates (zstd-compressed or not) to {@code books}: each record becomes one
     * {@link TopOfBook} and nothing else is made for it, so a response of millions of quotes costs their decoding
     * only. A record that cannot be read is rejected. The payload stays the caller's to close.
     *
     * @param where prefixes each rejection's place ("" or a file name and a space)
     * @return the response's metadata
     * @throws MalformedPayloadException when the payload is no DBN response of mbp-1, tbbo, bbo-1s or bbo-1m
     */
    public static DbnMetadata readDbn(InputStream payload, String where, Consumer<TopOfBook> books,
            List<Rejection> rejections) throws IOException {
        return DbnRecords.read(payload, where, new DbnRecords.Books(), books, rejections);
    }

    /** Streams a DBN response's book updates; rejections name the source. */
    public static void readDbn(PayloadSource source, Consumer<TopOfBook> books, List<Rejection> rejections) {
        DbnRecords.read(source, new DbnRecords.Books(), books, rejections);
    }

    /** Streams a response's book updates in whichever encoding it arrived (see {@link PayloadEncoding}). */
    public static void readAny(PayloadSource source, Consumer<TopOfBook> books, List<Rejection> rejections) {
        DbnRecords.readAny(source, new DbnRecords.Books(), TopOfBookReader::book, books, rejections);
    }

    static TopOfBook book(DatabentoRow row) {
        return new TopOfBook.FromText(
                DatabentoValues.integer(row.require("instrument_id")),
                DatabentoValues.timestampNanos(row.require("ts_recv")),
                DatabentoValues.fixedPrice(row.require("bid_px_00")),
                DatabentoValues.fixedPrice(row.require("ask_px_00")),
                DatabentoValues.integer(row.require("bid_sz_00")),
                DatabentoValues.integer(row.require("ask_sz_00")),
                row);
    }
}
