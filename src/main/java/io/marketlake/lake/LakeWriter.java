package io.marketlake.lake;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

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

    /** The batch's files: its rows grouped by partition, each group one file (ordered when it is written). */
    public <T> List<LakeFile> plan(LakeTable<T> table, String market, List<T> rows, String batchId) {
        long ingestedAt = LakeColumns.micros(clock.instant());
        // rows by trading date (epoch day), in the order they come; rows come day by day, so a day's list is
        // looked up again only when the day changes
        TreeMap<Long, List<T>> byDay = new TreeMap<>();
        long day = Long.MIN_VALUE;
        List<T> dayRows = null;
        for (T row : rows) {
            long epochDay = table.epochDay(row);
            if (epochDay != day) {
                dayRows = byDay.computeIfAbsent(epochDay, newDay -> new ArrayList<>());
                day = epochDay;
            }
            dayRows.add(row);
        }
        // a partition is a month: the days of a month (year * 12 + month - 1) make one file
        Map<Integer, TreeMap<Long, List<T>>> byMonth = new TreeMap<>();
        byDay.forEach((epochDay, oneDay) -> {
            LocalDate date = LocalDate.ofEpochDay(epochDay);
            byMonth.computeIfAbsent(date.getYear() * 12 + date.getMonthValue() - 1, month -> new TreeMap<>())
                    .put(epochDay, oneDay);
        });
        List<LakeFile> files = new ArrayList<>();
        byMonth.forEach((month, days) -> {
            LocalDate firstOfMonth = LocalDate.of(month / 12, month % 12 + 1, 1);
            files.add(new LakeFile(LakeLayout.partition(table.dataType(), market, firstOfMonth) + "/" + batchId
                    + LakeLayout.DATA_SUFFIX, LakeRecords.held(table, batchId, ingestedAt, days)));
        });
        files.sort(java.util.Comparator.comparing(LakeFile::relativePath));
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
        long ingestedAt = LakeColumns.micros(clock.instant());
        long epochDay = date.toEpochDay();
        Consumer<Consumer<T>> checked = each -> {
            long[] pushed = {0};
            rows.accept(row -> {
                if (table.epochDay(row) != epochDay) {
                    throw new IllegalStateException("a row of " + table.tradingDate(row) + " in the file of " + date);
                }
                each.accept(row);
                pushed[0]++;
            });
            if (pushed[0] != count) {
                throw new IllegalStateException("expected " + count + " rows for " + date + ", read " + pushed[0]
                        + ": the input changed since it was checked");
            }
        };
        return List.of(new LakeFile(LakeLayout.partition(table.dataType(), market, date) + "/" + batchId
                + LakeLayout.DATA_SUFFIX, LakeRecords.streamed(table, batchId, ingestedAt, epochDay, count, checked)));
    }
}
