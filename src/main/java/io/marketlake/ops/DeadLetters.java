package io.marketlake.ops;

import static io.marketlake.ops.LetterBuilder.property;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.marketlake.ingest.Batch;
import io.marketlake.ingest.IngestProperties;
import io.marketlake.ingest.Rejection;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dead-letter steps of routes/errors.yaml: what could not be ingested goes into
 * {@code <home>/dead/<source>/<market>/<date>/}, a failed exchange (after its retries) as one JSON letter
 * ({@link LetterBuilder}, payload files beside it by {@link DeadFiles}) and the rejected records of a batch as JSON
 * lines. The route writes the body with the file producer (temp name, then rename); this then syncs it, and counts
 * and logs the failure once its letter is on disk, or once it is known that none could be written.
 */
public final class DeadLetters {

    /** Exchange property of a replay: the id of the letter it re-drives, recorded in the letter it fails into. */
    public static final String REPLAY_OF = "marketlakeReplayOf";

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetters.class);
    private static final String PENDING_LETTER = "marketlakePendingDeadLetter";

    private final PipelineStats stats;
    private final Redactor redactor;
    private final LetterBuilder letters;

    public DeadLetters(Clock clock, PipelineStats stats, Redactor redactor, Path deadRoot) {
        this.stats = stats;
        this.redactor = redactor;
        this.letters = new LetterBuilder(clock, redactor, new LetterPayload(redactor, new DeadFiles(deadRoot, redactor)));
    }

    /** The dead letter of an exchange whose error handler gave up; sets the file name header. */
    public String failed(Exchange exchange) throws JsonProcessingException {
        LetterBuilder.Failure letter = letters.failed(exchange);
        exchange.getMessage().setHeader(Exchange.FILE_NAME, letter.fileName());
        // the letter counts (JMX, the ERROR line, the outcome) only once it is on disk: see written()
        exchange.setProperty(IngestProperties.FAILURE_REASON, letter.reason());
        exchange.setProperty(PENDING_LETTER, letter.fileName());
        return letter.json();
    }

    /**
     * Once the file producer has renamed the letter into place: forces it to disk (see {@link #synced}), then
     * counts it, logs it at ERROR and tells the caller where it is.
     */
    public void written(Exchange exchange) {
        synced(exchange.getMessage().getHeader(Exchange.FILE_NAME_PRODUCED, String.class));
        String fileName = exchange.getProperty(PENDING_LETTER, String.class);
        String reason = exchange.getProperty(IngestProperties.FAILURE_REASON, String.class);
        String source = property(exchange, IngestProperties.SOURCE, "unknown");
        String market = property(exchange, IngestProperties.MARKET, "unknown");
        stats.deadLetter(source, market, reason);
        exchange.setProperty(IngestProperties.DEAD_LETTER, fileName);
        LOG.error("Dead letter {}/{} {}: {} (kept in dead/{})", source, market,
                property(exchange, IngestProperties.DATE, ""), reason, fileName);
    }

    /** Forces a file the producer has just renamed into place under dead/, and its directory, to disk. */
    public void synced(@Header(Exchange.FILE_NAME_PRODUCED) String produced) {
        if (produced == null) {
            return;
        }
        Path file = Path.of(produced);
        try {
            DeadFiles.sync(file);
        } catch (IOException e) {
            LOG.warn("Cannot sync {} to disk: {}", file, e.getMessage());
        }
    }

    /**
     * The letter itself could not be written (dead/ not writable, disk full): the failure is still counted and
     * logged at ERROR with its own reason, and the caller is told no letter holds it.
     */
    public void unwritten(Exchange exchange) {
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        String reason = exchange.getProperty(IngestProperties.FAILURE_REASON, String.class);
        String source = property(exchange, IngestProperties.SOURCE, "unknown");
        String market = property(exchange, IngestProperties.MARKET, "unknown");
        if (reason == null) {
            reason = "unknown failure";
            exchange.setProperty(IngestProperties.FAILURE_REASON, reason);
        }
        stats.deadLetter(source, market, reason);
        LOG.error("Failed {}/{} {}: {}, and its dead letter could not be written: {}", source, market,
                property(exchange, IngestProperties.DATE, ""), reason, redactor.redact(FailureReason.of(cause)));
    }

    /** The rejected records of a batch, one JSON line each; sets the file name header. */
    public String rejected(Batch<?> batch, Exchange exchange) throws JsonProcessingException {
        LetterBuilder.Quarantine quarantine = letters.rejected(batch, exchange);
        for (Rejection rejection : batch.rejections()) {
            LOG.warn("Rejected {}/{}: {} ({})", property(exchange, IngestProperties.SOURCE, ""),
                    property(exchange, IngestProperties.MARKET, ""), rejection.detail(), rejection.rule());
        }
        exchange.getMessage().setHeader(Exchange.FILE_NAME, quarantine.fileName());
        return quarantine.lines();
    }

    /** A failure in one line, named by what went wrong under Camel's wrappers. */
    public static String reason(Exception exception) {
        return FailureReason.of(exception);
    }
}
