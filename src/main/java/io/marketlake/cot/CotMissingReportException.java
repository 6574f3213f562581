package io.marketlake.cot;

/** The report week asked for is not in the CFTC's files (not published yet, or a wrong date). */
public class CotMissingReportException extends RuntimeException {

    public CotMissingReportException(String message) {
        super(message);
    }
}
