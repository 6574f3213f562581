package io.marketlake.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marketlake.ConfigurationException;
import io.marketlake.Marketlake;
import io.marketlake.trading.Commit;
import io.marketlake.trading.ReadAt;
import io.marketlake.trading.TradingImport;
import io.marketlake.trading.TradingRepository;
import io.marketlake.trading.TradingTable;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

    private static final ObjectMapper JSON = new ObjectMapper();

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
        try (Marketlake marketlake = root.start()) {
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
        try (Marketlake marketlake = root.start()) {
            rows = marketlake.bean("tradingRepository", TradingRepository.class)
                    .rows(tradingTable, reading.at(), reading.symbol, reading.strategy);
        }
        print(tradingTable, rows, reading.json);
        return MarketlakeCommand.OK;
    }

    @Command(name = "history", description = "Versions of a table with commit time and operation.")
    int history(@Option(names = "--table", required = true) String table, @Option(names = "--json") boolean json) {
        List<Commit> commits;
        try (Marketlake marketlake = root.start()) {
            commits = marketlake.bean("tradingRepository", TradingRepository.class).history(TradingTable.named(table));
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ArrayNode array = JSON.createArrayNode();
            for (Commit commit : commits) {
                ObjectNode node = array.addObject();
                node.put("version", commit.version());
                node.put("timestamp", String.valueOf(commit.timestamp()));
                node.put("operation", commit.operation());
                node.put("import", commit.appId());
                node.put("import_rows", commit.appVersion()); // the file's rows committed through this version
            }
            out.println(array.toPrettyString());
        } else {
            TextTable text = new TextTable("version", "timestamp", "operation", "import", "rows");
            commits.forEach(c -> text.row(String.valueOf(c.version()), String.valueOf(c.timestamp()), c.operation(),
                    String.valueOf(c.appId()), String.valueOf(c.appVersion())));
            text.print(out);
        }
        out.flush();
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
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ArrayNode array = JSON.createArrayNode();
            for (Map<String, Object> row : rows) {
                ObjectNode node = array.addObject();
                row.forEach((column, value) -> {
                    if (value == null) {
                        node.putNull(column);
                    } else if (value instanceof Number number) {
                        node.putPOJO(column, number);
                    } else {
                        node.put(column, value.toString());
                    }
                });
            }
            out.println(array.toPrettyString());
        } else {
            List<String> columns = table.columns().stream().map(c -> c.name()).toList();
            TextTable text = new TextTable(columns);
            for (Map<String, Object> row : rows) {
                List<String> values = new ArrayList<>();
                columns.forEach(c -> values.add(row.get(c) == null ? "" : row.get(c).toString()));
                text.row(values);
            }
            text.print(out);
        }
        out.flush();
    }
}
