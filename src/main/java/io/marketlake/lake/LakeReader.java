package io.marketlake.lake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.io.LocalInputFile;

/**
 * Reads the lake back. Partitions outside [from, to] are never opened. Every batch stays on disk; unless all
 * versions are asked for, each trading date is answered by the newest batch that holds it, so re-ingesting a
 * date replaces what readers see without deleting anything.
 */
public final class LakeReader {

    private final Path root;

    public LakeReader(Path root) {
        this.root = root;
    }

    /** Records of one data type and market, ordered by trading date then by the order they were written. */
    public LakeRows read(String dataType, String market, LocalDate from, LocalDate to, boolean allVersions) {
        Schema schema = null;
        List<GenericRecord> rows = new ArrayList<>();
        for (Path file : dataFiles(dataType, market, from, to)) {
            try (ParquetReader<GenericRecord> reader = AvroParquetReader.<GenericRecord>builder(new LocalInputFile(file), new PlainParquetConfiguration())
                    .withDataModel(GenericData.get())
                    .build()) {
                GenericRecord record;
                while ((record = reader.read()) != null) {
                    schema = schema == null ? record.getSchema() : schema;
                    LocalDate date = tradingDate(record);
                    if ((from == null || !date.isBefore(from)) && (to == null || !date.isAfter(to))) {
                        rows.add(record);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read lake file " + root.relativize(file), e);
            }
        }
        if (!allVersions) {
            rows = newestBatchPerDate(rows);
        }
        rows.sort(Comparator.comparing(LakeReader::tradingDate).thenComparing(r -> r.get(LakeColumns.BATCH_ID).toString()));
        return new LakeRows(schema, rows);
    }

    /** Trading dates that some batch holds for this data type and market. */
    public SortedSet<LocalDate> tradingDates(String dataType, String market, LocalDate from, LocalDate to) {
        SortedSet<LocalDate> dates = new TreeSet<>();
        read(dataType, market, from, to, true).rows().forEach(r -> dates.add(tradingDate(r)));
        return dates;
    }

    /** Files and rows per data type (all batches), as a reader of the directory tree sees them. */
    public Map<String, LakeStats> summary() {
        Map<String, LakeStats> stats = new LinkedHashMap<>();
        if (!Files.isDirectory(root)) {
            return stats;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(p -> LakeLayout.isDataFile(p.getFileName().toString())).sorted().toList()) {
                String dataType = partitionValue(root.relativize(file), "data_type");
                long rows = rowCount(file);
                stats.merge(dataType, new LakeStats(1, rows), LakeStats::plus);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return stats;
    }

    public Path root() {
        return root;
    }

    List<Path> dataFiles(String dataType, String market, LocalDate from, LocalDate to) {
        Path marketDir = root.resolve(LakeLayout.marketDirectory(dataType, market));
        if (!Files.isDirectory(marketDir)) {
            return List.of();
        }
        List<Path> result = new ArrayList<>();
        try (Stream<Path> years = Files.list(marketDir)) {
            for (Path yearDir : years.filter(Files::isDirectory).sorted().toList()) {
                int year = Integer.parseInt(value(yearDir, "year"));
                try (Stream<Path> months = Files.list(yearDir)) {
                    for (Path monthDir : months.filter(Files::isDirectory).sorted().toList()) {
                        YearMonth month = YearMonth.of(year, Integer.parseInt(value(monthDir, "month")));
                        if ((from != null && month.atEndOfMonth().isBefore(from))
                                || (to != null && month.atDay(1).isAfter(to))) {
                            continue;
                        }
                        try (Stream<Path> files = Files.list(monthDir)) {
                            files.filter(p -> LakeLayout.isDataFile(p.getFileName().toString()))
                                    .sorted().forEach(result::add);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return result;
    }

    private static List<GenericRecord> newestBatchPerDate(List<GenericRecord> rows) {
        Map<LocalDate, String> newest = new HashMap<>();
        for (GenericRecord row : rows) {
            newest.merge(tradingDate(row), row.get(LakeColumns.BATCH_ID).toString(),
                    (a, b) -> a.compareTo(b) >= 0 ? a : b);
        }
        List<GenericRecord> kept = new ArrayList<>();
        for (GenericRecord row : rows) {
            if (newest.get(tradingDate(row)).equals(row.get(LakeColumns.BATCH_ID).toString())) {
                kept.add(row);
            }
        }
        return kept;
    }

    static LocalDate tradingDate(GenericRecord record) {
        return LocalDate.ofEpochDay(((Number) record.get(LakeColumns.TRADING_DATE)).longValue());
    }

    private static long rowCount(Path file) throws IOException {
        try (var reader = org.apache.parquet.hadoop.ParquetFileReader.open(new LocalInputFile(file))) {
            return reader.getRecordCount();
        }
    }

    private static String value(Path dir, String key) {
        String name = dir.getFileName().toString();
        if (!name.startsWith(key + "=")) {
            throw new IllegalStateException("unexpected directory in the lake: " + dir);
        }
        return name.substring(key.length() + 1);
    }

    private static String partitionValue(Path relative, String key) {
        for (Path part : relative) {
            if (part.toString().startsWith(key + "=")) {
                return part.toString().substring(key.length() + 1);
            }
        }
        return "?";
    }
}
