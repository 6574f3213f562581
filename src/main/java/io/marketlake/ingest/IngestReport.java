package io.marketlake.ingest;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What one ingest did, shared by the branches of its fan-out (they run on copies of the exchange, but hold
 * this same object) and read by the command line for its summary and exit code.
 */
public final class IngestReport {

    private final String source;
    private final String market;
    private final String date;
    private final String batchId;
    private final long rowsRejected;
    private final long defects;
    private final AtomicLong rowsWritten = new AtomicLong();
    private final AtomicLong filesWritten = new AtomicLong();
    private final AtomicLong featuresWritten = new AtomicLong();

    public IngestReport(String source, String market, String date, String batchId, long rowsRejected, long defects) {
        this.source = source;
        this.market = market;
        this.date = date;
        this.batchId = batchId;
        this.rowsRejected = rowsRejected;
        this.defects = defects;
    }

    /** Rejections that say the response itself was broken (BatchLedger.RESPONSE_DEFECTS). */
    public long defects() {
        return defects;
    }

    public void lakeFiles(long files, long rows) {
        filesWritten.addAndGet(files);
        rowsWritten.addAndGet(rows);
    }

    public void features(long written) {
        featuresWritten.addAndGet(written);
    }

    public String source() {
        return source;
    }

    public String market() {
        return market;
    }

    public String date() {
        return date;
    }

    public String batchId() {
        return batchId;
    }

    public long rowsRejected() {
        return rowsRejected;
    }

    public long rowsWritten() {
        return rowsWritten.get();
    }

    public long filesWritten() {
        return filesWritten.get();
    }

    public long featuresWritten() {
        return featuresWritten.get();
    }

    @Override
    public String toString() {
        return source + " " + market + " " + date + ": " + rowsWritten() + " rows in " + filesWritten()
                + " lake files, " + rowsRejected + " rejected, " + featuresWritten() + " new feature rows";
    }
}
