package io.marketlake.trading;

import static io.marketlake.trading.TradingColumn.date;
import static io.marketlake.trading.TradingColumn.decimal;
import static io.marketlake.trading.TradingColumn.id;
import static io.marketlake.trading.TradingColumn.instant;
import static io.marketlake.trading.TradingColumn.oneOf;
import static io.marketlake.trading.TradingColumn.text;
import static io.marketlake.trading.TradingColumn.whole;

import io.delta.kernel.types.StructType;
import io.marketlake.ConfigurationException;
import java.util.List;
import java.util.Locale;

/**
 * The Delta tables of the trading book (SPEC §7), under {@code <home>/trading/<name>}. Positions, legs and
 * greeks are partitioned by symbol (never by a timestamp: Kernel escapes it twice in directory names);
 * transactions are not partitioned. Changes are appended rows: the state at a time is computed when read.
 */
public enum TradingTable {

    POSITIONS("updated_at", List.of("symbol"),
            id("strategy_id"), text("strategy_type"), id("symbol"), oneOf("status", true, "open", "closed", "rolling"),
            instant("entry_time", false), instant("exit_time", false), decimal("entry_price"), decimal("exit_price"),
            whole("quantity", false), decimal("delta"), decimal("gamma"), decimal("theta"), decimal("vega"),
            decimal("unrealized_pnl"), decimal("realized_pnl"), instant("updated_at", true)),
    LEGS("updated_at", List.of("symbol"),
            id("leg_id"), id("strategy_id"), id("symbol"), decimal("strike", true), date("expiry"),
            oneOf("right", true, "C", "P"), whole("quantity", false), decimal("open_price", true),
            decimal("current_price", true), decimal("delta"), decimal("gamma"), decimal("theta"), decimal("vega"),
            oneOf("status", true, "open", "closed", "rolling"), instant("updated_at", true)),
    GREEKS("ts", List.of("symbol"),
            id("strategy_id"), id("symbol"), decimal("delta"), decimal("gamma"), decimal("theta"), decimal("vega"),
            decimal("portfolio_delta"), decimal("portfolio_gamma"), decimal("portfolio_theta"), decimal("portfolio_vega"),
            instant("ts", true)),
    TRANSACTIONS("ts", List.of(),
            id("transaction_id"), id("strategy_id"), text("leg_id"), oneOf("action", true, "BUY", "SELL", "OPEN", "CLOSE"),
            whole("quantity", true), decimal("price"), decimal("commission", true), instant("ts", true));

    private final String timeColumn;
    private final List<String> partitionColumns;
    private final List<TradingColumn> columns;

    TradingTable(String timeColumn, List<String> partitionColumns, TradingColumn... columns) {
        this.timeColumn = timeColumn;
        this.partitionColumns = partitionColumns;
        this.columns = List.of(columns);
    }

    public String tableName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The column that says when a row became true (updated_at, ts). */
    public String timeColumn() {
        return timeColumn;
    }

    public List<String> partitionColumns() {
        return partitionColumns;
    }

    public List<TradingColumn> columns() {
        return columns;
    }

    public TradingColumn column(String name) {
        return columns.stream().filter(c -> c.name().equals(name)).findFirst().orElse(null);
    }

    public StructType schema() {
        StructType schema = new StructType();
        for (TradingColumn column : columns) {
            schema = schema.add(column.name(), column.type().delta(), !column.required());
        }
        return schema;
    }

    public static TradingTable named(String name) {
        for (TradingTable table : values()) {
            if (table.tableName().equals(name)) {
                return table;
            }
        }
        throw new ConfigurationException("unknown trading table '" + name + "' (positions, legs, greeks, transactions)");
    }
}
