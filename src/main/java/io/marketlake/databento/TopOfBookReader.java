package io.marketlake.databento;

import io.marketlake.ingest.Rejection;
import java.util.List;
import java.util.function.Consumer;

/** Streams a top-of-book payload (mbp-1, bbo-1s, bbo-1m: level 00 of the book) as book updates. */
public final class TopOfBookReader {

    private TopOfBookReader() {
    }

    public static void read(PayloadSource source, Consumer<TopOfBook> books, List<Rejection> rejections) {
        SchemaRecords.read(source, TopOfBookReader::book, books, rejections);
    }

    static TopOfBook book(DatabentoRow row) {
        return new TopOfBook(
                DatabentoValues.integer(row.require("instrument_id")),
                SchemaRecords.required(DatabentoValues.timestamp(row.require("ts_recv")), "ts_recv"),
                DatabentoValues.price(row.require("bid_px_00")),
                DatabentoValues.price(row.require("ask_px_00")),
                DatabentoValues.integer(row.require("bid_sz_00")),
                DatabentoValues.integer(row.require("ask_sz_00")),
                row);
    }
}
