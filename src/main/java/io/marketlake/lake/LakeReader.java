package io.marketlake.lake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;

/**
 * Reads the lake back. Partitions outside [from, to] are never opened. Every batch stays on disk; unless all
 * versions are asked for, each trading date is answered by the newest batch that holds it, so re-ingesting a
 * date replaces what readers see without deleting anything.
 */
public final class LakeReader {

    private final Path root;
    private final LakePartitions partitions;
    private final BatchVersions versions;
    private final LakeScan scan;

    public LakeReader(Path root) {
        this.root = root;
        LakeFileReader files = new LakeFileReader(root);
        this.partitions = new LakePartitions(root);
        this.versions = new BatchVersions(files);
        this.scan = new LakeScan(partitions, versions, files);
    }

    /** Records of one data type and market, ordered by trading date then by the order they were written. */
    public LakeRows read(String dataType, String market, LocalDate from, LocalDate to, boolean allVersions) {
        List<GenericRecord> rows = new ArrayList<>();
        Schema schema = scan.scan(dataType, market, new DateBounds(from, to), allVersions, null, true, rows::add)
                .schema();
        // the scan gives each month's files in name order, which is batch order, and a date is in one month: sorted by
        // date alone (a stable sort), the rows of a date come batch by batch in the order they were written
        if (!rows.isEmpty()) {
            int tradingDate = schema.getField(LakeColumns.TRADING_DATE).pos();
            rows.sort(Comparator.comparingInt(r -> ((Number) r.get(tradingDate)).intValue()));
        }
        return new LakeRows(schema, rows);
    }

    /** What a scan read: the records' schema (null when none) and the data files that gave records. */
    public record Scan(Schema schema, List<Path> files) {
    }

    /**
     * Streams the records of one data type and market with trading date in [from, to] (either may be null) to
     * {@code sink}, file by file, without holding them. Unless all versions are asked for, only the newest batch
     * of each trading date is given.
     */
    public Scan scan(String dataType, String market, LocalDate from, LocalDate to, boolean allVersions,
            Consumer<GenericRecord> sink) {
        return scan(dataType, market, from, to, allVersions, null, sink);
    }

    /** As {@link #scan(String, String, LocalDate, LocalDate, boolean, Consumer)}, the records with only these columns. */
    public Scan scan(String dataType, String market, LocalDate from, LocalDate to, boolean allVersions,
            Collection<String> columns, Consumer<GenericRecord> sink) {
        return scan.scan(dataType, market, new DateBounds(from, to), allVersions, columns, false, sink);
    }

    /**
     * The newest batch's rows of each trading date in [from, to] (either may be null), row group by row group in the
     * named columns, without a record per row: for readers that want values. Returns the data files that gave rows.
     */
    public List<Path> scanBatches(String dataType, String market, LocalDate from, LocalDate to,
            Collection<String> columns, Consumer<LakeBatch> sink) {
        return scan.scanBatches(dataType, market, new DateBounds(from, to), columns, sink);
    }

    /** For each trading date in [from, to] (either may be null) that the lake holds, the newest batch holding it. */
    public Map<LocalDate, String> newestBatches(String dataType, String market, LocalDate from, LocalDate to) {
        DateBounds dates = new DateBounds(from, to);
        Map<LocalDate, String> newest = versions.newest(partitions.dataFiles(dataType, market, dates));
        newest.keySet().removeIf(date -> !dates.contains(date));
        return newest;
    }

    /** Trading dates that some batch holds for this data type and market. */
    public SortedSet<LocalDate> tradingDates(String dataType, String market, LocalDate from, LocalDate to) {
        DateBounds dates = new DateBounds(from, to);
        SortedSet<LocalDate> held = new TreeSet<>();
        for (Path file : partitions.dataFiles(dataType, market, dates)) {
            versions.datesOf(file).stream().filter(dates::contains).forEach(held::add);
        }
        return held;
    }

    /** The tables' data types and every data_type=<t> directory in the lake (written by a benchmark, say). */
    public Set<String> dataTypes() {
        return partitions.dataTypes();
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
        return summary(false);
    }

    /** Files and rows per data type and market ({@code <data type>/<market>}), all batches. */
    public Map<String, LakeStats> summaryByMarket() {
        return summary(true);
    }

    private Map<String, LakeStats> summary(boolean byMarket) {
        Map<String, LakeStats> stats = new LinkedHashMap<>();
        if (!Files.isDirectory(root)) {
            return stats;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(p -> LakeLayout.isDataFile(p.getFileName().toString())).sorted().toList()) {
                String key = partitionValue(root.relativize(file), "data_type")
                        + (byMarket ? "/" + partitionValue(root.relativize(file), "market") : "");
                stats.merge(key, new LakeStats(1, rowCount(file)), LakeStats::plus);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return stats;
    }

    public Path root() {
        return root;
    }

    /** The rows a Parquet file holds, from its footer. */
    public static long rowCount(Path file) {
        return LakeFileReader.rowCount(file);
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
