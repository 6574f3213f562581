package io.marketlake.lake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Which of the lake's partition directories a query opens: the months outside its dates are never listed. */
final class LakePartitions {

    // the reader's name, which operators know from its log lines
    private static final Logger LOG = LoggerFactory.getLogger(LakeReader.class);
    private static final List<String> TABLES = Stream.concat(
            Stream.of(io.marketlake.futures.BarSchema.values()).map(io.marketlake.futures.BarSchema::dataType),
            Stream.of(io.marketlake.options.OptionsLakeTable.DATA_TYPE, io.marketlake.cot.CotLakeTable.DATA_TYPE))
            .toList();
    private static final String DATA_TYPE_PREFIX = "data_type=";

    private final Path root;
    private final Set<Path> warnedAbout = ConcurrentHashMap.newKeySet();

    LakePartitions(Path root) {
        this.root = root;
    }

    /** The data files of one data type and market in the months that overlap the dates, in path order. */
    List<Path> dataFiles(String dataType, String market, DateBounds dates) {
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
                        Integer month = partitionNumber(monthDir, "month", 1, 12);
                        if (month == null || !dates.overlaps(YearMonth.of(year, month))) {
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

    /** The tables' data types and every data_type=<t> directory in the lake (written by a benchmark, say). */
    Set<String> dataTypes() {
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
}
