package io.marketlake.cot;

import io.marketlake.ingest.Batch;
import io.marketlake.ingest.Rejection;

/**
 * Rules for COT rows: no negative position or open interest, and on each side reportable plus non-reportable
 * positions equal open interest (the CFTC's own identity). An ingest that asked for one report week and found
 * none fails as a whole: the report is not (yet) in the file.
 */
public final class CotValidator {

    private static final String[] FIGURE_NAMES = {
        "Open_Interest_All", "Prod_Merc_Positions_Long_All", "Prod_Merc_Positions_Short_All",
        "Swap_Positions_Long_All", "Swap__Positions_Short_All", "Swap__Positions_Spread_All",
        "M_Money_Positions_Long_All", "M_Money_Positions_Short_All", "M_Money_Positions_Spread_All",
        "Other_Rept_Positions_Long_All", "Other_Rept_Positions_Short_All", "Other_Rept_Positions_Spread_All",
        "Tot_Rept_Positions_Long_All", "Tot_Rept_Positions_Short_All",
        "NonRept_Positions_Long_All", "NonRept_Positions_Short_All"};

    public Batch<CotReport> validate(Batch<CotReport> batch, CotSelection selection, String cftcCode) {
        if (batch.records().isEmpty() && batch.rejections().isEmpty() && selection.kind() == CotSelection.Kind.WEEK) {
            throw new CotMissingReportException("no COT report for CFTC code " + cftcCode + " in " + selection
                    + " in the downloaded files");
        }
        return batch.validate(CotValidator::check);
    }

    static Rejection check(CotReport report) {
        long[] figures = CotLakeTable.figures(report);
        for (int i = 0; i < figures.length; i++) {
            if (figures[i] < 0) {
                return new Rejection(report.raw(), "negative_position",
                        report.describe() + ": " + FIGURE_NAMES[i] + " = " + figures[i] + " < 0");
            }
        }
        if (report.reportableLong() + report.nonReportableLong() != report.openInterest()) {
            return new Rejection(report.raw(), "long_total_mismatch", report.describe()
                    + ": reportable long " + report.reportableLong() + " + non-reportable long "
                    + report.nonReportableLong() + " = " + (report.reportableLong() + report.nonReportableLong())
                    + ", open interest " + report.openInterest());
        }
        if (report.reportableShort() + report.nonReportableShort() != report.openInterest()) {
            return new Rejection(report.raw(), "short_total_mismatch", report.describe()
                    + ": reportable short " + report.reportableShort() + " + non-reportable short "
                    + report.nonReportableShort() + " = " + (report.reportableShort() + report.nonReportableShort())
                    + ", open interest " + report.openInterest());
        }
        return null;
    }
}
