package io.marketlake.lake;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/**
 * Plans the files of one batch: records grouped by partition (data type, market, year, month of their trading
 * date), each group one file named after the batch. A batch id starts with the ingestion instant, so the newest
 * batch is also the greatest id, and ends with random hex, so two writers never pick the same name.
 * The writing itself is {@link LakeFiles} (routes/stores.yaml).
 */
public final class LakeWriter {

    private static final DateTimeFormatter BATCH_TIME =
            io.marketlake.Timestamps.COMPACT;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Clock clock;

    public LakeWriter(Clock clock) {
        this.clock = clock;
    }

    public String newBatchId() {
        byte[] random = new byte[4];
        RANDOM.nextBytes(random);
        return BATCH_TIME.format(clock.instant()) + "-" + HexFormat.of().formatHex(random);
    }

    public <T> List<LakeFile> plan(LakeTable<T> table, String market, List<T> rows, String batchId) {
        Schema schema = LakeColumns.stored(table);
        Long ingestedAt = LakeColumns.micros(clock.instant());
        Map<String, List<T>> byPartition = new TreeMap<>();
        for (T row : rows) {
            byPartition.computeIfAbsent(LakeLayout.partition(table.dataType(), market, table.tradingDate(row)),
                    key -> new ArrayList<>()).add(row);
        }
        List<LakeFile> files = new ArrayList<>();
        byPartition.forEach((partition, partRows) -> {
            List<GenericRecord> records = new ArrayList<>(partRows.size());
            partRows.stream().sorted(Comparator.comparing(table::tradingDate).thenComparing(table.order())).forEach(row -> {
                GenericData.Record record = new GenericData.Record(schema);
                record.put(LakeColumns.TRADING_DATE, LakeColumns.epochDay(table.tradingDate(row)));
                table.fill(row, record);
                record.put(LakeColumns.BATCH_ID, batchId);
                record.put(LakeColumns.INGESTED_AT, ingestedAt);
                records.add(record);
            });
            files.add(new LakeFile(partition + "/" + batchId + LakeLayout.DATA_SUFFIX, LakeRecords.of(records)));
        });
        return files;
    }

    /**
     * The file of a batch too large to hold, all of one trading date: its rows are read again from where they wait
     * each time the file is written, in the order they come (no sort). A row of another date fails the write.
     *
     * @param rows  pushes every row of the batch to the consumer it is given
     * @param count how many rows {@code rows} pushes
     */
    public <T> List<LakeFile> planStreamed(LakeTable<T> table, String market, LocalDate date, String batchId,
            long count, Consumer<Consumer<T>> rows) {
        if (count == 0) {
            return List.of();
        }
        Schema schema = LakeColumns.stored(table);
        Long ingestedAt = LakeColumns.micros(clock.instant());
        var epochDay = LakeColumns.epochDay(date);
        LakeRecords records = new LakeRecords() {
            @Override
            public Schema schema() {
                return schema;
            }

            @Override
            public long size() {
                return count;
            }

            @Override
            public void forEach(Consumer<GenericRecord> each) {
                long[] pushed = {0};
                rows.accept(row -> {
                    if (!table.tradingDate(row).equals(date)) {
                        throw new IllegalStateException("a row of " + table.tradingDate(row) + " in the file of " + date);
                    }
                    GenericData.Record record = new GenericData.Record(schema);
                    record.put(LakeColumns.TRADING_DATE, epochDay);
                    table.fill(row, record);
                    record.put(LakeColumns.BATCH_ID, batchId);
                    record.put(LakeColumns.INGESTED_AT, ingestedAt);
                    each.accept(record);
                    pushed[0]++;
                });
                if (pushed[0] != count) {
                    throw new IllegalStateException("expected " + count + " rows for " + date + ", read " + pushed[0]
                            + ": the input changed since it was checked");
                }
            }

            @Override
            public String toString() {
                return count + " streamed records";
            }
        };
        return List.of(new LakeFile(LakeLayout.partition(table.dataType(), market, date) + "/" + batchId
                + LakeLayout.DATA_SUFFIX, records));
    }
}
