package io.marketlake.options;

import io.marketlake.databento.DatabentoRow;
import io.marketlake.databento.DatabentoValues;
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

    static final int SETTLEMENT = 3;
    static final int OPEN_INTEREST = 9;
    private static final int UPDATE_DELETE = 2;
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

    void add(DatabentoRow row) {
        int type = DatabentoValues.int32(row.require("stat_type"));
        if (type != SETTLEMENT && type != OPEN_INTEREST) {
            return;
        }
        Instant tsRecv = ChainBuilder.required(DatabentoValues.timestamp(row.require("ts_recv")), "ts_recv");
        if (!LastReceived.knownAt(tsRecv, snapshot)) {
            return;
        }
        long id = DatabentoValues.integer(row.require("instrument_id"));
        if (!defined.test(id)) {
            // the lookback window reaches back before today's definitions: an option that expired since still
            // has its last open interest there; nothing in today's chain can take it
            undefined.add(id);
            return;
        }
        Instant tsRef = DatabentoValues.timestamp(row.require("ts_ref"));
        Stat stat = DatabentoValues.integer(row.require("update_action")) == UPDATE_DELETE
                ? new Stat(tsRecv, true, null, null)
                : new Stat(tsRecv, false, DatabentoValues.price(row.require("price")),
                        quantity(row.require("quantity")));
        NavigableMap<Instant, Stat> byRef = byReference.computeIfAbsent(new Key(id, type),
                k -> new TreeMap<>(UNDATED_FIRST));
        LastReceived.keep(byRef, tsRef, stat, Stat::tsRecv);
    }

    Double settlement(long instrumentId) {
        Stat stat = latest(instrumentId, SETTLEMENT);
        return stat == null ? null : stat.price();
    }

    Long openInterest(long instrumentId) {
        Stat stat = latest(instrumentId, OPEN_INTEREST);
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

    /** Open interest and other quantities: i64 max means unset, and is never blanked even when pretty. */
    private static Long quantity(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        long value = DatabentoValues.integer(text);
        return value == Long.MAX_VALUE ? null : value;
    }
}
