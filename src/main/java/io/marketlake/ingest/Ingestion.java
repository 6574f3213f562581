package io.marketlake.ingest;

import io.marketlake.ops.DeadLetters;
import io.marketlake.ops.Redactor;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;

/**
 * Sends one ingest through a pipeline's route, as the command line, the backfill and the dead-letter replay do,
 * and says what happened: the report of a finished ingest, or the reason it was dead-lettered.
 */
public final class Ingestion {

    private final CamelContext context;
    private volatile ProducerTemplate template;

    public Ingestion(CamelContext context) {
        this.context = context;
    }

    /** The result of one ingest: a report when it finished, a failure reason when it was dead-lettered. */
    public record Outcome(String market, String date, IngestReport report, String failure, String deadLetter) {

        public boolean clean() {
            return failure == null && report != null && report.rowsRejected() == 0;
        }
    }

    public Outcome ingest(String endpoint, String market, String date, Object body, Map<String, Object> properties) {
        Exchange exchange = template().send(endpoint, e -> {
            e.setProperty(IngestProperties.MARKET, market);
            e.setProperty(IngestProperties.DATE, date);
            properties.forEach(e::setProperty);
            e.getMessage().setBody(body);
        });
        // EXCEPTION_CAUGHT stays set after a retry that succeeded: only the dead-letter channel's reason (set even
        // when the letter itself could not be written) or an exception that escaped it means this ingest failed.
        String deadLetter = exchange.getProperty(IngestProperties.DEAD_LETTER, String.class);
        String failure = exchange.getProperty(IngestProperties.FAILURE_REASON, String.class);
        if (failure == null && exchange.getException() != null) {
            failure = Redactor.global().redact(DeadLetters.reason(exchange.getException()));
        }
        if (failure != null && deadLetter == null) {
            failure += " (no dead letter holds it: see the log)";
        }
        IngestReport report = exchange.getProperty(IngestReports.PROPERTY, IngestReport.class);
        return new Outcome(market, date, failure == null ? report : null, failure, deadLetter);
    }

    private ProducerTemplate template() {
        if (template == null) {
            synchronized (this) {
                if (template == null) {
                    template = context.createProducerTemplate();
                }
            }
        }
        return template;
    }
}
