package io.marketlake.cot;

import io.marketlake.lake.LakeColumn;
import io.marketlake.lake.LakeTable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToLongFunction;
import org.apache.avro.generic.GenericRecord;

/**
 * COT rows in the lake (data_type=cot), one per market and report date and version: the lake keeps each
 * distinct version of a week's report, the trading date being the report date.
 */
public final class CotLakeTable extends LakeTable<CotReport> {

    public static final String DATA_TYPE = "cot";

    /** One published figure: its lake column and where a report holds it. */
    record Figure(String column, ToLongFunction<CotReport> value) {
    }

    /** The published figures in the lake's column order: the figure columns and figure arrays follow it. */
    static final List<Figure> FIGURES = List.of(
            new Figure("open_interest", CotReport::openInterest),
            new Figure("producer_long", CotReport::producerLong),
            new Figure("producer_short", CotReport::producerShort),
            new Figure("swap_long", CotReport::swapLong),
            new Figure("swap_short", CotReport::swapShort),
            new Figure("swap_spread", CotReport::swapSpread),
            new Figure("managed_money_long", CotReport::managedMoneyLong),
            new Figure("managed_money_short", CotReport::managedMoneyShort),
            new Figure("managed_money_spread", CotReport::managedMoneySpread),
            new Figure("other_long", CotReport::otherLong),
            new Figure("other_short", CotReport::otherShort),
            new Figure("other_spread", CotReport::otherSpread),
            new Figure("reportable_long", CotReport::reportableLong),
            new Figure("reportable_short", CotReport::reportableShort),
            new Figure("nonreportable_long", CotReport::nonReportableLong),
            new Figure("nonreportable_short", CotReport::nonReportableShort));

    public CotLakeTable(CotReleaseCalendar calendar) {
        super(DATA_TYPE, "CotReport", columns(calendar, FIGURES));
    }

    private static List<LakeColumn<CotReport>> columns(CotReleaseCalendar calendar, List<Figure> figures) {
        List<LakeColumn<CotReport>> columns = new ArrayList<>(List.of(
                LakeColumn.ofTimestamp("as_of", (CotReport r) -> calendar.asOf(r.reportDate()))
                        .doc("report date 17:00 New York, UTC"),
                LakeColumn.ofTimestamp("released_at", (CotReport r) -> calendar.releaseOf(r.reportDate()))
                        .doc("public release of the report, UTC"),
                LakeColumn.ofString("cftc_code", CotReport::cftcCode),
                LakeColumn.ofString("market_name", CotReport::marketName)));
        for (Figure figure : figures) {
            columns.add(LakeColumn.ofLong(figure.column(), (CotReport r) -> figure.value().applyAsLong(r)));
        }
        columns.add(LakeColumn.ofString("source", CotReport::source).doc("the CFTC file the row came from"));
        return columns;
    }

    /** The published figures in the lake's column order. */
    public static long[] figures(CotReport report) {
        long[] figures = new long[FIGURES.size()];
        for (int i = 0; i < figures.length; i++) {
            figures[i] = FIGURES.get(i).value().applyAsLong(report);
        }
        return figures;
    }

    /** The figures of a stored row, in the same order. */
    public static long[] figures(GenericRecord record) {
        long[] figures = new long[FIGURES.size()];
        for (int i = 0; i < figures.length; i++) {
            figures[i] = ((Number) record.get(FIGURES.get(i).column())).longValue();
        }
        return figures;
    }

    @Override
    public LocalDate tradingDate(CotReport report) {
        return report.reportDate();
    }

    @Override
    public Comparator<CotReport> order() {
        return Comparator.comparing(CotReport::cftcCode);
    }
}
