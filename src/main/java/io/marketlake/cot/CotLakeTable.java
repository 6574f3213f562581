package io.marketlake.cot;

import io.marketlake.lake.LakeColumns;
import io.marketlake.lake.LakeTable;
import java.time.LocalDate;
import java.util.Comparator;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/**
 * COT rows in the lake (data_type=cot), one per market and report date and version: the lake keeps each
 * distinct version of a week's report, the trading date being the report date.
 */
public final class CotLakeTable implements LakeTable<CotReport> {

    public static final String DATA_TYPE = "cot";
    private static final String[] FIGURE_COLUMNS = {
        "open_interest", "producer_long", "producer_short", "swap_long", "swap_short", "swap_spread",
        "managed_money_long", "managed_money_short", "managed_money_spread", "other_long", "other_short",
        "other_spread", "reportable_long", "reportable_short", "nonreportable_long", "nonreportable_short"};

    private final CotReleaseCalendar calendar;
    private final Schema schema;

    public CotLakeTable(CotReleaseCalendar calendar) {
        this.calendar = calendar;
        SchemaBuilder.FieldAssembler<Schema> fields = LakeColumns.record("CotReport")
                .name("as_of").doc("report date 17:00 New York, UTC").type(LakeColumns.timestamp()).noDefault()
                .name("released_at").doc("public release of the report, UTC").type(LakeColumns.timestamp()).noDefault()
                .name("cftc_code").type().stringType().noDefault()
                .name("market_name").type().stringType().noDefault();
        for (String column : FIGURE_COLUMNS) {
            fields = fields.name(column).type().longType().noDefault();
        }
        this.schema = fields.name("source").doc("the CFTC file the row came from").type().stringType().noDefault()
                .endRecord();
    }

    /** The published figures in the lake's column order. */
    public static long[] figures(CotReport r) {
        return new long[] {r.openInterest(), r.producerLong(), r.producerShort(), r.swapLong(), r.swapShort(),
            r.swapSpread(), r.managedMoneyLong(), r.managedMoneyShort(), r.managedMoneySpread(), r.otherLong(),
            r.otherShort(), r.otherSpread(), r.reportableLong(), r.reportableShort(), r.nonReportableLong(),
            r.nonReportableShort()};
    }

    /** The figures of a stored row, in the same order. */
    public static long[] figures(GenericRecord record) {
        long[] figures = new long[FIGURE_COLUMNS.length];
        for (int i = 0; i < figures.length; i++) {
            figures[i] = ((Number) record.get(FIGURE_COLUMNS[i])).longValue();
        }
        return figures;
    }

    @Override
    public String dataType() {
        return DATA_TYPE;
    }

    @Override
    public Schema schema() {
        return schema;
    }

    @Override
    public LocalDate tradingDate(CotReport report) {
        return report.reportDate();
    }

    @Override
    public Comparator<CotReport> order() {
        return Comparator.comparing(CotReport::cftcCode);
    }

    @Override
    public void fill(CotReport report, GenericData.Record record) {
        record.put("as_of", LakeColumns.micros(calendar.asOf(report.reportDate())));
        record.put("released_at", LakeColumns.micros(calendar.releaseOf(report.reportDate())));
        record.put("cftc_code", report.cftcCode());
        record.put("market_name", report.marketName());
        long[] figures = figures(report);
        for (int i = 0; i < figures.length; i++) {
            record.put(FIGURE_COLUMNS[i], figures[i]);
        }
        record.put("source", report.source());
    }
}
