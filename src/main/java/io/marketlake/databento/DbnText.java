package io.marketlake.databento;

import static io.marketlake.databento.DbnColumn.Type.CHAR;
import static io.marketlake.databento.DbnColumn.Type.I32;
import static io.marketlake.databento.DbnColumn.Type.I64;
import static io.marketlake.databento.DbnColumn.Type.U16;
import static io.marketlake.databento.DbnColumn.Type.U32;
import static io.marketlake.databento.DbnColumn.Type.U64;
import static io.marketlake.databento.DbnColumn.Type.U8;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HexFormat;
import java.util.List;

/**
 * A DBN record as the line Databento's raw CSV encoding gives for it (pretty_px, pretty_ts and map_symbols off), for
 * the dead-letter area: an operator reads it like any rejected CSV line. The column order is dbn's (record.rs
 * encode_order: ts_recv, the header, then the fields in their order; book levels as bid_px_00 ...). A record of a
 * type this project does not read, or too short for its type, is given in hexadecimal.
 */
final class DbnText {

    static final List<DbnColumn> OHLCV = List.of(DbnColumn.TS_EVENT, DbnColumn.RTYPE, DbnColumn.PUBLISHER_ID,
            DbnColumn.INSTRUMENT_ID, DbnColumn.of("open", I64, DbnLayout.OHLCV_OPEN),
            DbnColumn.of("high", I64, DbnLayout.OHLCV_HIGH), DbnColumn.of("low", I64, DbnLayout.OHLCV_LOW),
            DbnColumn.of("close", I64, DbnLayout.OHLCV_CLOSE), DbnColumn.of("volume", U64, DbnLayout.OHLCV_VOLUME));

    private static final DbnColumn TS_RECV = DbnColumn.of("ts_recv", U64, DbnLayout.BOOK_TS_RECV);
    private static final DbnColumn SIDE = DbnColumn.of("side", CHAR, DbnLayout.BOOK_SIDE);
    private static final DbnColumn PRICE = DbnColumn.of("price", I64, DbnLayout.BOOK_PRICE);
    private static final DbnColumn SIZE = DbnColumn.of("size", U32, DbnLayout.BOOK_SIZE_FIELD);
    private static final DbnColumn FLAGS = DbnColumn.of("flags", U8, DbnLayout.BOOK_FLAGS);
    private static final DbnColumn SEQUENCE = DbnColumn.of("sequence", U32, DbnLayout.BOOK_SEQUENCE);
    private static final List<DbnColumn> LEVEL = List.of(DbnColumn.of("bid_px_00", I64, DbnLayout.BOOK_BID_PX),
            DbnColumn.of("ask_px_00", I64, DbnLayout.BOOK_ASK_PX), DbnColumn.of("bid_sz_00", U32, DbnLayout.BOOK_BID_SZ),
            DbnColumn.of("ask_sz_00", U32, DbnLayout.BOOK_ASK_SZ), DbnColumn.of("bid_ct_00", U32, DbnLayout.BOOK_BID_CT),
            DbnColumn.of("ask_ct_00", U32, DbnLayout.BOOK_ASK_CT));

    static final List<DbnColumn> MBP_1 = concat(List.of(TS_RECV, DbnColumn.TS_EVENT, DbnColumn.RTYPE,
            DbnColumn.PUBLISHER_ID, DbnColumn.INSTRUMENT_ID, DbnColumn.of("action", CHAR, DbnLayout.BOOK_ACTION), SIDE,
            DbnColumn.of("depth", U8, DbnLayout.BOOK_DEPTH), PRICE, SIZE, FLAGS,
            DbnColumn.of("ts_in_delta", I32, DbnLayout.BOOK_TS_IN_DELTA), SEQUENCE), LEVEL);

    static final List<DbnColumn> BBO = concat(List.of(TS_RECV, DbnColumn.TS_EVENT, DbnColumn.RTYPE,
            DbnColumn.PUBLISHER_ID, DbnColumn.INSTRUMENT_ID, SIDE, PRICE, SIZE, FLAGS, SEQUENCE), LEVEL);

    static final List<DbnColumn> STATISTICS = List.of(DbnColumn.of("ts_recv", U64, DbnLayout.STAT_TS_RECV),
            DbnColumn.TS_EVENT, DbnColumn.RTYPE, DbnColumn.PUBLISHER_ID, DbnColumn.INSTRUMENT_ID,
            DbnColumn.of("ts_ref", U64, DbnLayout.STAT_TS_REF), DbnColumn.of("price", I64, DbnLayout.STAT_PRICE),
            DbnColumn.of("quantity", I64, DbnLayout.STAT_QUANTITY),
            DbnColumn.of("sequence", U32, DbnLayout.STAT_SEQUENCE),
            DbnColumn.of("ts_in_delta", I32, DbnLayout.STAT_TS_IN_DELTA),
            DbnColumn.of("stat_type", U16, DbnLayout.STAT_TYPE),
            DbnColumn.of("channel_id", U16, DbnLayout.STAT_CHANNEL_ID),
            DbnColumn.of("update_action", U8, DbnLayout.STAT_UPDATE_ACTION),
            DbnColumn.of("stat_flags", U8, DbnLayout.STAT_FLAGS));

    private static final int HEX_LIMIT = 1024;

    private DbnText() {
    }

    /** The columns raw CSV has for a record type in DBN v3, null for a type this project does not read. */
    static List<DbnColumn> columns(int rtype) {
        if (DbnLayout.isOhlcv(rtype)) {
            return OHLCV;
        }
        return switch (rtype) {
            case DbnLayout.MBP_1 -> MBP_1;
            case DbnLayout.BBO_1S, DbnLayout.BBO_1M -> BBO;
            case DbnLayout.STATISTICS -> STATISTICS;
            case DbnLayout.INSTRUMENT_DEF -> DbnDefinitionLayout.COLUMNS;
            default -> null;
        };
    }

    /** The size of a v3 record of this type, 0 for a type this project does not read. */
    static int size(int rtype) {
        if (DbnLayout.isOhlcv(rtype)) {
            return DbnLayout.OHLCV_SIZE;
        }
        return switch (rtype) {
            case DbnLayout.MBP_1, DbnLayout.BBO_1S, DbnLayout.BBO_1M -> DbnLayout.BOOK_SIZE;
            case DbnLayout.STATISTICS -> DbnLayout.STAT_SIZE;
            case DbnLayout.INSTRUMENT_DEF -> DbnLayout.DEF_SIZE;
            default -> 0;
        };
    }

    /** The raw CSV line of the v3 record of {@code length} bytes at {@code base}. */
    static String line(ByteBuffer record, int base, int length) {
        int rtype = length > DbnLayout.RTYPE ? record.get(base + DbnLayout.RTYPE) & 0xFF : -1;
        List<DbnColumn> columns = columns(rtype);
        if (columns == null || length < size(rtype)) {
            return hex(record, base, length);
        }
        StringBuilder line = new StringBuilder(columns.size() * 12);
        for (int i = 0; i < columns.size(); i++) {
            if (i > 0) {
                line.append(',');
            }
            columns.get(i).append(record, base, line);
        }
        return line.toString();
    }

    /** The raw CSV line of a whole v3 record. */
    static String line(byte[] record) {
        return line(ByteBuffer.wrap(record).order(ByteOrder.LITTLE_ENDIAN), 0, record.length);
    }

    /** Bytes that are no record this project reads, as they are (the first KiB of them). */
    static String hex(ByteBuffer record, int base, int length) {
        byte[] bytes = new byte[Math.min(length, HEX_LIMIT)];
        record.get(base, bytes);
        return "DBN " + length + " bytes: " + HexFormat.of().formatHex(bytes) + (length > HEX_LIMIT ? "..." : "");
    }

    /** The raw CSV header of a record type (tests and operators compare lines with it). */
    static String header(int rtype) {
        return String.join(",", columns(rtype).stream().map(DbnColumn::name).toList());
    }

    private static List<DbnColumn> concat(List<DbnColumn> first, List<DbnColumn> second) {
        return java.util.stream.Stream.concat(first.stream(), second.stream()).toList();
    }
}
