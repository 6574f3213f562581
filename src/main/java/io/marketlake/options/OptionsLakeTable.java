package io.marketlake.options;

import io.marketlake.lake.LakeColumn;
import io.marketlake.lake.LakeTable;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;

/** One row per option instrument of a daily chain snapshot: lake data_type=options. */
public final class OptionsLakeTable extends LakeTable<OptionRow> {

    public static final String DATA_TYPE = "options";

    private static final List<LakeColumn<OptionRow>> COLUMNS = List.of(
            LakeColumn.ofTimestamp("snapshot_at", OptionRow::snapshotAt),
            LakeColumn.ofLong("instrument_id", OptionRow::instrumentId),
            LakeColumn.ofString("symbol", OptionRow::symbol).optional(),
            LakeColumn.ofString("underlying", OptionRow::underlying).optional(),
            LakeColumn.ofLong("underlying_id", OptionRow::underlyingId),
            LakeColumn.ofTimestamp("expiration", OptionRow::expiration),
            LakeColumn.ofString("option_right", (OptionRow row) -> row.call() ? "C" : "P").doc("C or P"),
            LakeColumn.ofDouble("strike", OptionRow::strike),
            LakeColumn.ofDouble("bid", OptionRow::bid).optional(),
            LakeColumn.ofDouble("ask", OptionRow::ask).optional(),
            LakeColumn.ofLong("bid_size", OptionRow::bidSize).optional(),
            LakeColumn.ofLong("ask_size", OptionRow::askSize).optional(),
            LakeColumn.ofTimestamp("quote_at", OptionRow::quoteAt).optional(),
            LakeColumn.ofLong("open_interest", OptionRow::openInterest).optional(),
            LakeColumn.ofDouble("settlement", OptionRow::settlement).optional(),
            LakeColumn.ofDouble("underlying_price", OptionRow::underlyingPrice).optional(),
            LakeColumn.ofDouble("years_to_expiry", OptionRow::yearsToExpiry).optional(),
            LakeColumn.ofDouble("implied_vol", OptionRow::impliedVol).optional(),
            LakeColumn.ofString("flags", (OptionRow row) -> String.join(",", row.flags()))
                    .doc("comma-separated: crossed, one_sided, no_quote, no_underlying, no_iv"));

    public OptionsLakeTable() {
        super(DATA_TYPE, "OptionQuote", COLUMNS);
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
}
