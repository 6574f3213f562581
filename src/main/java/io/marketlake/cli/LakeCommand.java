package io.marketlake.cli;

import io.marketlake.DateRange;
import io.marketlake.Marketlake;
import io.marketlake.lake.LakeReader;
import io.marketlake.lake.LakeRows;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** Reads the lake back, newest batch per trading date unless all versions are asked for. */
@Command(name = "lake", description = "Read the Parquet lake.")
final class LakeCommand {

    @ParentCommand
    MarketlakeCommand root;

    @Spec
    CommandSpec spec;

    @Command(name = "read", description = "Records of one data type and market.")
    int read(@Option(names = "--type", required = true, description = "data_type: futures, ...") String type,
            @Option(names = "--market", required = true) String market,
            @Option(names = "--from", description = "First trading date, inclusive.") LocalDate from,
            @Option(names = "--to", description = "Last trading date, inclusive.") LocalDate to,
            @Option(names = "--csv", description = "A header row, then one CSV row per record.") boolean csv,
            @Option(names = "--all-versions", description = "Every batch, not only the newest per trading date.")
            boolean allVersions) {
        new DateRange(from, to);
        LakeRows rows;
        try (Marketlake marketlake = root.open()) {
            marketlake.settings().markets().get(market);
            LakeReader lake = marketlake.bean("lakeReader", LakeReader.class);
            rows = lake.read(lake.requireDataType(type), market, from, to, allVersions);
        }
        PrintWriter out = spec.commandLine().getOut();
        List<Schema.Field> fields = rows.schema() == null ? List.of() : rows.schema().getFields();
        if (csv) {
            try {
                CSVPrinter printer = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setRecordSeparator('\n').get());
                printer.printRecord(rows.columns());
                for (GenericRecord record : rows.rows()) {
                    printer.printRecord(values(fields, record));
                }
                printer.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        } else {
            TextTable table = new TextTable(rows.columns());
            rows.rows().forEach(record -> table.row(values(fields, record)));
            table.print(out);
            spec.commandLine().getErr().println(rows.rows().size() + " records");
        }
        out.flush();
        return MarketlakeCommand.OK;
    }

    private static List<String> values(List<Schema.Field> fields, GenericRecord record) {
        List<String> values = new ArrayList<>(fields.size());
        for (Schema.Field field : fields) {
            values.add(LakeRows.display(field, record.get(field.pos())));
        }
        return values;
    }
}
