package io.marketlake.cli;

import io.marketlake.ConfigurationException;
import io.marketlake.Marketlake;
import io.marketlake.trading.Commit;
import io.marketlake.trading.ReadAt;
import io.marketlake.trading.TradingColumn;
import io.marketlake.trading.TradingImport;
import io.marketlake.trading.TradingRepository;
import io.marketlake.trading.TradingTable;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** The trading book on Delta Lake: import events, read positions and rows at a version or time, history. */
@Command(name = "trading", description = "Trading tables (Delta Lake): import, positions, rows, history, checkpoint.")
final class TradingCommand {

    private static final Listing<Commit> HISTORY = new Listing<Commit>()
            .column("version", Commit::version)
            .column("timestamp", c -> String.valueOf(c.timestamp()))
            .column("operation", Commit::operation)
            .column("import", Commit::appId)
            // the file's rows committed through this version
            .column("import_rows", Commit::appVersion, "rows", c -> String.valueOf(c.appVersion()));

    @ParentCommand
    MarketlakeCommand root;

    @Spec
    CommandSpec spec;

    /** Which state to read and how to print it. */
    static final class Reading {

        @Option(names = "--version", description = "Read this table version.")
        Long version;

        @Option(names = "--as-of", description = "Read the state at this instant, e.g. 2026-02-18T15:00:00Z.")
        Instant asOf;

        @Option(names = "--symbol", description = "Only this symbol (reads only its partition).")
        String symbol;

        @Option(names = "--strategy", description = "Only this strategy_id.")
        String strategy;

        @Option(names = "--json", description = "JSON instead of a table.")
        boolean json;

        ReadAt at() {
            if (version != null && asOf != null) {
                throw new ConfigurationException("give --version or --as-of, not both");
            }
            return version != null ? ReadAt.version(version) : asOf != null ? ReadAt.asOf(asOf) : ReadAt.latest();
        }
    }

    @Command(name = "import", description = "Append one file of trading events (<table>-<anything>.jsonl|.csv).")
    int importFile(@Parameters(paramLabel = "FILE") Path file) {
        TradingImport.Result result;
        try (Marketlake marketlake = root.start()) {
            marketlake.requireRoute("trading-import");
            result = marketlake.request("direct:trading-import", file.toAbsolutePath().toString(),
                    TradingImport.Result.class);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(file.getFileName() + " -> " + result);
        out.flush();
        return result.rows().hasRejections() ? MarketlakeCommand.DATA_REJECTED : MarketlakeCommand.OK;
    }

    @Command(name = "positions", description = "Positions as they stood: one per strategy and symbol.")
    int positions(@Mixin Reading reading, @Option(names = "--open", description = "Open positions only.") boolean open) {
        List<Map<String, Object>> rows;
        try (Marketlake marketlake = root.open()) {
            rows = marketlake.bean("tradingRepository", TradingRepository.class)
                    .positions(reading.at(), reading.symbol, open, reading.strategy);
        }
        print(TradingTable.POSITIONS, rows, reading.json);
        return MarketlakeCommand.OK;
    }

    @Command(name = "rows", description = "Every row of a table as it stood.")
    int rows(@Option(names = "--table", required = true, description = "positions, legs, greeks or transactions")
            String table, @Mixin Reading reading) {
        TradingTable tradingTable = TradingTable.named(table);
        List<Map<String, Object>> rows;
        try (Marketlake marketlake = root.open()) {
            rows = marketlake.bean("tradingRepository", TradingRepository.class)
                    .rows(tradingTable, reading.at(), reading.symbol, reading.strategy);
        }
        print(tradingTable, rows, reading.json);
        return MarketlakeCommand.OK;
    }

    @Command(name = "history", description = "Versions of a table with commit time and operation.")
    int history(@Option(names = "--table", required = true) String table, @Option(names = "--json") boolean json) {
        List<Commit> commits;
        try (Marketlake marketlake = root.open()) {
            commits = marketlake.bean("tradingRepository", TradingRepository.class).history(TradingTable.named(table));
        }
        HISTORY.print(spec.commandLine().getOut(), commits, json);
        return MarketlakeCommand.OK;
    }

    @Command(name = "checkpoint", description = "Checkpoint the latest version of every table (or one).")
    int checkpoint(@Option(names = "--table") String table) {
        PrintWriter out = spec.commandLine().getOut();
        try (Marketlake marketlake = root.start()) {
            TradingRepository repository = marketlake.bean("tradingRepository", TradingRepository.class);
            for (TradingTable t : table == null ? List.of(TradingTable.values()) : List.of(TradingTable.named(table))) {
                long version = repository.checkpoint(t);
                out.println(t.tableName() + ": " + (version < 0 ? "no table yet" : "checkpoint at version " + version));
            }
        }
        out.flush();
        return MarketlakeCommand.OK;
    }

    private void print(TradingTable table, List<Map<String, Object>> rows, boolean json) {
        Listing<Map<String, Object>> listing = new Listing<>();
        for (TradingColumn column : table.columns()) {
            String name = column.name();
            listing.column(name, row -> row.get(name), name, row -> Objects.toString(row.get(name), ""));
        }
        listing.print(spec.commandLine().getOut(), rows, json);
    }
}
