package io.marketlake.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.marketlake.ConfigurationException;
import io.marketlake.lake.DurableFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The failed-exchange letters of {@code <home>/dead/}, read from the files alone (no Camel needed). A letter is
 * waiting until it is replayed: then it moves, with its payload directory, to {@code dead/.replayed/} under the same
 * relative path, with a record of the replay added. A letter whose replay failed into a new letter stays in place,
 * marked superseded by the new one, and is no longer waiting: the new letter stands for the failure, and when it is
 * replayed the letters it superseded move with it. Quarantined records ({@code -rejected.jsonl}) are bad data and
 * never listed here.
 */
public final class DeadLetterArchive {

    public static final String REPLAYED = ".replayed";

    private static final ObjectMapper JSON = new ObjectMapper();
    // the bulky parts of a letter, read again from its file when a replay needs them
    private static final List<String> BULK = List.of(DeadLetter.PAYLOAD, "http_response");

    private final Path root;
    private final Clock clock;

    public DeadLetterArchive(Path deadRoot, Clock clock) {
        this.root = deadRoot;
        this.clock = clock;
    }

    /** What an id names. */
    public sealed interface Lookup {
    }

    public record Waiting(DeadLetter letter) implements Lookup {
    }

    /** Replayed already: its place under dead/.replayed/. */
    public record Replayed(String relativePath) implements Lookup {
    }

    public record Superseded(DeadLetter letter, String by) implements Lookup {
    }

    public record Missing() implements Lookup {
    }

    /** The letters waiting for a replay, oldest first. */
    public List<DeadLetter> waiting() {
        return outside().stream().filter(l -> l.supersededBy().isEmpty() && !replayedCopyExists(l)).toList();
    }

    /** The letter an id names; an id that could name anything but a letter is refused before any file is read. */
    public Lookup find(String id) {
        if (!DeadLetter.isId(id)) {
            throw new ConfigurationException("not a dead-letter id: '" + printable(id)
                    + "' (ids look like 20260217T183000123Z-1a2b3c4d; see marketlake dlq list)");
        }
        for (DeadLetter letter : outside()) {
            if (letter.id().equals(id)) {
                if (replayedCopyExists(letter)) {
                    return new Replayed(REPLAYED + "/" + letter.relativePath());
                }
                Optional<String> by = letter.supersededBy();
                return by.isPresent() ? new Superseded(letter, by.get()) : new Waiting(letter);
            }
        }
        return letters(root.resolve(REPLAYED), REPLAYED + "/").stream().filter(l -> l.id().equals(id)).findFirst()
                .<Lookup>map(l -> new Replayed(l.relativePath())).orElse(new Missing());
    }

    /** The letter's file as written, payload included. */
    public ObjectNode full(DeadLetter letter) {
        return readTree(root.resolve(letter.relativePath()));
    }

    public Path resolve(String relativePath) {
        return root.resolve(relativePath);
    }

    /**
     * Moves a letter and its payload to dead/.replayed/ with {@code replay} recorded in it, then the letters it
     * superseded. The copy is written before the original is removed, so an interrupted move leaves a letter that
     * is already counted as replayed and is finished by {@link #finishInterruptedMoves()}.
     */
    public void replayed(DeadLetter letter, ObjectNode replay) {
        ObjectNode full = full(letter);
        replay.put("at", clock.instant().toString());
        full.set(DeadLetter.REPLAY, replay);
        rebase(full.path(DeadLetter.PAYLOAD_FILES));
        full.path(DeadLetter.PAYLOAD_MANIFEST).forEach(entry ->
                ((ObjectNode) entry).put("path", REPLAYED + "/" + entry.path("path").asText()));
        writeAtomically(root.resolve(REPLAYED).resolve(letter.relativePath()), full);
        finishMove(letter);
        for (DeadLetter older : outside()) {
            if (older.supersededBy().filter(letter.id()::equals).isPresent()) {
                ObjectNode superseded = JSON.createObjectNode();
                superseded.put("result", "superseded");
                superseded.put("by", letter.id());
                replayed(older, superseded);
            }
        }
    }

    /** Marks a letter whose replay failed into {@code newId}: it stays in place, no longer waiting. */
    public void superseded(DeadLetter letter, String newId) {
        ObjectNode full = full(letter);
        full.put(DeadLetter.SUPERSEDED_BY, newId);
        full.put(DeadLetter.SUPERSEDED_AT, clock.instant().toString());
        writeAtomically(root.resolve(letter.relativePath()), full);
    }

    /** Completes moves a crash interrupted: letters whose replayed copy exists leave the waiting area. */
    public void finishInterruptedMoves() {
        outside().stream().filter(this::replayedCopyExists).forEach(this::finishMove);
    }

    private void finishMove(DeadLetter letter) {
        Path payload = root.resolve(letter.payloadDirectory());
        Path target = root.resolve(REPLAYED).resolve(letter.payloadDirectory());
        try {
            if (Files.isDirectory(payload)) {
                Files.createDirectories(target);
                try (Stream<Path> files = Files.list(payload)) {
                    for (Path file : files.toList()) {
                        Files.move(file, target.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING,
                                StandardCopyOption.ATOMIC_MOVE);
                    }
                }
                Files.delete(payload);
            }
            Files.deleteIfExists(root.resolve(letter.relativePath()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move dead letter " + letter.id() + " to " + REPLAYED, e);
        }
    }

    private boolean replayedCopyExists(DeadLetter letter) {
        return Files.exists(root.resolve(REPLAYED).resolve(letter.relativePath()));
    }

    /** Every letter outside dead/.replayed/. */
    private List<DeadLetter> outside() {
        return letters(root, "");
    }

    private List<DeadLetter> letters(Path directory, String prefix) {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        List<Path> files = new ArrayList<>();
        try {
            Files.walkFileTree(directory, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                    // dead/.replayed/ is not waiting; a payload directory holds no letters
                    boolean skip = !dir.equals(directory) && (dir.getFileName().toString().startsWith(".")
                            || DeadLetter.isPayloadDirectory(dir.getFileName().toString()));
                    return skip ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    if (attributes.isRegularFile() && DeadLetter.idOf(file.getFileName().toString()).isPresent()) {
                        files.add(file);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the dead letters in " + directory, e);
        }
        return files.stream().map(file -> summary(directory, prefix, file))
                .sorted(Comparator.comparing(DeadLetterArchive::failedAt).thenComparing(DeadLetter::id)).toList();
    }

    private static DeadLetter summary(Path directory, String prefix, Path file) {
        String id = DeadLetter.idOf(file.getFileName().toString()).orElseThrow();
        String relative = prefix + directory.relativize(file).toString().replace('\\', '/');
        ObjectNode fields;
        try {
            fields = readTree(file);
            BULK.forEach(fields::remove);
        } catch (RuntimeException unreadable) {
            // listed, so an operator sees it, and not replayable
            fields = JSON.createObjectNode();
            fields.put(DeadLetter.REASON, "unreadable dead letter: " + unreadable.getMessage());
            fields.put(DeadLetter.PAYLOAD_KIND, DeadLetter.PayloadKind.NONE.json());
        }
        return new DeadLetter(id, relative, fields);
    }

    /** As an instant: Instant.toString drops trailing zeros of the fraction, so the text does not sort. */
    private static Instant failedAt(DeadLetter letter) {
        try {
            return Instant.parse(letter.failedAt());
        } catch (RuntimeException notAnInstant) {
            return Instant.MIN;
        }
    }

    private static ObjectNode readTree(Path file) {
        try {
            JsonNode node = JSON.readTree(file.toFile());
            if (!(node instanceof ObjectNode object)) {
                throw new IllegalStateException(file.getFileName() + " is not a JSON object");
            }
            return object;
        } catch (IOException e) {
            throw new UncheckedIOException(file.getFileName() + ": " + e.getMessage(), e);
        }
    }

    private static void rebase(JsonNode paths) {
        if (paths instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, TextNode.valueOf(REPLAYED + "/" + array.get(i).asText()));
            }
        }
    }

    private static void writeAtomically(Path file, ObjectNode letter) {
        try {
            DurableFiles.writeAtomically(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(letter));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write dead letter " + file, e);
        }
    }

    /** A refused id as it can be shown on one line of a terminal. */
    private static String printable(String text) {
        return text == null ? "" : text.codePoints().limit(120)
                .map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    }
}
