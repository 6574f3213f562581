package io.marketlake.ops;

import java.util.List;
import java.util.function.Consumer;

/** Replays chosen letters one after another, telling each result as it comes, and counts what they came to. */
public final class ReplayBatch {

    /** How many letters were replayed, complete already or failed; whether any replay rejected records. */
    public record Tally(int replayed, int completeAlready, int failed, boolean rejected) {

        /** Every letter went through and no record was rejected. */
        public boolean clean() {
            return failed == 0 && !rejected;
        }
    }

    private ReplayBatch() {
    }

    public static Tally replay(DeadLetterReplay replay, List<DeadLetter> letters,
            Consumer<DeadLetterReplay.Result> each) {
        int replayed = 0;
        int complete = 0;
        int failed = 0;
        boolean rejected = false;
        for (DeadLetter letter : letters) {
            DeadLetterReplay.Result result = replay.replay(letter);
            each.accept(result);
            switch (result.status()) {
                case REPLAYED -> replayed++;
                case COMPLETE_ALREADY -> complete++;
                case FAILED -> failed++;
            }
            rejected |= result.outcome() != null && result.outcome().report() != null
                    && result.outcome().report().rowsRejected() > 0;
        }
        return new Tally(replayed, complete, failed, rejected);
    }
}
