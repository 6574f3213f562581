package io.marketlake.ops;

import io.marketlake.ConfigurationException;
import java.util.List;

/**
 * The waiting letters a user names for a replay or a listing: every one of a source, or the one an id names.
 * A choice for a replay settles the archive first, finishing the moves to dead/.replayed/ a crash interrupted.
 */
public final class ReplayChoice {

    /** The letters to replay; or, when the id named a letter replayed already, where it went (and no letters). */
    public record Chosen(List<DeadLetter> letters, String replayedAt) {

        /** Whether replaying them asks Databento again, so the API key must be set. */
        public boolean asksDatabento() {
            return letters.stream().anyMatch(DeadLetterReplay::asksDatabento);
        }
    }

    private ReplayChoice() {
    }

    /** The letters of a source, all of them when it is null; a source nothing replays is a usage error. */
    public static List<DeadLetter> ofSource(List<DeadLetter> letters, String source) {
        if (source == null) {
            return letters;
        }
        if (!DeadLetterReplay.SOURCES.contains(source)) {
            throw new ConfigurationException("unknown source '" + source + "': one of " + DeadLetterReplay.SOURCES);
        }
        return letters.stream().filter(l -> l.source().equals(source)).toList();
    }

    /** The letter {@code id} names (every waiting one of {@code source} when id is null), to be replayed. */
    public static Chosen forReplay(DeadLetterArchive archive, String id, String source) {
        List<DeadLetter> letters;
        if (id != null) {
            DeadLetterArchive.Lookup lookup = archive.find(id);
            if (lookup instanceof DeadLetterArchive.Replayed replayed) {
                return new Chosen(List.of(), replayed.relativePath());
            }
            DeadLetter letter = waiting(id, lookup);
            if (source != null && !ofSource(List.of(letter), source).contains(letter)) {
                throw new ConfigurationException("dead letter " + id + " is a " + letter.source()
                        + " letter, not " + source);
            }
            letters = List.of(letter);
        } else {
            letters = ofSource(archive.waiting(), source);
        }
        archive.finishInterruptedMoves();
        return new Chosen(letters, null);
    }

    private static DeadLetter waiting(String id, DeadLetterArchive.Lookup lookup) {
        if (lookup instanceof DeadLetterArchive.Waiting waiting) {
            return waiting.letter();
        }
        if (lookup instanceof DeadLetterArchive.Superseded superseded) {
            throw new ConfigurationException("dead letter " + id + " is superseded by " + superseded.by()
                    + ", the letter its last replay failed into: replay that one");
        }
        throw new ConfigurationException("no dead letter " + id + " (see marketlake dlq list)");
    }
}
