package io.marketlake.ingest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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

    /**
     * One record per key, as a response must hold: a record repeated exactly is kept once (the repeats rejected as
     * {@code duplicate_record}); records that share a key but differ are all rejected as {@code conflicting_records},
     * since which one is right cannot be told.
     *
     * @param key      what identifies a record (instrument and bar time, say)
     * @param content  what must be equal for two records to be the same
     * @param raw      the record as received
     * @param describe how a message names the record
     */
    public Batch<T> distinct(Function<T, ?> key, Function<T, ?> content, Function<T, String> raw,
            Function<T, String> describe) {
        Map<Object, List<T>> byKey = new LinkedHashMap<>();
        for (T record : records) {
            byKey.computeIfAbsent(key.apply(record), k -> new ArrayList<>(1)).add(record);
        }
        if (byKey.size() == records.size()) {
            return this;
        }
        List<T> kept = new ArrayList<>(byKey.size());
        List<Rejection> rejected = new ArrayList<>(rejections);
        for (List<T> same : byKey.values()) {
            T first = same.get(0);
            Object expected = content.apply(first);
            if (same.stream().allMatch(r -> Objects.equals(content.apply(r), expected))) {
                kept.add(first);
                same.subList(1, same.size()).forEach(r -> rejected.add(new Rejection(raw.apply(r), "duplicate_record",
                        describe.apply(r) + ": the same record appears " + same.size() + " times in the response;"
                                + " kept once")));
            } else {
                same.forEach(r -> rejected.add(new Rejection(raw.apply(r), "conflicting_records",
                        describe.apply(r) + ": " + same.size() + " records with different values in the response;"
                                + " none kept")));
            }
        }
        return new Batch<>(kept, rejected);
    }

    public boolean hasRejections() {
        return !rejections.isEmpty();
    }
}
