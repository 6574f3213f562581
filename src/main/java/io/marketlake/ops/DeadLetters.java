package io.marketlake.ops;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marketlake.cot.CotFile;
import io.marketlake.cot.CotSelection;
import io.marketlake.ingest.Batch;
import io.marketlake.ingest.IngestProperties;
import io.marketlake.ingest.LandedFiles;
import io.marketlake.ingest.Rejection;
import io.marketlake.ops.DeadLetter.PayloadKind;
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
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.apache.camel.Exchange;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes what could not be ingested into {@code <home>/dead/<source>/<market>/<date>/}: a failed exchange (after
 * its retries) as one JSON document with the reason, the original payload and what a replay needs (see
 * {@link DeadLetter}), and the rejected records of a batch as JSON lines, one per record with the rule it broke.
 * The route then writes the body with the file producer (temp name, then rename).
 */
public final class DeadLetters {

    /** Exchange property of a replay: the id of the letter it re-drives, recorded in the letter it fails into. */
    public static final String REPLAY_OF = "marketlakeReplayOf";

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetters.class);
    private static final String PENDING_LETTER = "marketlakePendingDeadLetter";
    // the file consumer's header (camel-file FileConstants), the path the trading inbox passes as its payload
    private static final String FILE_ABSOLUTE_PATH = "CamelFileAbsolutePath";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter COMPACT =
            io.marketlake.Timestamps.COMPACT;

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
        letter.put(DeadLetter.FAILED_AT, now.toString());
        letter.put("route", exchange.getProperty(Exchange.FAILURE_ROUTE_ID, exchange.getFromRouteId(), String.class));
        letter.put(DeadLetter.REASON, reason);
        // what went wrong, not Camel's wrapper around it: a replay reads it to tell a bad payload from a bad moment
        letter.put(DeadLetter.EXCEPTION, failure == null ? null : cause(failure).getClass().getName());
        if (failure instanceof HttpOperationFailedException http) {
            letter.put("http_status", http.getStatusCode());
            letter.put("http_response", redactor.redact(http.getResponseBody()));
        }
        String consumed = exchange.getMessage().getHeader(Exchange.FILE_NAME_CONSUMED, String.class);
        if (consumed != null) {
            letter.put("inbox_file", redactor.redact(consumed));
        }
        String name = COMPACT.format(now) + "-" + uniqueSuffix();
        keepPayload(exchange, letter, directory(exchange) + "/" + name + "-payload");
        if (exchange.getProperty(IngestProperties.COT_SELECTION) instanceof CotSelection selection) {
            DeadLetter.selection(letter.putObject(DeadLetter.COT_SELECTION), selection);
        }
        String replayOf = exchange.getProperty(REPLAY_OF, String.class);
        if (replayOf != null) {
            letter.put(DeadLetter.REPLAY_OF, replayOf);
        }
        String fileName = directory(exchange) + "/" + name + DeadLetter.SUFFIX;
        exchange.getMessage().setHeader(Exchange.FILE_NAME, fileName);
        // the letter counts (JMX, the ERROR line, the outcome) only once it is on disk: see written()
        exchange.setProperty(IngestProperties.FAILURE_REASON, reason);
        exchange.setProperty(PENDING_LETTER, fileName);
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(letter);
    }

    /**
     * The original payload with its kind: text as received (redacted) stays in the letter; landed downloads move
     * beside it; binary content (a COT zip, a COT file that is not text) is written beside it, never into the JSON.
     * Without a payload, what was sent (the message body) is kept.
     */
    private void keepPayload(Exchange exchange, ObjectNode letter, String payloadDirectory) {
        Object payload = exchange.getProperty(IngestProperties.PAYLOAD);
        if (payload instanceof LandedFiles landed) {
            if (!landed.files().isEmpty()) {
                keptFiles(letter, moveLanded(landed, payloadDirectory));
                return;
            }
            payload = null;
        }
        if (payload instanceof byte[] bytes) {
            keptFiles(letter, List.of(write(payloadDirectory, binaryName(bytes), bytes, null)));
        } else if (payload instanceof Collection<?> files && !files.isEmpty()
                && files.stream().allMatch(CotFile.class::isInstance)) {
            keepCotFiles(letter, files.stream().map(CotFile.class::cast).toList(), payloadDirectory);
        } else if (payload != null) {
            String text = exchange.getProperty(IngestProperties.PAYLOAD, String.class);
            // an inbox file stays where the inbox puts it (.failed/): its path is the payload
            boolean droppedFile = text != null
                    && text.equals(exchange.getMessage().getHeader(FILE_ABSOLUTE_PATH, String.class));
            letter.put(DeadLetter.PAYLOAD_KIND, (droppedFile ? PayloadKind.FILE : PayloadKind.RESPONSE).json());
            letter.put(DeadLetter.PAYLOAD, redactor.redact(text));
        } else {
            Object body = exchange.getMessage().getBody();
            if (body instanceof byte[] bytes) {
                keptFiles(letter, List.of(write(payloadDirectory, binaryName(bytes), bytes, null)));
            } else if (body instanceof String request) {
                letter.put(DeadLetter.PAYLOAD_KIND, PayloadKind.REQUEST.json());
                letter.put(DeadLetter.PAYLOAD, redactor.redact(request));
            } else {
                letter.put(DeadLetter.PAYLOAD_KIND, PayloadKind.NONE.json());
                letter.put(DeadLetter.PAYLOAD, body == null ? null : "(" + body.getClass().getSimpleName() + ", not kept)");
            }
        }
    }

    /** COT files as downloaded: text in the letter, each file beside it when any of them is not text. */
    private void keepCotFiles(ObjectNode letter, List<CotFile> files, String payloadDirectory) {
        ArrayNode sources = letter.putArray(DeadLetter.PAYLOAD_SOURCES);
        files.forEach(file -> sources.add(file.source()));
        if (files.stream().noneMatch(file -> binary(file.text()))) {
            letter.put(DeadLetter.PAYLOAD_KIND, PayloadKind.RESPONSE.json());
            letter.put(DeadLetter.PAYLOAD, redactor.redact(files.stream().map(CotFile::toString)
                    .collect(Collectors.joining("\n"))));
            return;
        }
        List<ObjectNode> kept = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            CotFile file = files.get(i);
            kept.add(write(payloadDirectory, "file-" + (i + 1) + ".txt", file.text().getBytes(StandardCharsets.UTF_8),
                    file.source()));
        }
        keptFiles(letter, kept);
    }

    /** A decoded text holding NUL or replacement characters came from bytes that are not UTF-8 text. */
    private static boolean binary(String text) {
        return text.indexOf('\u0000') >= 0 || text.indexOf('\uFFFD') >= 0;
    }

    private static String binaryName(byte[] bytes) {
        boolean zip = bytes.length >= 4 && bytes[0] == 'P' && bytes[1] == 'K' && bytes[2] == 3 && bytes[3] == 4;
        return zip ? "payload.zip" : "payload.bin";
    }

    private static void keptFiles(ObjectNode letter, List<ObjectNode> kept) {
        letter.put(DeadLetter.PAYLOAD_KIND, (kept.size() == 1 ? PayloadKind.FILE : PayloadKind.FILES).json());
        letter.put(DeadLetter.PAYLOAD, kept.size() + " file(s) beside this letter, see payload_files");
        ArrayNode files = letter.putArray(DeadLetter.PAYLOAD_FILES);
        kept.forEach(entry -> files.add(entry.get("path").asText()));
        letter.putArray(DeadLetter.PAYLOAD_MANIFEST).addAll(kept);
    }

    /** Writes one payload file beside the letter under a temp name, then renames it, so no half file is seen. */
    private ObjectNode write(String relativeDirectory, String fileName, byte[] content, String source) {
        Path directory = deadRoot.resolve(relativeDirectory);
        try {
            Files.createDirectories(directory);
            Path temp = directory.resolve("." + fileName + ".inprogress");
            Files.write(temp, content);
            io.marketlake.lake.DurableFiles.moveIntoPlace(temp, directory.resolve(fileName));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the payload of a dead letter in " + directory, e);
        }
        ObjectNode entry = manifestEntry(relativeDirectory + "/" + fileName, content.length, sha256(content));
        if (source != null) {
            entry.put("source", source);
        }
        return entry;
    }

    /** Moves landed payload files beside the dead letter (a rename on the same disk). */
    private List<ObjectNode> moveLanded(LandedFiles landed, String relativeDirectory) {
        List<ObjectNode> moved = new ArrayList<>();
        Path directory = deadRoot.resolve(relativeDirectory);
        try {
            Files.createDirectories(directory);
            for (Path file : landed.files()) {
                if (Files.exists(file)) {
                    Path target = directory.resolve(file.getFileName());
                    keepMasked(file, target);
                    moved.add(manifestEntry(relativeDirectory + "/" + file.getFileName(), Files.size(target),
                            sha256(target)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the payload files of a dead letter in " + directory, e);
        }
        return moved;
    }

    /**
     * Moves a downloaded response beside its letter, as it was received unless a line of it echoes a secret:
     * then the copy kept has those lines masked (the key never lands under dead/), and the download is removed.
     */
    private void keepMasked(Path file, Path target) throws IOException {
        Path masked = target.resolveSibling("." + target.getFileName() + "." + uniqueSuffix() + ".inprogress");
        boolean changed = false;
        try (java.io.BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                java.io.BufferedWriter out = Files.newBufferedWriter(masked, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                String kept = redactor.redact(line);
                changed |= !kept.equals(line);
                out.write(kept);
                out.write('\n');
            }
        } catch (java.nio.charset.MalformedInputException binary) {
            changed = false;
        }
        if (changed) {
            io.marketlake.lake.DurableFiles.moveIntoPlace(masked, target);
            Files.delete(file);
        } else {
            Files.deleteIfExists(masked);
            Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
        }
    }

    private static ObjectNode manifestEntry(String path, long size, String sha256) {
        ObjectNode entry = JSON.createObjectNode();
        entry.put("path", path);
        entry.put("size", size);
        entry.put("sha256", sha256);
        return entry;
    }

    static String sha256(byte[] content) {
        return io.marketlake.Sha256.of(content);
    }

    private static String sha256(Path file) {
        return io.marketlake.Sha256.of(file);
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Once the file producer has renamed the letter into place: forces it and its directory to disk (the producer
     * does not sync, and a letter lost to a power cut would be a failure nobody hears of), then counts it, logs it
     * at ERROR and tells the caller where it is.
     */
    public void written(Exchange exchange) {
        synced(exchange.getMessage().getHeader(Exchange.FILE_NAME_PRODUCED, String.class));
        String fileName = exchange.getProperty(PENDING_LETTER, String.class);
        String reason = exchange.getProperty(IngestProperties.FAILURE_REASON, String.class);
        String source = text(exchange, IngestProperties.SOURCE, "unknown");
        String market = text(exchange, IngestProperties.MARKET, "unknown");
        stats.deadLetter(source, market, reason);
        exchange.setProperty(IngestProperties.DEAD_LETTER, fileName);
        LOG.error("Dead letter {}/{} {}: {} (kept in dead/{})", source, market,
                text(exchange, IngestProperties.DATE, ""), reason, fileName);
    }

    /** Forces a file the producer has just renamed into place under dead/, and its directory, to disk. */
    public void synced(@org.apache.camel.Header(Exchange.FILE_NAME_PRODUCED) String produced) {
        if (produced == null) {
            return;
        }
        Path file = Path.of(produced);
        try {
            io.marketlake.lake.DurableFiles.force(file);
            io.marketlake.lake.DurableFiles.forceDirectory(file.toAbsolutePath().getParent());
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
        String source = text(exchange, IngestProperties.SOURCE, "unknown");
        String market = text(exchange, IngestProperties.MARKET, "unknown");
        if (reason == null) {
            reason = "unknown failure";
            exchange.setProperty(IngestProperties.FAILURE_REASON, reason);
        }
        stats.deadLetter(source, market, reason);
        LOG.error("Failed {}/{} {}: {}, and its dead letter could not be written: {}", source, market,
                text(exchange, IngestProperties.DATE, ""), reason, redactor.redact(reason(cause)));
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
        MessageDigest sha1 = digest("SHA-1");
        for (Rejection rejection : batch.rejections()) {
            sha1.update((rejection.rule() + "\n" + rejection.record() + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(sha1.digest()).substring(0, 16);
    }

    private ObjectNode context(Exchange exchange) {
        ObjectNode node = JSON.createObjectNode();
        node.put(DeadLetter.SOURCE, text(exchange, IngestProperties.SOURCE, null));
        node.put(DeadLetter.MARKET, text(exchange, IngestProperties.MARKET, null));
        node.put(DeadLetter.TRADING_DATE, text(exchange, IngestProperties.DATE, null));
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

    /** Random, not the exchange's counter: two processes failing in the same millisecond must not share an id. */
    private static String uniqueSuffix() {
        return HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
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

    private static String text(Exchange exchange, String property, String fallback) {
        String value = exchange.getProperty(property, String.class);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static String abbreviate(String text) {
        return Redactor.shortened(text.replaceAll("\\s+", " ").trim(), 300, "...");
    }
}
