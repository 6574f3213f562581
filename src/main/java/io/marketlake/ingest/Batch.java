package io.marketlake.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Records of one source payload that are still good, with the ones rejected so far. Each step of a pipeline
 * (parse, validate) returns a new batch, so a bad record never stops the good ones of the same payload.
 */
public record Batch<T>(List<T> records, List<Rejection> rejections) {

    public Batch {
        records = List.copyOf(records);
        rejections = List.copyOf(rejections);
    }

    /** Keeps the records for which {@code check} returns no rejection, adding the others to the rejections. */
    public Batch<T> validate(Function<T, Rejection> check) {
        List<T> kept = new ArrayList<>(records.size());
        List<Rejection> rejected = new ArrayList<>(rejections);
        for (T record : records) {
            Rejection rejection = check.apply(record);
            if (rejection == null) {
                kept.add(record);
            } else {
                rejected.add(rejection);
            }
        }
        return new Batch<>(kept, rejected);
    }

    public boolean hasRejections() {
        return !rejections.isEmpty();
    }
}
