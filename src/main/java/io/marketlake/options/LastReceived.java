package io.marketlake.options;

import java.time.Instant;
import java.util.Map;
import java.util.function.Function;

/**
 * The rule every response of a chain is reduced by, so definitions, statistics and quotes agree on what "as
 * known at the snapshot" means: a record counts only if it was received at or before the snapshot (a later one
 * would look ahead), and of the records for one key the last received wins. On equal ts_recv the one read later
 * wins, because Databento writes the records of one packet in the order they happened; so reading the same
 * record twice leaves the result as it was.
 */
final class LastReceived {

    private LastReceived() {
    }

    static boolean knownAt(Instant tsRecv, Instant snapshot) {
        return !tsRecv.isAfter(snapshot);
    }

    static <K, V> void keep(Map<K, V> latest, K key, V candidate, Function<V, Instant> tsRecv) {
        latest.merge(key, candidate,
                (known, later) -> tsRecv.apply(later).isBefore(tsRecv.apply(known)) ? known : later);
    }
}
