package io.marketlake.lake;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.LocalOutputFile;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lake's column reader gives the records parquet-avro gives for the same file, value for value and class for
 * class, for the files the lake writes now and for files parquet-avro wrote (lakes written before the lake had its
 * own writer); and a file's trading dates read from its metadata are the dates its rows hold.
 */
class ColumnRecordsTest {

    @TempDir
    Path lake;

    static List<LakeTableSamples.Sample<?>> tables() {
        return LakeTableSamples.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tables")
    void the_lake_files_of_a_table_read_back_as_parquet_avro_reads_them(LakeTableSamples.Sample<?> table)
            throws IOException {
        for (Path file : written(table)) {
            assertSameRecords(file);
            assertThat(new LakeFileReader(lake).tradingDays(file)).isEqualTo(daysByAvro(file));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tables")
    void a_file_parquet_avro_wrote_reads_as_parquet_avro_reads_it(LakeTableSamples.Sample<?> table)
            throws IOException {
        for (Path file : written(table)) {
            Path legacy = file.resolveSibling("legacy-" + file.getFileName());
            copyByAvro(file, legacy, table, settings -> settings);
            assertSameRecords(legacy);
            assertThat(new LakeFileReader(lake).tradingDays(legacy)).isEqualTo(daysByAvro(legacy));
        }
    }

    /** The pages the lake decodes itself (v1 and v2, PLAIN and dictionary) and those it leaves to parquet-mr. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("tables")
    void files_of_either_page_version_many_pages_and_any_encoding_read_as_parquet_avro_reads_them(
            LakeTableSamples.Sample<?> table) throws IOException {
        for (Path file : written(table)) {
            for (ParquetProperties.WriterVersion version : ParquetProperties.WriterVersion.values()) {
                for (boolean dictionary : List.of(true, false)) {
                    Path copy = file.resolveSibling("legacy-" + version + "-" + dictionary + "-" + file.getFileName());
                    copyByAvro(file, copy, table, settings -> settings.withWriterVersion(version)
                            .withDictionaryEncoding(dictionary).withPageSize(512).withPageRowCountLimit(7));
                    assertSameRecords(copy);
                }
            }
        }
    }

    private static void copyByAvro(Path file, Path copy, LakeTableSamples.Sample<?> table,
            java.util.function.UnaryOperator<AvroParquetWriter.Builder<GenericRecord>> settings) throws IOException {
        try (ParquetReader<GenericRecord> in = AvroParquetReader.<GenericRecord>builder(new LocalInputFile(file))
                .withDataModel(GenericData.get()).withConf(new PlainParquetConfiguration()).build();
                ParquetWriter<GenericRecord> out = settings.apply(AvroParquetWriter.<GenericRecord>builder(
                        new LocalOutputFile(copy)).withSchema(LakeColumns.stored(table.table()))
                        .withDataModel(GenericData.get()).withConf(new PlainParquetConfiguration())
                        .withCompressionCodec(CompressionCodecName.ZSTD)).build()) {
            for (GenericRecord record = in.read(); record != null; record = in.read()) {
                out.write(record);
            }
        }
    }

    @org.junit.jupiter.api.Test
    void the_dates_of_a_file_come_from_its_statistics_its_dictionary_or_its_rows() throws IOException {
        java.time.Instant day = java.time.Instant.parse("2024-03-05T00:00:00Z");
        List<io.marketlake.databento.OhlcvBar> bars = new ArrayList<>();
        // three dates in three rows: too few repeats for a dictionary, so the dates are read from the rows
        for (int i = 0; i < 3; i++) {
            bars.add(new io.marketlake.databento.OhlcvBar(day.plus(java.time.Duration.ofDays(i)), 35, 1, i, "HEJ4",
                    io.marketlake.databento.ContractType.OUTRIGHT, 1.0, 1.0, 1.0, 1.0, 1, "raw"));
        }
        // and many rows of a few dates: a dictionary
        for (int i = 0; i < 1_000; i++) {
            bars.add(new io.marketlake.databento.OhlcvBar(day.plus(java.time.Duration.ofDays(10 + i % 4)), 35, 1, i,
                    "HEK4", io.marketlake.databento.ContractType.OUTRIGHT, 1.0, 1.0, 1.0, 1.0, 1, "raw"));
        }
        LakeWriter writer = new LakeWriter(Clock.systemUTC());
        new LakeFiles(lake, "ZSTD").write(writer.plan(new io.marketlake.futures.FuturesLakeTable(), "HE",
                bars.subList(0, 3), writer.newBatchId()));
        new LakeFiles(lake.resolve("b"), "ZSTD").write(writer.plan(new io.marketlake.futures.FuturesLakeTable(), "HE",
                bars.subList(3, bars.size()), writer.newBatchId()));
        try (Stream<Path> files = Files.walk(lake)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".parquet")).toList()) {
                Set<Integer> days = new LakeFileReader(lake).tradingDays(file);
                assertThat(days).isEqualTo(daysByAvro(file)).hasSizeGreaterThan(1);
                assertSameRecords(file);
            }
        }
    }

    private List<Path> written(LakeTableSamples.Sample<?> sample) throws IOException {
        writeAll(sample);
        try (Stream<Path> files = Files.walk(lake)) {
            return files.filter(p -> p.toString().endsWith(".parquet") && !p.getFileName().toString()
                    .startsWith("legacy-")).sorted().toList();
        }
    }

    private <T> void writeAll(LakeTableSamples.Sample<T> sample) {
        LakeWriter writer = new LakeWriter(Clock.fixed(LakeTableSamples.INGESTED_AT, ZoneOffset.UTC));
        new LakeFiles(lake, "ZSTD").write(writer.plan(sample.table(), "TEST", sample.rows(),
                LakeTableSamples.BATCH_ID));
    }

    private void assertSameRecords(Path file) throws IOException {
        List<GenericRecord> ours = new ArrayList<>();
        new LakeFileReader(lake).read(file, ours::add);
        List<GenericRecord> theirs = byAvro(file);
        assertThat(ours).hasSameSizeAs(theirs).isNotEmpty();
        for (int row = 0; row < ours.size(); row++) {
            Schema schema = theirs.get(row).getSchema();
            assertThat(ours.get(row).getSchema()).isEqualTo(schema);
            for (Schema.Field field : schema.getFields()) {
                Object mine = ours.get(row).get(field.pos());
                Object expected = theirs.get(row).get(field.pos());
                assertThat(mine).as(field.name()).isEqualTo(expected);
                if (expected != null) {
                    assertThat(mine.getClass()).as(field.name()).isEqualTo(expected.getClass());
                }
            }
        }
    }

    private static List<GenericRecord> byAvro(Path file) throws IOException {
        List<GenericRecord> records = new ArrayList<>();
        try (ParquetReader<GenericRecord> in = AvroParquetReader.<GenericRecord>builder(new LocalInputFile(file))
                .withDataModel(GenericData.get()).withConf(new PlainParquetConfiguration()).build()) {
            for (GenericRecord record = in.read(); record != null; record = in.read()) {
                records.add(record);
            }
        }
        return records;
    }

    private static Set<Integer> daysByAvro(Path file) throws IOException {
        Set<Integer> days = new java.util.HashSet<>();
        byAvro(file).forEach(record -> days.add((Integer) record.get(LakeColumns.TRADING_DATE)));
        return days;
    }
}
