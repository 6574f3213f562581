package io.marketlake.lake;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.IntPredicate;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;

/** Streams a query's records to a sink file by file, without holding them. */
final class LakeScan {

    private final LakePartitions partitions;
    private final BatchVersions versions;
    private final LakeFileReader reader;

    LakeScan(LakePartitions partitions, BatchVersions versions, LakeFileReader reader) {
        this.partitions = partitions;
        this.versions = versions;
        this.reader = reader;
    }

    /**
     * The records of one data type and market within the dates, only the newest batch's of each trading date
     * unless all versions are asked for: a first pass reads just the trading dates of each file to find it.
     */
    LakeReader.Scan scan(String dataType, String market, DateBounds dates, boolean allVersions,
            Collection<String> columns, boolean retained, Consumer<GenericRecord> sink) {
        // the scan filters by trading date: it reads that column whatever the caller asks for
        Collection<String> read = columns == null ? null : with(columns, LakeColumns.TRADING_DATE);
        List<Path> files = partitions.dataFiles(dataType, market, dates);
        Map<LocalDate, String> newest = allVersions ? Map.of() : versions.newest(files);
        Given given = new Given(sink);
        List<Path> used = new ArrayList<>();
        for (Path file : files) {
            // every version: any day within the dates (no pass over the file's dates); else the days it is newest for
            IntPredicate answers;
            if (allVersions) {
                answers = day -> dates.contains(LocalDate.ofEpochDay(day));
            } else {
                Set<Integer> answered = answered(file, dates, newest);
                if (answered.isEmpty()) {
                    continue;
                }
                answers = answered::contains;
            }
            long before = given.count;
            int[] tradingDate = {-1};
            reader.read(file, read, retained, record -> {
                if (tradingDate[0] < 0) {
                    tradingDate[0] = record.getSchema().getField(LakeColumns.TRADING_DATE).pos();
                }
                if (answers.test(((Number) record.get(tradingDate[0])).intValue())) {
                    given.accept(record);
                }
            });
            if (given.count > before) {
                used.add(file);
            }
        }
        return new LakeReader.Scan(given.schema, used);
    }

    /**
     * The scan's rows file by file, row group by row group, in the named columns: only the rows a batch
     * {@link LakeBatch#selected selects} are answers. Returns the data files that gave answers.
     */
    List<Path> scanBatches(String dataType, String market, DateBounds dates, Collection<String> columns,
            Consumer<LakeBatch> sink) {
        List<Path> files = partitions.dataFiles(dataType, market, dates);
        Map<LocalDate, String> newest = versions.newest(files);
        List<Path> used = new ArrayList<>();
        for (Path file : files) {
            Set<Integer> answered = answered(file, dates, newest);
            if (answered.isEmpty()) {
                continue;
            }
            boolean[] any = {false};
            reader.groups(file, with(columns, LakeColumns.TRADING_DATE), group -> {
                LakeBatch batch = new LakeBatch(group, null);
                int tradingDate = batch.column(LakeColumns.TRADING_DATE);
                boolean[] selected = new boolean[group.rows()];
                // a row group holds a day or a few: the set is asked again only where the day changes
                long day = 0;
                boolean dayAnswered = false;
                for (int row = 0; row < selected.length; row++) {
                    long rowDay = batch.longValue(tradingDate, row);
                    if (row == 0 || rowDay != day) {
                        day = rowDay;
                        dayAnswered = answered.contains((int) rowDay);
                    }
                    selected[row] = dayAnswered;
                    any[0] |= dayAnswered;
                }
                sink.accept(new LakeBatch(group, selected));
            });
            if (any[0]) {
                used.add(file);
            }
        }
        return used;
    }

    /** The days a file answers: within the dates, those its batch is the newest of. */
    private static Set<Integer> answered(Path file, DateBounds dates, Map<LocalDate, String> newest) {
        Set<Integer> answered = new HashSet<>();
        String batch = BatchVersions.batchId(file);
        newest.forEach((date, newestBatch) -> {
            if (dates.contains(date) && newestBatch.equals(batch)) {
                answered.add((int) date.toEpochDay());
            }
        });
        return answered;
    }

    private static Collection<String> with(Collection<String> columns, String column) {
        Set<String> all = new HashSet<>(columns);
        all.add(column);
        return all;
    }

    /** The sink, noting the schema of the first record it got and how many it got. */
    private static final class Given implements Consumer<GenericRecord> {

        private final Consumer<GenericRecord> sink;
        private Schema schema;
        private long count;

        Given(Consumer<GenericRecord> sink) {
            this.sink = sink;
        }

        @Override
        public void accept(GenericRecord record) {
            schema = schema == null ? record.getSchema() : schema;
            count++;
            sink.accept(record);
        }
    }
}
