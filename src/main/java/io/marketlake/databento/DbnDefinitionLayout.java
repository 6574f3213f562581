package io.marketlake.databento;

import static io.marketlake.databento.DbnColumn.Type.CHAR;
import static io.marketlake.databento.DbnColumn.Type.I16;
import static io.marketlake.databento.DbnColumn.Type.I32;
import static io.marketlake.databento.DbnColumn.Type.I64;
import static io.marketlake.databento.DbnColumn.Type.I8;
import static io.marketlake.databento.DbnColumn.Type.STRING;
import static io.marketlake.databento.DbnColumn.Type.U16;
import static io.marketlake.databento.DbnColumn.Type.U32;
import static io.marketlake.databento.DbnColumn.Type.U64;
import static io.marketlake.databento.DbnColumn.Type.U8;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * The instrument definition record (InstrumentDefMsg) in DBN v3, with where each field was in v2 and v1 (dbn's
 * rust/dbn/src/record.rs and compat.rs), in the column order of Databento's raw CSV (73 columns). An older record
 * is upgraded to v3 the way dbn does it (the From impls of v3's InstrumentDefMsg): fields v3 added (the legs) take
 * their defaults, fields v3 dropped (trading_reference_price and _date, settl_price_type,
 * md_security_trading_status) are left out, raw_instrument_id widens from u32, raw_symbol (22 bytes in v1) and
 * asset (7 bytes before v3) keep their text.
 */
final class DbnDefinitionLayout {

    /** A field: its v3 column and where it was in v2 and v1 (offset, byte length; -1 when it did not exist). */
    record Field(DbnColumn column, int v2, int v2Length, int v1, int v1Length, long absent) {
    }

    static final int TS_RECV = 16;
    static final int EXPIRATION = 40;
    static final int STRIKE_PRICE = 104;
    static final int UNDERLYING_ID = 140;
    static final int RAW_SYMBOL = 238;
    static final int RAW_SYMBOL_LENGTH = 71;
    static final int UNDERLYING = 391;
    static final int UNDERLYING_LENGTH = 21;
    static final int INSTRUMENT_CLASS = 487;

    static final List<Field> FIELDS;
    static final List<DbnColumn> COLUMNS;

    static {
        List<Field> f = new ArrayList<>();
        f.add(same(DbnColumn.of("ts_recv", U64, TS_RECV)));
        f.add(same(DbnColumn.TS_EVENT));
        f.add(same(DbnColumn.RTYPE));
        f.add(same(DbnColumn.PUBLISHER_ID));
        f.add(same(DbnColumn.INSTRUMENT_ID));
        f.add(moved(DbnColumn.string("raw_symbol", RAW_SYMBOL, RAW_SYMBOL_LENGTH), 200, 71, 200, 22));
        f.add(moved(DbnColumn.of("security_update_action", CHAR, 493), 382, 349));
        f.add(moved(DbnColumn.of("instrument_class", CHAR, INSTRUMENT_CLASS), 374, 325));
        f.add(moved(DbnColumn.of("min_price_increment", I64, 24), 24, 24));
        f.add(moved(DbnColumn.of("display_factor", I64, 32), 32, 32));
        f.add(moved(DbnColumn.of("expiration", U64, EXPIRATION), 40, 40));
        f.add(moved(DbnColumn.of("activation", U64, 48), 48, 48));
        f.add(moved(DbnColumn.of("high_limit_price", I64, 56), 56, 56));
        f.add(moved(DbnColumn.of("low_limit_price", I64, 64), 64, 64));
        f.add(moved(DbnColumn.of("max_price_variation", I64, 72), 72, 72));
        f.add(moved(DbnColumn.of("unit_of_measure_qty", I64, 80), 88, 88));
        f.add(moved(DbnColumn.of("min_price_increment_amount", I64, 88), 96, 96));
        f.add(moved(DbnColumn.of("price_ratio", I64, 96), 104, 104));
        f.add(moved(DbnColumn.of("inst_attrib_value", I32, 136), 120, 112));
        f.add(moved(DbnColumn.of("underlying_id", U32, UNDERLYING_ID), 124, 116));
        f.add(moved(DbnColumn.of("raw_instrument_id", U64, 112), 128, 4, 120, 4));
        f.add(moved(DbnColumn.of("market_depth_implied", I32, 144), 132, 124));
        f.add(moved(DbnColumn.of("market_depth", I32, 148), 136, 128));
        f.add(moved(DbnColumn.of("market_segment_id", U32, 152), 140, 132));
        f.add(moved(DbnColumn.of("max_trade_vol", U32, 156), 144, 136));
        f.add(moved(DbnColumn.of("min_lot_size", I32, 160), 148, 140));
        f.add(moved(DbnColumn.of("min_lot_size_block", I32, 164), 152, 144));
        f.add(moved(DbnColumn.of("min_lot_size_round_lot", I32, 168), 156, 148));
        f.add(moved(DbnColumn.of("min_trade_vol", U32, 172), 160, 152));
        f.add(moved(DbnColumn.of("contract_multiplier", I32, 176), 164, 160));
        f.add(moved(DbnColumn.of("decay_quantity", I32, 180), 168, 164));
        f.add(moved(DbnColumn.of("original_contract_size", I32, 184), 172, 168));
        f.add(moved(DbnColumn.of("appl_id", I16, 212), 178, 178));
        f.add(moved(DbnColumn.of("maturity_year", U16, 214), 180, 180));
        f.add(moved(DbnColumn.of("decay_start_date", U16, 216), 182, 182));
        f.add(moved(DbnColumn.of("channel_id", U16, 218), 184, 184));
        f.add(moved(DbnColumn.string("currency", 224, 4), 186, 4, 186, 4));
        f.add(moved(DbnColumn.string("settl_currency", 228, 4), 190, 4, 190, 4));
        f.add(moved(DbnColumn.string("secsubtype", 232, 6), 194, 6, 194, 6));
        f.add(moved(DbnColumn.string("group", 309, 21), 271, 21, 222, 21));
        f.add(moved(DbnColumn.string("exchange", 330, 5), 292, 5, 243, 5));
        f.add(moved(DbnColumn.string("asset", 335, 11), 297, 7, 248, 7));
        f.add(moved(DbnColumn.string("cfi", 346, 7), 304, 7, 255, 7));
        f.add(moved(DbnColumn.string("security_type", 353, 7), 311, 7, 262, 7));
        f.add(moved(DbnColumn.string("unit_of_measure", 360, 31), 318, 31, 269, 31));
        f.add(moved(DbnColumn.string("underlying", UNDERLYING, UNDERLYING_LENGTH), 349, 21, 300, 21));
        f.add(moved(DbnColumn.string("strike_price_currency", 412, 4), 370, 4, 321, 4));
        f.add(moved(DbnColumn.of("strike_price", I64, STRIKE_PRICE), 112, 328));
        f.add(moved(DbnColumn.of("match_algorithm", CHAR, 488), 375, 342));
        f.add(moved(DbnColumn.of("main_fraction", U8, 489), 377, 344));
        f.add(moved(DbnColumn.of("price_display_format", U8, 490), 378, 345));
        f.add(moved(DbnColumn.of("sub_fraction", U8, 491), 380, 347));
        f.add(moved(DbnColumn.of("underlying_product", U8, 492), 381, 348));
        f.add(moved(DbnColumn.of("maturity_month", U8, 494), 383, 350));
        f.add(moved(DbnColumn.of("maturity_day", U8, 495), 384, 351));
        f.add(moved(DbnColumn.of("maturity_week", U8, 496), 385, 352));
        f.add(moved(DbnColumn.of("user_defined_instrument", CHAR, 497), 386, 353));
        f.add(moved(DbnColumn.of("contract_multiplier_unit", I8, 498), 387, 354));
        f.add(moved(DbnColumn.of("flow_schedule_type", I8, 499), 388, 355));
        f.add(moved(DbnColumn.of("tick_rule", U8, 500), 389, 356));
        f.add(added(DbnColumn.of("leg_count", U16, 220), 0));
        f.add(added(DbnColumn.of("leg_index", U16, 222), 0));
        f.add(added(DbnColumn.of("leg_instrument_id", U32, 188), 0));
        f.add(added(DbnColumn.string("leg_raw_symbol", 416, 71), 0));
        f.add(added(DbnColumn.of("leg_instrument_class", CHAR, 501), 0));
        f.add(added(DbnColumn.of("leg_side", CHAR, 502), 'N'));
        f.add(added(DbnColumn.of("leg_price", I64, 120), DatabentoValues.UNDEFINED_PRICE));
        f.add(added(DbnColumn.of("leg_delta", I64, 128), DatabentoValues.UNDEFINED_PRICE));
        f.add(added(DbnColumn.of("leg_ratio_price_numerator", I32, 192), 0));
        f.add(added(DbnColumn.of("leg_ratio_price_denominator", I32, 196), 0));
        f.add(added(DbnColumn.of("leg_ratio_qty_numerator", I32, 200), 0));
        f.add(added(DbnColumn.of("leg_ratio_qty_denominator", I32, 204), 0));
        f.add(added(DbnColumn.of("leg_underlying_id", U32, 208), 0));
        FIELDS = List.copyOf(f);
        COLUMNS = FIELDS.stream().map(Field::column).toList();
    }

    private DbnDefinitionLayout() {
    }

    /** A header field: at the same place in every version. */
    private static Field same(DbnColumn column) {
        return new Field(column, column.offset(), column.length(), column.offset(), column.length(), 0);
    }

    private static Field moved(DbnColumn column, int v2, int v1) {
        return new Field(column, v2, column.length(), v1, column.length(), 0);
    }

    private static Field moved(DbnColumn column, int v2, int v2Length, int v1, int v1Length) {
        return new Field(column, v2, v2Length, v1, v1Length, 0);
    }

    /** A field v3 added: older records get Databento's default for it. */
    private static Field added(DbnColumn column, long absent) {
        return new Field(column, -1, 0, -1, 0, absent);
    }

    /**
     * Writes the v3 form of the v1 or v2 definition at {@code from} into {@code to} (520 bytes from 0). Every byte
     * of {@code to} is written: the upgraded record's reserved bytes are zero.
     */
    static void upgrade(int version, ByteBuffer from, int base, ByteBuffer to) {
        for (int i = 0; i < DbnLayout.DEF_SIZE; i++) {
            to.put(i, (byte) 0);
        }
        for (Field field : FIELDS) {
            DbnColumn column = field.column();
            int at = version == 1 ? field.v1() : field.v2();
            int length = version == 1 ? field.v1Length() : field.v2Length();
            if (at < 0) {
                writeInteger(to, column.offset(), column.length(), field.absent());
            } else {
                // narrower older fields (u32 raw_instrument_id, 7-byte asset, 22-byte v1 raw_symbol) zero-extend
                for (int i = 0; i < Math.min(length, column.length()); i++) {
                    to.put(column.offset() + i, from.get(base + at + i));
                }
            }
        }
        to.put(0, (byte) (DbnLayout.DEF_SIZE / DbnLayout.LENGTH_UNIT));
    }

    private static void writeInteger(ByteBuffer to, int at, int length, long value) {
        for (int i = 0; i < length; i++) {
            to.put(at + i, (byte) (value >>> (8 * i)));
        }
    }

    static ByteBuffer buffer() {
        return ByteBuffer.allocate(DbnLayout.DEF_SIZE).order(ByteOrder.LITTLE_ENDIAN);
    }
}
