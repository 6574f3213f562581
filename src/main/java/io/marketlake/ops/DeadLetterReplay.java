package io.marketlake.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marketlake.ConfigurationException;
import io.marketlake.Markets;
import io.marketlake.Sha256;
import io.marketlake.cot.CotSelection;
import io.marketlake.databento.MalformedPayloadException;
import io.marketlake.futures.BarSchema;
import io.marketlake.ingest.Backfill;
import io.marketlake.ingest.BatchLedger;
import io.marketlake.ingest.IngestProperties;
import io.marketlake.ingest.Ingestion;
import io.marketlake.ops.DeadLetter.PayloadKind;
import io.marketlake.options.OptionsLakeTable;
import io.marketlake.slices.SliceExporter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Re-drives a waiting dead letter through the routes it failed in, by the {@link Ingestion} bean like any ingest,
 * so it gets the same retries, stores and dead letters. Futures with a stored response (text in the letter, or a DBN
 * response's bytes beside it) load that response again;
 * without one, or when the response itself could not be read, and for options always, the date is asked for again.
 * COT asks again for its stored selection of weeks, or loads the stored file when it had none (the samples). A
 * trading file is imported again from the inbox's .failed/, a slices config exported again. A futures or options
 * date that is complete already (in the lake and the feature store, {@link BatchLedger}) is not asked for again.
 */
public final class DeadLetterReplay {

    /** The sources whose letters can be replayed. */
    public static final List<String> SOURCES = List.of("futures", "futures_1h", "futures_1m", "futures_1s", "options",
            "cot", "trading", "slices");

    public enum Status { REPLAYED, COMPLETE_ALREADY, FAILED }

    /**
     * What the replay of one letter did: the ingest's outcome when it went through an ingest route, a line for the
     * user, and the letter the failure was written to when it failed again into one.
     */
    public record Result(DeadLetter letter, Status status, Ingestion.Outcome outcome, String detail, String newLetter) {
    }

    /** How a letter is re-driven. */
    private sealed interface Plan {
    }

    /** Through an ingest route; a futures or options date ({@code dataType} set) is checked for completion first. */
    private record Ingest(String endpoint, Object body, Map<String, Object> properties, String dataType)
            implements Plan {
    }

    private record Export(String config) implements Plan {
    }

    private record NotReplayable(String why) implements Plan {
    }

    private final DeadLetterArchive archive;
    private final Ingestion ingestion;
    private final BatchLedger ledger;
    private final SliceExporter slices;
    private final Markets markets;
    private final Path home;

    public DeadLetterReplay(DeadLetterArchive archive, Ingestion ingestion, BatchLedger ledger, SliceExporter slices,
            Markets markets, Path home) {
        this.archive = archive;
        this.ingestion = ingestion;
        this.ledger = ledger;
        this.slices = slices;
        this.markets = markets;
        this.home = home;
    }

    /** Whether replaying this letter asks Databento again (and so needs the API key). */
    public static boolean asksDatabento(DeadLetter letter) {
        return letter.source().equals("options")
                || (BarSchema.ofDataType(letter.source()).isPresent() && !readableResponse(letter));
    }

    public Result replay(DeadLetter letter) {
        Plan plan = plan(letter);
        if (plan instanceof NotReplayable not) {
            return new Result(letter, Status.FAILED, null, "not replayable: " + not.why(), null);
        }
        if (plan instanceof Export export) {
            return export(letter, export);
        }
        Ingest ingest = (Ingest) plan;
        if (ingest.dataType() != null) {
            LocalDate date = letter.date().orElseThrow();
            if (ledger.done(letter.source(), ingest.dataType(), letter.market(), List.of(date)).contains(date)) {
                archive.replayed(letter, record("complete already", ingest.endpoint()));
                return new Result(letter, Status.COMPLETE_ALREADY, null, "complete already", null);
            }
        }
        Map<String, Object> properties = new HashMap<>(ingest.properties());
        properties.put(DeadLetters.REPLAY_OF, letter.id());
        Ingestion.Outcome outcome = ingestion.ingest(ingest.endpoint(), letter.market(), letter.tradingDate(),
                ingest.body(), properties);
        if (outcome.failure() != null) {
            String newLetter = outcome.deadLetter() == null ? null : idOf(outcome.deadLetter());
            if (newLetter != null) {
                archive.superseded(letter, newLetter);
            }
            return new Result(letter, Status.FAILED, outcome, outcome.failure(), newLetter);
        }
        ObjectNode replay = record("replayed", ingest.endpoint());
        if (outcome.report() != null) {
            replay.put("batch_id", outcome.report().batchId());
            replay.put("rows_written", outcome.report().rowsWritten());
            replay.put("rows_rejected", outcome.report().rowsRejected());
        }
        archive.replayed(letter, replay);
        return new Result(letter, Status.REPLAYED, outcome, "replayed through " + ingest.endpoint(), null);
    }

    private Plan plan(DeadLetter letter) {
        String source = letter.source();
        if (source.equals("trading")) {
            return trading(letter);
        }
        if (source.equals("slices")) {
            return letter.payloadKind() == PayloadKind.RESPONSE ? new Export(payloadText(letter))
                    : new NotReplayable("the letter holds no slices config");
        }
        if (!SOURCES.contains(source)) {
            return new NotReplayable("no replay for source '" + source + "'");
        }
        if (letter.date().isEmpty()) {
            return new NotReplayable("no trading date in the letter");
        }
        try {
            markets.get(letter.market());
        } catch (ConfigurationException unknown) {
            return new NotReplayable(unknown.getMessage());
        }
        if (BarSchema.ofDataType(source).isPresent()) {
            Backfill.DailySource futures = Backfill.DailySource.of(source);
            if (!storedResponse(letter, futures.dataType())) {
                return new Ingest(futures.endpoint(), null, futures.properties(), futures.dataType());
            }
            Optional<String> binary = letter.storedBinaryResponse();
            if (binary.isEmpty()) {
                return new Ingest("direct:futures-load", payloadText(letter), futures.properties(),
                        futures.dataType());
            }
            // a DBN response is loaded again from the very bytes received
            try {
                return new Ingest("direct:futures-load", storedFile(letter, binary.get()), futures.properties(),
                        futures.dataType());
            } catch (IOException | IllegalStateException e) {
                return new NotReplayable(e.getMessage());
            }
        }
        return switch (source) {
            case "options" -> new Ingest("direct:options-ingest", null, Map.of(), OptionsLakeTable.DATA_TYPE);
            default -> cot(letter);
        };
    }

    /**
     * A response worth loading again: one that was read, and failed later (a store, the disk, a lock), and that
     * no later lake batch of its date has overtaken (loading it then would bring back older data as the newest).
     */
    private boolean storedResponse(DeadLetter letter, String dataType) {
        if (!readableResponse(letter) || letter.date().isEmpty()) {
            return false;
        }
        java.time.LocalDate date = letter.date().get();
        String failedAt = io.marketlake.Timestamps.COMPACT.format(java.time.Instant.parse(letter.failedAt()));
        return ledger.newestLakeBatch(dataType, letter.market(), date)
                .map(batch -> batch.compareTo(failedAt) < 0).orElse(true);
    }

    /** A response kept whole (text in the letter, or a binary one beside it) that was not refused as unreadable. */
    private static boolean readableResponse(DeadLetter letter) {
        return (letter.payloadKind() == PayloadKind.RESPONSE || letter.storedBinaryResponse().isPresent())
                && !letter.exception().equals(MalformedPayloadException.class.getName());
    }

    private Plan cot(DeadLetter letter) {
        Optional<CotSelection> selection = letter.cotSelection();
        if (selection.isPresent()) {
            return new Ingest("direct:cot-ingest", null, Map.of(IngestProperties.COT_SELECTION, selection.get()), null);
        }
        // without a selection the files came from cot-load (the samples): load the same content again
        List<String> files = letter.payloadFiles();
        if (files.size() == 1) {
            try {
                return new Ingest("direct:cot-load", storedFile(letter, files.get(0)), Map.of(), null);
            } catch (IOException | IllegalStateException e) {
                return new NotReplayable(e.getMessage());
            }
        }
        List<String> sources = letter.payloadSources();
        if (letter.payloadKind() == PayloadKind.RESPONSE && sources.size() == 1) {
            String text = payloadText(letter);
            String header = "==> " + sources.get(0) + "\n";
            return new Ingest("direct:cot-load", (text.startsWith(header) ? text.substring(header.length()) : text)
                    .getBytes(StandardCharsets.UTF_8), Map.of(), null);
        }
        return new NotReplayable("no report selection to ask for again and no single stored file to load");
    }

    /** The stored file's bytes, refused when they are not what was stored. */
    private byte[] storedFile(DeadLetter letter, String relativePath) throws IOException {
        byte[] bytes = Files.readAllBytes(archive.resolve(relativePath));
        for (JsonNode entry : archive.full(letter).path(DeadLetter.PAYLOAD_MANIFEST)) {
            if (entry.path("path").asText().equals(relativePath) && !entry.path("sha256").asText().equals(Sha256.of(bytes))) {
                throw new IllegalStateException("the stored payload " + relativePath + " has changed since it was written");
            }
        }
        return bytes;
    }

    /** The dropped file, where the inbox moved it when it failed (.failed/ beside it) or where it was. */
    private Plan trading(DeadLetter letter) {
        String payload = letter.payloadKind() == PayloadKind.FILE ? payloadText(letter) : null;
        if (payload == null || payload.isBlank()) {
            return new NotReplayable("the letter names no dropped file");
        }
        Path dropped = Path.of(payload);
        Path failed = dropped.resolveSibling(".failed").resolve(dropped.getFileName());
        for (Path candidate : List.of(failed, dropped)) {
            if (Files.isRegularFile(candidate)) {
                return new Ingest("direct:trading-import", candidate.toAbsolutePath().toString(), Map.of(), null);
            }
        }
        return new NotReplayable("the dropped file is no longer at " + failed + " nor at " + dropped);
    }

    private Result export(DeadLetter letter, Export export) {
        Path run;
        try {
            // a dropped config names its alerts relative to the inbox, as the inbox route exports it
            run = slices.export(export.config(), home.resolve("inbox").resolve("slices").toAbsolutePath());
        } catch (RuntimeException e) {
            return new Result(letter, Status.FAILED, null, FailureReason.of(e), null);
        }
        ObjectNode replay = record("replayed", "slices export");
        replay.put("run", run.getFileName().toString());
        archive.replayed(letter, replay);
        return new Result(letter, Status.REPLAYED, null, "exported " + run.toAbsolutePath().normalize(), null);
    }

    private String payloadText(DeadLetter letter) {
        JsonNode payload = archive.full(letter).get(DeadLetter.PAYLOAD);
        return payload == null || payload.isNull() ? null : payload.asText();
    }

    private static ObjectNode record(String result, String via) {
        ObjectNode replay = JsonNodeFactory.instance.objectNode();
        replay.put("result", result);
        replay.put("via", via);
        return replay;
    }

    private static String idOf(String letterPath) {
        String name = Path.of(letterPath).getFileName().toString();
        return DeadLetter.idOf(name).orElse(name);
    }
}
