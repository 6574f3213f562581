package io.marketlake.ingest;

import io.marketlake.lake.LakeFile;
import io.marketlake.lake.LakeWriter;
import io.marketlake.ops.PipelineStats;
import java.util.List;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Opens the report of an ingest once its batch is validated, fills it from the stores, closes it. */
public final class IngestReports {

    public static final String PROPERTY = "marketlakeReport";
    private static final Logger LOG = LoggerFactory.getLogger(IngestReports.class);

    private final LakeWriter lakeWriter;
    private final PipelineStats stats;

    public IngestReports(LakeWriter lakeWriter, PipelineStats stats) {
        this.lakeWriter = lakeWriter;
        this.stats = stats;
    }

    /** Gives the validated batch its id and report; the body stays the batch. */
    public Batch<?> open(Batch<?> batch, Exchange exchange) {
        String batchId = lakeWriter.newBatchId();
        exchange.setProperty(IngestProperties.BATCH_ID, batchId);
        exchange.setProperty(PROPERTY, new IngestReport(
                exchange.getProperty(IngestProperties.SOURCE, String.class),
                exchange.getProperty(IngestProperties.MARKET, String.class),
                exchange.getProperty(IngestProperties.DATE, String.class),
                batchId, batch.rejections().size(),
                batch.rejections().stream().filter(r -> BatchLedger.RESPONSE_DEFECTS.contains(r.rule())).count()));
        return batch;
    }

    public void lakeWritten(List<LakeFile> files, Exchange exchange) {
        report(exchange).lakeFiles(files.size(), files.stream().mapToLong(f -> f.records().size()).sum());
    }

    public void close(Exchange exchange) {
        IngestReport report = report(exchange);
        stats.success(report.source(), report.market(), report.rowsWritten(), report.rowsRejected());
        LOG.info("Ingested {}", report);
    }

    public static IngestReport report(Exchange exchange) {
        IngestReport report = exchange.getProperty(PROPERTY, IngestReport.class);
        if (report == null) {
            throw new IllegalStateException("no ingest report on the exchange: IngestReports.open was not called");
        }
        return report;
    }
}
