package io.marketlake.options;

import io.marketlake.databento.Statistic;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.LongPredicate;

/**
 * Settlement and open interest of each defined instrument as known at the snapshot. Databento publishes a
 * statistic for a reference date (ts_ref, the trading session it belongs to) and may publish it again
 * (preliminary then final, corrections of an older session, deletes), so a value is kept per (instrument,
 * stat_type, ts_ref), the last received at or before the snapshot winning within one ts_ref, and the chain uses
 * the newest ts_ref that has a value: a correction of Friday's settlement received after Monday's settlement
 * does not replace Monday's. Memory grows with instruments times the sessions in the lookback window.
 */
final class ChainStatistics {

    /** A statistic without a reference date (ts_ref undefined) ranks below every dated one of its type. */
    private static final Comparator<Instant> UNDATED_FIRST = Comparator.nullsFirst(Comparator.naturalOrder());

    /**
     * A statistic as last received for its ts_ref. A delete stays as a tombstone instead of removing the entry,
     * so a record received before the delete but read after it (a repeated line) cannot bring the value back.
     */
    private record Stat(Instant tsRecv, boolean deleted, Double price, Long quantity) {
    }

    private record Key(long instrumentId, int statType) {
    }

    private final Instant snapshot;
    private final LongPredicate defined;
    private final Map<Key, NavigableMap<Instant, Stat>> byReference = new HashMap<>();
    private final Set<Long> undefined = new TreeSet<>();

    /** {@code defined} tells the instruments of the chain; statistics of any other are ignored and noted. */
    ChainStatistics(Instant snapshot, LongPredicate defined) {
        this.snapshot = snapshot;
        this.defined = defined;
    }

    void add(Statistic statistic) {
        int type = statistic.statType();
        if (type != Statistic.SETTLEMENT && type != Statistic.OPEN_INTEREST) {
            return;
        }
        Instant tsRecv = statistic.tsRecv();
        if (!LastReceived.knownAt(tsRecv, snapshot)) {
            return;
        }
        long id = statistic.instrumentId();
        if (!defined.test(id)) {
            // the lookback window reaches back before today's definitions: an option that expired since still
            // has its last open interest there; nothing in today's chain can take it
            undefined.add(id);
            return;
        }
        Instant tsRef = statistic.tsRef();
        Stat stat = statistic.deleted()
                ? new Stat(tsRecv, true, null, null)
                : new Stat(tsRecv, false, statistic.price(), statistic.quantity());
        NavigableMap<Instant, Stat> byRef = byReference.computeIfAbsent(new Key(id, type),
                k -> new TreeMap<>(UNDATED_FIRST));
        LastReceived.keep(byRef, tsRef, stat, Stat::tsRecv);
    }

    Double settlement(long instrumentId) {
        Stat stat = latest(instrumentId, Statistic.SETTLEMENT);
        return stat == null ? null : stat.price();
    }

    Long openInterest(long instrumentId) {
        Stat stat = latest(instrumentId, Statistic.OPEN_INTEREST);
        return stat == null ? null : stat.quantity();
    }

    /** Instruments whose statistics were ignored for want of a definition, in id order. */
    Set<Long> undefinedInstruments() {
        return undefined;
    }

    /** The value of the newest ts_ref not deleted: a delete of the newest falls back to the one before. */
    private Stat latest(long instrumentId, int type) {
        NavigableMap<Instant, Stat> byRef = byReference.get(new Key(instrumentId, type));
        if (byRef == null) {
            return null;
        }
        return byRef.descendingMap().values().stream().filter(stat -> !stat.deleted()).findFirst().orElse(null);
    }
}
