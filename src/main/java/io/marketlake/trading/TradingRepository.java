package io.marketlake.trading;

import io.marketlake.ConfigurationException;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads the trading book at a version or an instant. A position's changes are appended rows; its state at a
 * time is its row with the latest updated_at in that version of the table.
 */
public final class TradingRepository {

    private final DeltaTables tables;

    public TradingRepository(DeltaTables tables) {
        this.tables = tables;
    }

    /** Positions as they stood: one per strategy and symbol, optionally open only, of a symbol, of a strategy. */
    public List<Map<String, Object>> positions(ReadAt at, String symbol, boolean openOnly, String strategy) {
        Map<String, Map<String, Object>> current = new LinkedHashMap<>();
        for (Map<String, Object> row : tables.read(TradingTable.POSITIONS, at, symbol)) {
            String key = row.get("strategy_id") + "\u0000" + row.get("symbol");
            current.merge(key, row, (a, b) -> ((Instant) b.get("updated_at")).isAfter((Instant) a.get("updated_at")) ? b : a);
        }
        return current.values().stream()
                .filter(p -> !openOnly || "open".equals(p.get("status")))
                .filter(p -> strategy == null || strategy.equals(p.get("strategy_id")))
                .sorted(Comparator.comparing((Map<String, Object> p) -> (String) p.get("strategy_id"))
                        .thenComparing(p -> (String) p.get("symbol")))
                .toList();
    }

    /** Every row of a table in that state, ordered by its time column. */
    public List<Map<String, Object>> rows(TradingTable table, ReadAt at, String symbol, String strategy) {
        return tables.read(table, at, symbol).stream()
                .filter(r -> strategy == null || strategy.equals(r.get("strategy_id")))
                .sorted(Comparator.comparing((Map<String, Object> r) -> (Instant) r.get(table.timeColumn()),
                        Comparator.nullsFirst(Comparator.naturalOrder()))
                        .thenComparing(r -> Objects.toString(r.get(table.columns().get(0).name()))))
                .toList();
    }

    /** Every version of a table; a table nothing has been imported into has no history to show. */
    public List<Commit> history(TradingTable table) {
        if (!tables.exists(table)) {
            throw new ConfigurationException("trading table " + table.tableName() + " does not exist yet under "
                    + tables.path(table).getParent() + ": nothing has been imported into it");
        }
        return tables.history(table);
    }

    public long checkpoint(TradingTable table) {
        return tables.checkpoint(table);
    }
}
