package io.marketlake.cot;

import io.marketlake.lake.LakeColumn;
import io.marketlake.lake.LakeTable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.avro.generic.GenericRecord;

/**
 * COT rows in the lake (data_type=cot), one per market and report date and version: the lake keeps each
 * distinct version of a week's report, the trading date being the report date.
 */
public final class CotLakeTable extends LakeTable<CotReport> {

    public static final String DATA_TYPE = "cot";

    public CotLakeTable(CotReleaseCalendar calendar) {
        super(DATA_TYPE, "CotReport", columns(calendar));
    }

    private static List<LakeColumn<CotReport>> columns(CotReleaseCalendar calendar) {
        List<LakeColumn<CotReport>> columns = new ArrayList<>(List.of(
                LakeColumn.ofTimestamp("as_of", (CotReport r) -> calendar.asOf(r.reportDate()))
                        .doc("report date 17:00 New York, UTC"),
                LakeColumn.ofTimestamp("released_at", (CotReport r) -> calendar.releaseOf(r.reportDate()))
                        .doc("public release of the report, UTC"),
                LakeColumn.ofString("cftc_code", CotReport::cftcCode),
                LakeColumn.ofString("market_name", CotReport::marketName)));
        for (CotFigure figure : CotFigure.ALL) {
            columns.add(LakeColumn.ofLong(figure.lakeColumn(), (CotReport report) -> figure.of(report)));
        }
        columns.add(LakeColumn.ofString("source", CotReport::source).doc("the CFTC file the row came from"));
        return columns;
    }

    /** The figures of a stored row, in {@link CotFigure} order, as {@link CotReport#figures()} gives a report's. */
    public static long[] figures(GenericRecord record) {
        long[] figures = new long[CotFigure.ALL.size()];
        for (int i = 0; i < figures.length; i++) {
            figures[i] = ((Number) record.get(CotFigure.ALL.get(i).lakeColumn())).longValue();
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
