package io.marketlake.cot;

import io.marketlake.Markets;
import io.marketlake.ingest.Batch;
import io.marketlake.ingest.IngestProperties;
import io.marketlake.ingest.Rejection;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;

/**
 * Rules for COT rows: no negative position or open interest, and on each side reportable plus non-reportable
 * positions equal open interest (the CFTC's own identity). An ingest that asked for one report week and found
 * none fails as a whole: the report is not (yet) in the file.
 */
public final class CotValidator {

    private final Markets markets;

    public CotValidator(Markets markets) {
        this.markets = markets;
    }

    /** The pipeline's validate step; no selection means every week of the files. */
    public Batch<CotReport> validate(@Body Batch<CotReport> batch,
            @ExchangeProperty(IngestProperties.COT_SELECTION) CotSelection selection,
            @ExchangeProperty(IngestProperties.MARKET) String market) {
        CotSelection wanted = CotSelection.orAll(selection);
        if (batch.records().isEmpty() && batch.rejections().isEmpty() && wanted.kind() == CotSelection.Kind.WEEK) {
            throw new CotMissingReportException("no COT report for CFTC code " + markets.get(market).cftcCode()
                    + " in " + wanted + " in the downloaded files");
        }
        return batch.validate(CotValidator::check);
    }

    static Rejection check(CotReport report) {
        for (CotFigure figure : CotFigure.ALL) {
            long value = figure.of(report);
            if (value < 0) {
                return new Rejection(report.raw(), "negative_position",
                        report.describe() + ": " + figure.cftcColumn() + " = " + value + " < 0");
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
