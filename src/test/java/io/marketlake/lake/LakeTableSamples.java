package io.marketlake.lake;

import io.marketlake.cot.CotLakeTable;
import io.marketlake.cot.CotReleaseCalendar;
import io.marketlake.cot.CotReport;
import io.marketlake.databento.ContractType;
import io.marketlake.databento.OhlcvBar;
import io.marketlake.futures.FuturesLakeTable;
import io.marketlake.options.OptionRow;
import io.marketlake.options.OptionsLakeTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.avro.generic.GenericData;

/**
 * The three lake tables with rows that set every column (and every optional column once empty), and what the
 * writer stores of them (read back from its files by parquet-avro), so a test can hold their stored schema and records against the ones recorded in
 * src/test/resources/lake-tables.
 */
final class LakeTableSamples {

    static final Instant INGESTED_AT = Instant.parse("2024-03-06T22:15:30.123456Z");
    static final String BATCH_ID = "20240306T221530Z-0a1b2c3d";

    /** One table, its rows and the resource name its recorded schema and records have. */
    record Sample<T>(String name, LakeTable<T> table, List<T> rows) {

        /** The schema a Parquet file of this table is written with, as JSON with its docs. */
        String storedSchema() {
            return LakeColumns.stored(table).toString(true);
        }

        /** The records the writer stores for the rows, read back from its files, one JSON line each, in file order. */
        String records() {
            LakeWriter writer = new LakeWriter(Clock.fixed(INGESTED_AT, ZoneOffset.UTC));
            try {
                Path lake = Files.createTempDirectory("lake-table-sample");
                List<String> lines = new java.util.ArrayList<>();
                for (LakeFile file : new LakeFiles(lake, "ZSTD").write(writer.plan(table, "TEST", rows, BATCH_ID))) {
                    new LakeFileReader(lake).read(lake.resolve(file.relativePath()), record -> lines.add(
                            file.relativePath() + " " + GenericData.get().toString(record)));
                }
                return lines.stream().collect(Collectors.joining("\n", "", "\n"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private LakeTableSamples() {
    }

    static List<Sample<?>> all() {
        return List.of(futures(), options(), cot());
    }

    static Sample<OhlcvBar> futures() {
        return new Sample<>("futures", new FuturesLakeTable(), List.of(
                new OhlcvBar(Instant.parse("2024-03-05T00:00:00Z"), 35, 1, 4_242L, "LEH4", ContractType.OUTRIGHT,
                        80.125, 81.5, 79.975, 81.025, 12_345L, "{}"),
                new OhlcvBar(Instant.parse("2024-03-05T00:00:00Z"), 35, 1, 4_243L, null, ContractType.SPREAD,
                        -1.25, -1.0, -1.5, -1.125, 0L, "{}")));
    }

    static Sample<OptionRow> options() {
        Set<String> flags = new LinkedHashSet<>(List.of("one_sided", "no_iv"));
        return new Sample<>("options", new OptionsLakeTable(), List.of(
                new OptionRow(LocalDate.parse("2024-03-05"), Instant.parse("2024-03-05T21:00:00Z"), 9_001L,
                        "LEJ4 C8200", "LEJ4", 4_242L, Instant.parse("2024-04-12T17:00:00.000001Z"), true, 82.0,
                        1.25, 1.4, 10L, 12L, Instant.parse("2024-03-05T20:59:59.999999Z"), 321L, 1.3, 81.025,
                        0.1041, 0.2345, Set.of(), "{}"),
                new OptionRow(LocalDate.parse("2024-03-05"), Instant.parse("2024-03-05T21:00:00Z"), 9_002L,
                        null, null, 4_242L, Instant.parse("2024-04-12T17:00:00Z"), false, 78.0,
                        null, null, null, null, null, null, null, null, null, null, flags, "{}")));
    }

    static Sample<CotReport> cot() {
        CotReleaseCalendar calendar = new CotReleaseCalendar(Map.of());
        return new Sample<>("cot", new CotLakeTable(calendar), List.of(
                new CotReport("054642", "LEAN HOGS - CHICAGO MERCANTILE EXCHANGE", LocalDate.parse("2024-03-05"),
                        300_000L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L, 13L, 14L, 15L,
                        "f_year.txt", "raw")));
    }
}
