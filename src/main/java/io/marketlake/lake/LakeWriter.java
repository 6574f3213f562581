package io.marketlake.lake;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
            files.add(new LakeFile(partition + "/" + batchId + LakeLayout.DATA_SUFFIX, records));
        });
        return files;
    }
}
