package io.marketlake.options;

import io.marketlake.lake.LakeColumns;
import io.marketlake.lake.LakeTable;
import java.time.LocalDate;
import java.util.Comparator;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;

/** One row per option instrument of a daily chain snapshot: lake data_type=options. */
public final class OptionsLakeTable implements LakeTable<OptionRow> {

    public static final String DATA_TYPE = "options";

    private static final Schema OPTIONAL_DOUBLE = LakeColumns.optional(Schema.create(Schema.Type.DOUBLE));
    private static final Schema OPTIONAL_LONG = LakeColumns.optional(Schema.create(Schema.Type.LONG));
    private static final Schema OPTIONAL_STRING = LakeColumns.optional(Schema.create(Schema.Type.STRING));

    private static final Schema SCHEMA = LakeColumns.record("OptionQuote")
            .name("snapshot_at").type(LakeColumns.timestamp()).noDefault()
            .name("instrument_id").type().longType().noDefault()
            .name("symbol").type(OPTIONAL_STRING).withDefault(null)
            .name("underlying").type(OPTIONAL_STRING).withDefault(null)
            .name("underlying_id").type().longType().noDefault()
            .name("expiration").type(LakeColumns.timestamp()).noDefault()
            .name("option_right").doc("C or P").type().stringType().noDefault()
            .name("strike").type().doubleType().noDefault()
            .name("bid").type(OPTIONAL_DOUBLE).withDefault(null)
            .name("ask").type(OPTIONAL_DOUBLE).withDefault(null)
            .name("bid_size").type(OPTIONAL_LONG).withDefault(null)
            .name("ask_size").type(OPTIONAL_LONG).withDefault(null)
            .name("quote_at").type(LakeColumns.optional(LakeColumns.timestamp())).withDefault(null)
            .name("open_interest").type(OPTIONAL_LONG).withDefault(null)
            .name("settlement").type(OPTIONAL_DOUBLE).withDefault(null)
            .name("underlying_price").type(OPTIONAL_DOUBLE).withDefault(null)
            .name("years_to_expiry").type(OPTIONAL_DOUBLE).withDefault(null)
            .name("implied_vol").type(OPTIONAL_DOUBLE).withDefault(null)
            .name("flags").doc("comma-separated: crossed, one_sided, no_quote, no_underlying, no_iv")
            .type().stringType().noDefault()
            .endRecord();

    @Override
    public String dataType() {
        return DATA_TYPE;
    }

    @Override
    public Schema schema() {
        return SCHEMA;
    }

    @Override
    public LocalDate tradingDate(OptionRow row) {
        return row.tradingDate();
    }

    @Override
    public Comparator<OptionRow> order() {
        return Comparator.comparing(OptionRow::expiration).thenComparing(OptionRow::strike)
                .thenComparing(r -> r.call() ? 0 : 1).thenComparingLong(OptionRow::instrumentId);
    }

    @Override
    public void fill(OptionRow row, GenericData.Record record) {
        record.put("snapshot_at", LakeColumns.micros(row.snapshotAt()));
        record.put("instrument_id", row.instrumentId());
        record.put("symbol", row.symbol());
        record.put("underlying", row.underlying());
        record.put("underlying_id", row.underlyingId());
        record.put("expiration", LakeColumns.micros(row.expiration()));
        record.put("option_right", row.call() ? "C" : "P");
        record.put("strike", row.strike());
        record.put("bid", row.bid());
        record.put("ask", row.ask());
        record.put("bid_size", row.bidSize());
        record.put("ask_size", row.askSize());
        record.put("quote_at", LakeColumns.micros(row.quoteAt()));
        record.put("open_interest", row.openInterest());
        record.put("settlement", row.settlement());
        record.put("underlying_price", row.underlyingPrice());
        record.put("years_to_expiry", row.yearsToExpiry());
        record.put("implied_vol", row.impliedVol());
        record.put("flags", String.join(",", row.flags()));
    }
}
