package io.marketlake.databento;

/**
 * Where DBN puts things: record types, schemas and the byte offsets of the records this project reads, in DBN
 * version 3 (the current one) and, where they differ, versions 1 and 2. Taken from Databento's own definitions in
 * github.com/databento/dbn: rust/dbn/src/record.rs (RecordHeader, OhlcvMsg, Mbp1Msg, BboMsg, StatMsg,
 * InstrumentDefMsg of v3), rust/dbn/src/compat.rs (InstrumentDefMsgV1, InstrumentDefMsgV2, StatMsgV1, the v1/v2
 * symbol lengths and sentinels), rust/dbn/src/enums.rs (rtype, Schema, SType values) and
 * rust/dbn/src/decode/dbn/fsm.rs (the metadata layout). All records are little-endian C structs with 8-byte
 * alignment and no padding.
 */
final class DbnLayout {

    /** The highest DBN version read: version 3 since June 2025. */
    static final int VERSION = 3;
    /** A record's length byte counts 4-byte words. */
    static final int LENGTH_UNIT = 4;
    static final int HEADER_SIZE = 16;
    /** 255 words: no record is longer. */
    static final int MAX_RECORD = 255 * LENGTH_UNIT;

    // RecordHeader: length u8, rtype u8, publisher_id u16, instrument_id u32, ts_event u64
    static final int RTYPE = 1;
    static final int PUBLISHER_ID = 2;
    static final int INSTRUMENT_ID = 4;
    static final int TS_EVENT = 8;

    // rtype values (enums.rs)
    static final int MBP_1 = 0x01;
    static final int OHLCV_DEPRECATED = 0x11;
    static final int STATUS = 0x12;
    static final int INSTRUMENT_DEF = 0x13;
    static final int IMBALANCE = 0x14;
    static final int ERROR = 0x15;
    static final int SYMBOL_MAPPING = 0x16;
    static final int SYSTEM = 0x17;
    static final int STATISTICS = 0x18;
    static final int OHLCV_1S = 0x20;
    static final int OHLCV_1M = 0x21;
    static final int OHLCV_1H = 0x22;
    static final int OHLCV_1D = 0x23;
    static final int OHLCV_EOD = 0x24;
    static final int MBO = 0xA0;
    static final int BBO_1S = 0xC3;
    static final int BBO_1M = 0xC4;

    // OhlcvMsg (56 bytes): open, high, low, close i64, volume u64
    static final int OHLCV_SIZE = 56;
    static final int OHLCV_OPEN = 16;
    static final int OHLCV_HIGH = 24;
    static final int OHLCV_LOW = 32;
    static final int OHLCV_CLOSE = 40;
    static final int OHLCV_VOLUME = 48;

    // Mbp1Msg and BboMsg (80 bytes each, the same in every version): price i64, size u32, then
    // Mbp1Msg: action c_char, side c_char, flags u8, depth u8, ts_recv u64, ts_in_delta i32, sequence u32;
    // BboMsg: _reserved1 u8, side c_char, flags u8, _reserved2 u8, ts_recv u64, _reserved3 [u8; 4], sequence u32;
    // both end with one BidAskPair: bid_px i64, ask_px i64, bid_sz u32, ask_sz u32, bid_ct u32, ask_ct u32
    static final int BOOK_SIZE = 80;
    static final int BOOK_PRICE = 16;
    static final int BOOK_SIZE_FIELD = 24;
    static final int BOOK_ACTION = 28;
    static final int BOOK_SIDE = 29;
    static final int BOOK_FLAGS = 30;
    static final int BOOK_DEPTH = 31;
    static final int BOOK_TS_RECV = 32;
    static final int BOOK_TS_IN_DELTA = 40;
    static final int BOOK_SEQUENCE = 44;
    static final int BOOK_BID_PX = 48;
    static final int BOOK_ASK_PX = 56;
    static final int BOOK_BID_SZ = 64;
    static final int BOOK_ASK_SZ = 68;
    static final int BOOK_BID_CT = 72;
    static final int BOOK_ASK_CT = 76;

    // StatMsg v3 (80 bytes): ts_recv u64, ts_ref u64, price i64, quantity i64, sequence u32, ts_in_delta i32,
    // stat_type u16, channel_id u16, update_action u8, stat_flags u8, _reserved [u8; 18]
    static final int STAT_SIZE = 80;
    static final int STAT_TS_RECV = 16;
    static final int STAT_TS_REF = 24;
    static final int STAT_PRICE = 32;
    static final int STAT_QUANTITY = 40;
    static final int STAT_SEQUENCE = 48;
    static final int STAT_TS_IN_DELTA = 52;
    static final int STAT_TYPE = 56;
    static final int STAT_CHANNEL_ID = 58;
    static final int STAT_UPDATE_ACTION = 60;
    static final int STAT_FLAGS = 61;
    // StatMsgV1, also DBN v2's (64 bytes): the same up to price, then quantity i32, sequence u32, ts_in_delta i32,
    // stat_type u16, channel_id u16, update_action u8, stat_flags u8, _reserved [u8; 6]
    static final int STAT_V1_SIZE = 64;
    static final int STAT_V1_QUANTITY = 40;
    static final int STAT_V1_SEQUENCE = 44;
    static final int STAT_V1_TS_IN_DELTA = 48;
    static final int STAT_V1_TYPE = 52;
    static final int STAT_V1_CHANNEL_ID = 54;
    static final int STAT_V1_UPDATE_ACTION = 56;
    static final int STAT_V1_FLAGS = 57;
    /** The unset quantity of DBN v1/v2 (i32 max), i64 max from v3 on. */
    static final int UNDEF_STAT_QUANTITY_V1 = Integer.MAX_VALUE;

    // InstrumentDefMsg: 520 bytes in v3, 400 in v2 (InstrumentDefMsgV2), 360 in v1 (InstrumentDefMsgV1);
    // the offsets of each field are in DbnDefinitionLayout
    static final int DEF_SIZE = 520;
    static final int DEF_V2_SIZE = 400;
    static final int DEF_V1_SIZE = 360;

    // Metadata (fsm.rs decode_metadata_impl): dataset [c_char; 16], schema u16 (u16 max: none), start u64,
    // end u64 (u64 max: none), limit u64 (0: none), v1 only: record_count u64, stype_in u8 (u8 max: none),
    // stype_out u8, ts_out u8, v2+: symbol_cstr_len u16; reserved (53 bytes, v1: 47) up to 100 bytes;
    // schema_definition_length u32 (always 0); symbols, partial, not_found: u32 count + count fixed-length
    // symbols; mappings: u32 count + count of (raw_symbol, u32 interval count + intervals of
    // (start_date u32 yyyymmdd, end_date u32 yyyymmdd, symbol))
    static final int METADATA_FIXED = 100;
    static final int DATASET_LENGTH = 16;
    static final int SYMBOL_LENGTH_V1 = 22;
    static final int NULL_SCHEMA = 0xFFFF;
    static final int NULL_STYPE = 0xFF;

    private static final String[] SCHEMAS = {"mbo", "mbp-1", "mbp-10", "tbbo", "trades", "ohlcv-1s", "ohlcv-1m",
        "ohlcv-1h", "ohlcv-1d", "definition", "statistics", "status", "imbalance", "ohlcv-eod", "cmbp-1", "cbbo-1s",
        "cbbo-1m", "tcbbo", "bbo-1s", "bbo-1m"};
    private static final String[] STYPES = {"instrument_id", "raw_symbol", "smart", "continuous", "parent",
        "nasdaq_symbol", "cms_symbol", "isin", "us_code", "bbg_comp_id", "bbg_comp_ticker", "figi", "figi_ticker"};

    private DbnLayout() {
    }

    /** A schema's name from its DBN number, null for none (u16 max). */
    static String schema(int id) {
        if (id == NULL_SCHEMA) {
            return null;
        }
        return id >= 0 && id < SCHEMAS.length ? SCHEMAS[id] : "schema " + id;
    }

    /** A symbology type's name from its DBN number, null for none (u8 max). */
    static String stype(int id) {
        if (id == NULL_STYPE) {
            return null;
        }
        return id >= 0 && id < STYPES.length ? STYPES[id] : "stype " + id;
    }

    /** How a message names a record type. */
    static String rtypeName(int rtype) {
        String name = switch (rtype) {
            case 0x00 -> "trades";
            case MBP_1 -> "mbp-1";
            case 0x0A -> "mbp-10";
            case OHLCV_DEPRECATED -> "ohlcv";
            case STATUS -> "status";
            case INSTRUMENT_DEF -> "definition";
            case IMBALANCE -> "imbalance";
            case ERROR -> "error";
            case SYMBOL_MAPPING -> "symbol mapping";
            case SYSTEM -> "system";
            case STATISTICS -> "statistics";
            case OHLCV_1S -> "ohlcv-1s";
            case OHLCV_1M -> "ohlcv-1m";
            case OHLCV_1H -> "ohlcv-1h";
            case OHLCV_1D -> "ohlcv-1d";
            case OHLCV_EOD -> "ohlcv-eod";
            case MBO -> "mbo";
            case 0xB1 -> "cmbp-1";
            case 0xC0 -> "cbbo-1s";
            case 0xC1 -> "cbbo-1m";
            case 0xC2 -> "tcbbo";
            case BBO_1S -> "bbo-1s";
            case BBO_1M -> "bbo-1m";
            default -> null;
        };
        return name == null ? "rtype " + rtype : "rtype " + rtype + " (" + name + ")";
    }

    /** mbp-1 (and tbbo), bbo-1s and bbo-1m: the records of one book level this project reads. */
    static boolean isBook(int rtype) {
        return rtype == MBP_1 || rtype == BBO_1S || rtype == BBO_1M;
    }

    static boolean isOhlcv(int rtype) {
        return rtype >= OHLCV_1S && rtype <= OHLCV_EOD || rtype == OHLCV_DEPRECATED;
    }
}
