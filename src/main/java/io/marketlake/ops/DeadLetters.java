package io.marketlake.ops;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marketlake.ingest.Batch;
import io.marketlake.ingest.IngestProperties;
import io.marketlake.ingest.LandedFiles;
import io.marketlake.ingest.Rejection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes what could not be ingested into {@code <home>/dead/<source>/<market>/<date>/}: a failed exchange (after
 * its retries) as one JSON document with the reason and the original payload, and the rejected records of a
 * batch as JSON lines, one per record with the rule it broke. The route then writes the body with the file
 * producer (temp name, then rename).
 */
public final class DeadLetters {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetters.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter COMPACT =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'").withZone(ZoneOffset.UTC);

    private final Clock clock;
    private final PipelineStats stats;
    private final Redactor redactor;
    private final Path deadRoot;

    public DeadLetters(Clock clock, PipelineStats stats, Redactor redactor, Path deadRoot) {
        this.clock = clock;
        this.stats = stats;
        this.redactor = redactor;
        this.deadRoot = deadRoot;
    }

    /** The dead letter of an exchange whose error handler gave up; sets the file name header. */
    public String failed(Exchange exchange) throws JsonProcessingException {
        Instant now = clock.instant();
        Exception failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        String reason = redactor.redact(reason(failure));
        ObjectNode letter = context(exchange);
        letter.put("failed_at", now.toString());
        letter.put("route", exchange.getProperty(Exchange.FAILURE_ROUTE_ID, exchange.getFromRouteId(), String.class));
        letter.put("reason", reason);
        letter.put("exception", failure == null ? null : failure.getClass().getName());
        if (failure instanceof HttpOperationFailedException http) {
            letter.put("http_status", http.getStatusCode());
            letter.put("http_response", redactor.redact(http.getResponseBody()));
        }
        String name = COMPACT.format(now) + "-" + suffix(exchange);
        if (exchange.getProperty(IngestProperties.PAYLOAD) instanceof LandedFiles landed && !landed.files().isEmpty()) {
            ArrayNode files = letter.putArray("payload_files");
            moveLanded(landed, directory(exchange) + "/" + name + "-payload").forEach(files::add);
        } else {
            letter.put("payload", redactor.redact(payload(exchange)));
        }
        String source = text(exchange, IngestProperties.SOURCE, "unknown");
        String market = text(exchange, IngestProperties.MARKET, "unknown");
        stats.deadLetter(source, market, reason);
        String fileName = directory(exchange) + "/" + name + "-failed.json";
        exchange.getMessage().setHeader(Exchange.FILE_NAME, fileName);
        exchange.setProperty(IngestProperties.DEAD_LETTER, fileName);
        LOG.error("Dead letter {}/{} {}: {} (kept in dead/{})", source, market,
                text(exchange, IngestProperties.DATE, ""), reason, fileName);
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(letter);
    }

    /** Moves landed payload files beside the dead letter (a rename on the same disk); returns their paths under dead/. */
    private List<String> moveLanded(LandedFiles landed, String relativeDirectory) {
        List<String> moved = new ArrayList<>();
        Path directory = deadRoot.resolve(relativeDirectory);
        try {
            Files.createDirectories(directory);
            for (Path file : landed.files()) {
                if (Files.exists(file)) {
                    Files.move(file, directory.resolve(file.getFileName()), StandardCopyOption.ATOMIC_MOVE);
                    moved.add(relativeDirectory + "/" + file.getFileName());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the payload files of a dead letter in " + directory, e);
        }
        return moved;
    }

    /** The rejected records of a batch, one JSON line each; sets the file name header. */
    public String rejected(Batch<?> batch, Exchange exchange) throws JsonProcessingException {
        StringBuilder lines = new StringBuilder();
        for (Rejection rejection : batch.rejections()) {
            ObjectNode line = context(exchange);
            line.put("rule", rejection.rule());
            line.put("detail", redactor.redact(rejection.detail()));
            line.put("record", redactor.redact(rejection.record()));
            lines.append(JSON.writeValueAsString(line)).append('\n');
            LOG.warn("Rejected {}/{}: {} ({})", text(exchange, IngestProperties.SOURCE, ""),
                    text(exchange, IngestProperties.MARKET, ""), rejection.detail(), rejection.rule());
        }
        // Named by what was rejected, so re-reading the same payload does not quarantine the same records twice.
        exchange.getMessage().setHeader(Exchange.FILE_NAME, directory(exchange) + "/" + fingerprint(batch)
                + "-rejected.jsonl");
        return lines.toString();
    }

    private static String fingerprint(Batch<?> batch) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            for (Rejection rejection : batch.rejections()) {
                sha1.update((rejection.rule() + "\n" + rejection.record() + "\n").getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(sha1.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private ObjectNode context(Exchange exchange) {
        ObjectNode node = JSON.createObjectNode();
        node.put("source", text(exchange, IngestProperties.SOURCE, null));
        node.put("market", text(exchange, IngestProperties.MARKET, null));
        node.put("trading_date", text(exchange, IngestProperties.DATE, null));
        String batchId = text(exchange, IngestProperties.BATCH_ID, null);
        if (batchId != null) {
            node.put("batch_id", batchId);
        }
        return node;
    }

    private static String directory(Exchange exchange) {
        return text(exchange, IngestProperties.SOURCE, "unknown") + "/" + text(exchange, IngestProperties.MARKET, "unknown")
                + "/" + text(exchange, IngestProperties.DATE, "undated");
    }

    private static String suffix(Exchange exchange) {
        String id = exchange.getExchangeId();
        return id.substring(Math.max(0, id.length() - 8)).replaceAll("[^A-Za-z0-9]", "");
    }

    public static String reason(Exception exception) {
        if (exception == null) {
            return "unknown failure";
        }
        Throwable failure = cause(exception);
        if (failure instanceof HttpOperationFailedException http) {
            return "HTTP " + http.getStatusCode() + " " + (http.getStatusText() == null ? "" : http.getStatusText())
                    + " from " + http.getUri() + (http.getResponseBody() == null ? "" : ": " + abbreviate(http.getResponseBody()));
        }
        String message = failure.getMessage();
        return failure.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    /** What went wrong under Camel's wrappers ("Multicast processing failed for number 1 ..."). */
    private static Throwable cause(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof org.apache.camel.CamelExchangeException
                || cause instanceof org.apache.camel.RuntimeCamelException
                || cause instanceof java.lang.reflect.InvocationTargetException
                || cause instanceof java.util.concurrent.ExecutionException)
                && cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static String payload(Exchange exchange) {
        String payload = exchange.getProperty(IngestProperties.PAYLOAD, String.class);
        if (payload != null) {
            return payload;
        }
        Object body = exchange.getMessage().getBody();
        if (body instanceof String || body instanceof byte[]) {
            return exchange.getMessage().getBody(String.class);
        }
        return body == null ? null : "(" + body.getClass().getSimpleName() + ", not kept)";
    }

    private static String text(Exchange exchange, String property, String fallback) {
        String value = exchange.getProperty(property, String.class);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static String abbreviate(String text) {
        String oneLine = text.replaceAll("\\s+", " ").trim();
        return oneLine.length() <= 300 ? oneLine : oneLine.substring(0, 300) + "...";
    }
}
