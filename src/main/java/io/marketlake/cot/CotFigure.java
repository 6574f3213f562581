package io.marketlake.cot;

import java.util.List;
import java.util.function.ToLongFunction;

/**
 * The published figures of a COT report, listed once: the CFTC's column name (as its files spell it), the lake's
 * column name and where the figure sits in a {@link CotReport}. The order is the lake's column order.
 */
public enum CotFigure {
    OPEN_INTEREST("Open_Interest_All", "open_interest", CotReport::openInterest),
    PRODUCER_LONG("Prod_Merc_Positions_Long_All", "producer_long", CotReport::producerLong),
    PRODUCER_SHORT("Prod_Merc_Positions_Short_All", "producer_short", CotReport::producerShort),
    SWAP_LONG("Swap_Positions_Long_All", "swap_long", CotReport::swapLong),
    SWAP_SHORT("Swap__Positions_Short_All", "swap_short", CotReport::swapShort),
    SWAP_SPREAD("Swap__Positions_Spread_All", "swap_spread", CotReport::swapSpread),
    MANAGED_MONEY_LONG("M_Money_Positions_Long_All", "managed_money_long", CotReport::managedMoneyLong),
    MANAGED_MONEY_SHORT("M_Money_Positions_Short_All", "managed_money_short", CotReport::managedMoneyShort),
    MANAGED_MONEY_SPREAD("M_Money_Positions_Spread_All", "managed_money_spread", CotReport::managedMoneySpread),
    OTHER_LONG("Other_Rept_Positions_Long_All", "other_long", CotReport::otherLong),
    OTHER_SHORT("Other_Rept_Positions_Short_All", "other_short", CotReport::otherShort),
    OTHER_SPREAD("Other_Rept_Positions_Spread_All", "other_spread", CotReport::otherSpread),
    REPORTABLE_LONG("Tot_Rept_Positions_Long_All", "reportable_long", CotReport::reportableLong),
    REPORTABLE_SHORT("Tot_Rept_Positions_Short_All", "reportable_short", CotReport::reportableShort),
    NONREPORTABLE_LONG("NonRept_Positions_Long_All", "nonreportable_long", CotReport::nonReportableLong),
    NONREPORTABLE_SHORT("NonRept_Positions_Short_All", "nonreportable_short", CotReport::nonReportableShort);

    /** In declaration order, which is also the order of {@link CotReport}'s figure components. */
    public static final List<CotFigure> ALL = List.of(values());

    private final String cftcColumn;
    private final String lakeColumn;
    private final ToLongFunction<CotReport> value;

    CotFigure(String cftcColumn, String lakeColumn, ToLongFunction<CotReport> value) {
        this.cftcColumn = cftcColumn;
        this.lakeColumn = lakeColumn;
        this.value = value;
    }

    public String cftcColumn() {
        return cftcColumn;
    }

    public String lakeColumn() {
        return lakeColumn;
    }

    public long of(CotReport report) {
        return value.applyAsLong(report);
    }

    /** The report's figures in this order. */
    public static long[] of(CotReport report, List<CotFigure> figures) {
        long[] values = new long[figures.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = figures.get(i).of(report);
        }
        return values;
    }
}
