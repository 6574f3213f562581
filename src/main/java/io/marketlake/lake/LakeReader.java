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
import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.avro.AvroReadSupport;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.io.LocalInputFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the lake back. Partitions outside [from, to] are never opened. Every batch stays on disk; unless all
 * versions are asked for, each trading date is answered by the newest batch that holds it, so re-ingesting a
 * date replaces what readers see without deleting anything.
 */
public final class LakeReader {

    private static final Schema TRADING_DATE_ONLY = SchemaBuilder.record("TradingDate").fields()
            .name(LakeColumns.TRADING_DATE).type(LakeColumns.date()).noDefault().endRecord();

    private static final Logger LOG = LoggerFactory.getLogger(LakeReader.class);
    private static final List<String> TABLES = List.of(io.marketlake.futures.FuturesLakeTable.DATA_TYPE,
            io.marketlake.options.OptionsLakeTable.DATA_TYPE, io.marketlake.cot.CotLakeTable.DATA_TYPE);
    private static final String DATA_TYPE_PREFIX = "data_type=";

    private final Path root;
    private final Set<Path> warnedAbout = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public LakeReader(Path root) {
        this.root = root;
    }

    /** Records of one data type and market, ordered by trading date then by the order they were written. */
    public LakeRows read(String dataType, String market, LocalDate from, LocalDate to, boolean allVersions) {
        List<GenericRecord> rows = new ArrayList<>();
        Schema schema = scan(dataType, market, from, to, allVersions, rows::add).schema();
        rows.sort(Comparator.comparing(LakeReader::tradingDate).thenComparing(r -> r.get(LakeColumns.BATCH_ID).toString()));
        return new LakeRows(schema, rows);
    }

    /** What a scan read: the records' schema (null when none) and the data files that gave records. */
    public record Scan(Schema schema, List<Path> files) {
    }

    /**
     * Streams the records of one data type and market with trading date in [from, to] (either may be null) to
     * {@code sink}, file by file, without holding them. Unless all versions are asked for, only the newest batch
     * of each trading date is given: a first pass reads just the trading dates of each file (a file is one
     * batch, named by its id) to find it.
     */
    public Scan scan(String dataType, String market, LocalDate from, LocalDate to, boolean allVersions,
            Consumer<GenericRecord> sink) {
        List<Path> files = dataFiles(dataType, market, from, to);
        Map<LocalDate, String> newest = allVersions ? Map.of() : newestBatches(files);
        Schema schema = null;
        List<Path> used = new ArrayList<>();
        for (Path file : files) {
            boolean gave = false;
            ParquetReader<GenericRecord> opened = open(file, null);
            if (opened == null) {
                continue;
            }
            try (ParquetReader<GenericRecord> reader = opened) {
                GenericRecord record;
                while ((record = reader.read()) != null) {
                    LocalDate date = tradingDate(record);
                    if ((from != null && date.isBefore(from)) || (to != null && date.isAfter(to))
                            || (!allVersions && !newest.get(date).equals(record.get(LakeColumns.BATCH_ID).toString()))) {
                        continue;
                    }
                    schema = schema == null ? record.getSchema() : schema;
                    gave = true;
                    sink.accept(record);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read lake file " + root.relativize(file), e);
            }
            if (gave) {
                used.add(file);
            }
        }
        return new Scan(schema, used);
    }

    /** For each trading date in [from, to] (either may be null) that the lake holds, the newest batch holding it. */
    public Map<LocalDate, String> newestBatches(String dataType, String market, LocalDate from, LocalDate to) {
        Map<LocalDate, String> newest = newestBatches(dataFiles(dataType, market, from, to));
        newest.keySet().removeIf(date -> (from != null && date.isBefore(from)) || (to != null && date.isAfter(to)));
        return newest;
    }

    /** A file is one batch, named by its id: the first pass reads only each file's trading dates. */
    private Map<LocalDate, String> newestBatches(List<Path> files) {
        Map<LocalDate, String> newest = new HashMap<>();
        for (Path file : files) {
            String batch = batchId(file);
            for (LocalDate date : datesOf(file)) {
                newest.merge(date, batch, (a, b) -> a.compareTo(b) >= 0 ? a : b);
            }
        }
        return newest;
    }

    /** Trading dates that some batch holds for this data type and market. */
    public SortedSet<LocalDate> tradingDates(String dataType, String market, LocalDate from, LocalDate to) {
        SortedSet<LocalDate> dates = new TreeSet<>();
        for (Path file : dataFiles(dataType, market, from, to)) {
            for (LocalDate date : datesOf(file)) {
                if ((from == null || !date.isBefore(from)) && (to == null || !date.isAfter(to))) {
                    dates.add(date);
                }
            }
        }
        return dates;
    }

    /** The trading dates in a file, reading that one column only. */
    private Set<LocalDate> datesOf(Path file) {
        Set<LocalDate> dates = new HashSet<>();
        ParquetReader<GenericRecord> opened = open(file, TRADING_DATE_ONLY);
        if (opened == null) {
            return dates;
        }
        try (ParquetReader<GenericRecord> reader = opened) {
            GenericRecord record;
            while ((record = reader.read()) != null) {
                dates.add(tradingDate(record));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read lake file " + root.relativize(file), e);
        }
        return dates;
    }

    /**
     * A reader of the file, or null when it is not a readable Parquet file (a truncated copy, a disk error, an
     * operator's stray file): it is skipped with an ERROR line, so one bad file does not stop every read and every
     * schedule. A file that fails in the middle of its rows still fails the read.
     */
    private ParquetReader<GenericRecord> open(Path file, Schema projection) {
        try {
            // the footer is read lazily by the record reader: reading it here tells an unreadable file at once
            rowCount(file);
            return reader(file, projection);
        } catch (IOException | RuntimeException e) {
            if (warnedAbout.add(file)) {
                LOG.error("Skipping unreadable lake file {}: {}", root.relativize(file), e.getMessage());
            }
            return null;
        }
    }

    private static ParquetReader<GenericRecord> reader(Path file, Schema projection) throws IOException {
        PlainParquetConfiguration conf = new PlainParquetConfiguration();
        if (projection != null) {
            conf.set(AvroReadSupport.AVRO_REQUESTED_PROJECTION, projection.toString());
        }
        return AvroParquetReader.<GenericRecord>builder(new LocalInputFile(file), conf)
                .withDataModel(GenericData.get())
                .build();
    }

    private static String batchId(Path file) {
        String name = file.getFileName().toString();
        return name.substring(0, name.length() - LakeLayout.DATA_SUFFIX.length());
    }

    /** The tables' data types and every data_type=<t> directory in the lake (written by a benchmark, say). */
    public Set<String> dataTypes() {
        Set<String> types = new TreeSet<>(TABLES);
        if (!Files.isDirectory(root)) {
            return types;
        }
        try (Stream<Path> entries = Files.list(root)) {
            entries.filter(Files::isDirectory).map(p -> p.getFileName().toString())
                    .filter(name -> name.startsWith(DATA_TYPE_PREFIX))
                    .forEach(name -> types.add(name.substring(DATA_TYPE_PREFIX.length())));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the lake " + root, e);
        }
        return types;
    }

    /** A data type the lake can hold, or a usage error naming the ones it has. */
    public String requireDataType(String dataType) {
        io.marketlake.SafeNames.segment("data_type", dataType);
        Set<String> known = dataTypes();
        if (!known.contains(dataType)) {
            throw new io.marketlake.ConfigurationException("unknown data_type '" + dataType + "': the lake has no such"
                    + " table and no data_type=" + dataType + " directory (data types: " + known + ")");
        }
        return dataType;
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
                Integer year = partitionNumber(yearDir, "year", 1, 9999);
                if (year == null) {
                    continue;
                }
                try (Stream<Path> months = Files.list(yearDir)) {
                    for (Path monthDir : months.filter(Files::isDirectory).sorted().toList()) {
                        Integer monthValue = partitionNumber(monthDir, "month", 1, 12);
                        if (monthValue == null) {
                            continue;
                        }
                        YearMonth month = YearMonth.of(year, monthValue);
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

    static LocalDate tradingDate(GenericRecord record) {
        return LocalDate.ofEpochDay(((Number) record.get(LakeColumns.TRADING_DATE)).longValue());
    }

    /** The rows a Parquet file holds, from its footer. */
    public static long rowCount(Path file) {
        try (var reader = org.apache.parquet.hadoop.ParquetFileReader.open(new LocalInputFile(file))) {
            return reader.getRecordCount();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /**
     * The number of a {@code key=<n>} partition directory, or null for any other directory (an operator's backup,
     * a tool's scratch space): it is not lake data, so it is skipped with a warning instead of failing every read.
     */
    private Integer partitionNumber(Path dir, String key, int min, int max) {
        String name = dir.getFileName().toString();
        if (name.startsWith(key + "=")) {
            try {
                int value = Integer.parseInt(name.substring(key.length() + 1));
                if (value >= min && value <= max) {
                    return value;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        if (warnedAbout.add(dir)) {
            LOG.warn("Skipping {}: not a {}=<n> partition directory of the lake", root.relativize(dir), key);
        }
        return null;
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
