package io.marketlake.ops;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marketlake.cot.CotSelection;
import io.marketlake.ingest.Batch;
import io.marketlake.ingest.IngestProperties;
import io.marketlake.ingest.Rejection;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import org.apache.camel.Exchange;
import org.apache.camel.http.base.HttpOperationFailedException;

/**
 * The text of what goes under {@code dead/<source>/<market>/<date>/}, and its name there: the JSON letter of a
 * failed exchange (the reason, the vendor's reply, the payload, what a replay needs; see {@link DeadLetter}) and
 * the JSON lines of a batch's rejected records, each with the rule it broke; everything redacted.
 */
final class LetterBuilder {

    /** A failed exchange's letter: where it goes under dead/, its redacted reason and its JSON. */
    record Failure(String fileName, String reason, String json) {
    }

    /** A batch's rejected records: where they go under dead/ and their JSON lines. */
    record Quarantine(String fileName, String lines) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Clock clock;
    private final Redactor redactor;
    private final LetterPayload payload;

    LetterBuilder(Clock clock, Redactor redactor, LetterPayload payload) {
        this.clock = clock;
        this.redactor = redactor;
        this.payload = payload;
    }

    /** The letter of an exchange whose error handler gave up; its payload files are kept beside it already. */
    Failure failed(Exchange exchange) throws JsonProcessingException {
        Instant now = clock.instant();
        Exception failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        String reason = redactor.redact(FailureReason.of(failure));
        ObjectNode letter = context(exchange);
        letter.put(DeadLetter.FAILED_AT, now.toString());
        letter.put("route", exchange.getProperty(Exchange.FAILURE_ROUTE_ID, exchange.getFromRouteId(), String.class));
        letter.put(DeadLetter.REASON, reason);
        // what went wrong, not Camel's wrapper around it: a replay reads it to tell a bad payload from a bad moment
        letter.put(DeadLetter.EXCEPTION, failure == null ? null : FailureReason.cause(failure).getClass().getName());
        if (failure instanceof HttpOperationFailedException http) {
            letter.put("http_status", http.getStatusCode());
            letter.put("http_response", redactor.redact(http.getResponseBody()));
        }
        String consumed = exchange.getMessage().getHeader(Exchange.FILE_NAME_CONSUMED, String.class);
        if (consumed != null) {
            letter.put("inbox_file", redactor.redact(consumed));
        }
        String id = DeadLetter.newId(now);
        payload.keep(exchange, letter, directory(exchange) + "/" + DeadLetter.payloadDirectoryName(id));
        if (exchange.getProperty(IngestProperties.COT_SELECTION) instanceof CotSelection selection) {
            DeadLetter.selection(letter.putObject(DeadLetter.COT_SELECTION), selection);
        }
        String replayOf = exchange.getProperty(DeadLetters.REPLAY_OF, String.class);
        if (replayOf != null) {
            letter.put(DeadLetter.REPLAY_OF, replayOf);
        }
        return new Failure(directory(exchange) + "/" + DeadLetter.fileName(id), reason,
                JSON.writerWithDefaultPrettyPrinter().writeValueAsString(letter));
    }

    /** The rejected records of a batch, one JSON line each. */
    Quarantine rejected(Batch<?> batch, Exchange exchange) throws JsonProcessingException {
        StringBuilder lines = new StringBuilder();
        for (Rejection rejection : batch.rejections()) {
            ObjectNode line = context(exchange);
            line.put("rule", rejection.rule());
            line.put("detail", redactor.redact(rejection.detail()));
            line.put("record", redactor.redact(rejection.record()));
            lines.append(JSON.writeValueAsString(line)).append('\n');
        }
        // Named by what was rejected, so re-reading the same payload does not quarantine the same records twice.
        return new Quarantine(directory(exchange) + "/" + fingerprint(batch) + "-rejected.jsonl", lines.toString());
    }

    /** An exchange property as text, {@code fallback} when it is missing or blank. */
    static String property(Exchange exchange, String name, String fallback) {
        String value = exchange.getProperty(name, String.class);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static String fingerprint(Batch<?> batch) {
        MessageDigest sha1;
        try {
            sha1 = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        for (Rejection rejection : batch.rejections()) {
            sha1.update((rejection.rule() + "\n" + rejection.record() + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(sha1.digest()).substring(0, 16);
    }

    private static ObjectNode context(Exchange exchange) {
        ObjectNode node = JSON.createObjectNode();
        node.put(DeadLetter.SOURCE, property(exchange, IngestProperties.SOURCE, null));
        node.put(DeadLetter.MARKET, property(exchange, IngestProperties.MARKET, null));
        node.put(DeadLetter.TRADING_DATE, property(exchange, IngestProperties.DATE, null));
        String batchId = property(exchange, IngestProperties.BATCH_ID, null);
        if (batchId != null) {
            node.put("batch_id", batchId);
        }
        return node;
    }

    private static String directory(Exchange exchange) {
        return property(exchange, IngestProperties.SOURCE, "unknown") + "/"
                + property(exchange, IngestProperties.MARKET, "unknown") + "/"
                + property(exchange, IngestProperties.DATE, "undated");
    }
}
