package io.marketlake.slices;

import io.marketlake.lake.ColumnarParquetWriter;
import io.marketlake.lake.ColumnarParquetWriter.DoubleValue;
import io.marketlake.lake.ColumnarParquetWriter.LongValue;
import io.marketlake.lake.LakeThreads;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * The slice files (SPEC §6): the kept candles of the symbols of one bucket in one Parquet file, rows ordered by
 * symbol and time; a bucket without a kept candle has no file.
 */
final class SliceFiles {

    private SliceFiles() {
    }

    /**
     * Writes the candles the kept windows cover and returns how many rows it wrote. Buckets are written at once on
     * the lake's threads, each to its temp name, and handed over to be placed (hashed, forced, renamed) while its
     * worker writes the next; the run lists them in bucket order once all are in place.
     */
    static long write(RunWriter run, SliceConfig config, CandleBuffer candles, AlertWindows kept) throws IOException {
        Map<String, List<String>> symbolsByBucket = new TreeMap<>();
        kept.symbols().stream().sorted()
                .forEach(s -> symbolsByBucket.computeIfAbsent(Hashes.bucket(s), b -> new ArrayList<>()).add(s));
        Path base = run.dir().resolve("slices/ohlcv/interval=" + config.interval().text() + "/window="
                + config.window().text());
        // each bucket's placing, in bucket order; null for a bucket without a file
        List<Future<ListedFile>> placing = Collections.synchronizedList(
                new ArrayList<>(Collections.nCopies(symbolsByBucket.size(), null)));
        List<Callable<Long>> writes = new ArrayList<>();
        for (Map.Entry<String, List<String>> bucket : symbolsByBucket.entrySet()) {
            Path file = base.resolve("bucket=" + bucket.getKey()).resolve("part-0000.parquet");
            int index = writes.size();
            writes.add(() -> {
                BucketRows rows = BucketRows.of(bucket.getValue(), candles, kept);
                if (rows.count() > 0) {
                    writeBucket(run, config, rows, file);
                    placing.set(index, run.place(file, rows.count()));
                }
                return rows.count();
            });
        }
        // the files handed over are placed before any failure is told: none is renamed behind the caller
        long total = LakeThreads.all(writes, () -> placing.stream().filter(Objects::nonNull).toList()).stream()
                .mapToLong(Long::longValue).sum();
        run.list(placing.stream().filter(Objects::nonNull).toList());
        return total;
    }

    /** One bucket's file, under its temp name. */
    private static void writeBucket(RunWriter run, SliceConfig config, BucketRows rows, Path file)
            throws IOException {
        Candle candle = new Candle();
        try (ColumnarParquetWriter<Candle> writer = run.open(file, SliceSchemas.CANDLE, Candle.FIELDS, config.codec(),
                rows.count())) {
            for (int s = 0; s < rows.symbols().size(); s++) {
                candle.symbol = rows.symbols().get(s);
                candle.candles = rows.candles().get(s);
                int[] spans = rows.spans().get(s);
                for (int span = 0; span < spans.length; span += 2) {
                    for (candle.index = spans[span]; candle.index < spans[span + 1]; candle.index++) {
                        writer.write(candle);
                    }
                }
            }
        }
    }

    /**
     * The kept candles of a bucket's symbols (in symbol order): for each symbol its candles and, per range of its
     * kept windows, the [from, to) indexes of the candles in it, found by two binary searches instead of a lookup
     * for every candle.
     */
    private record BucketRows(List<String> symbols, List<CandleBuffer.Candles> candles, List<int[]> spans,
            long count) {

        static BucketRows of(List<String> symbols, CandleBuffer candleBuffer, AlertWindows kept) {
            List<CandleBuffer.Candles> candles = new ArrayList<>(symbols.size());
            List<int[]> spans = new ArrayList<>(symbols.size());
            long count = 0;
            for (String symbol : symbols) {
                CandleBuffer.Candles symbolCandles = candleBuffer.of(symbol);
                long[][] ranges = kept.ranges(symbol);
                int[] symbolSpans = new int[ranges.length * 2];
                for (int r = 0; r < ranges.length; r++) {
                    symbolSpans[2 * r] = symbolCandles.indexOf(ranges[r][0]);
                    symbolSpans[2 * r + 1] = symbolCandles.indexOf(ranges[r][1]);
                    count += symbolSpans[2 * r + 1] - symbolSpans[2 * r];
                }
                candles.add(symbolCandles);
                spans.add(symbolSpans);
            }
            return new BucketRows(symbols, candles, spans, count);
        }
    }

    /** The candle being written, a row of {@link SliceSchemas#CANDLE}: moved along, not made anew for each. */
    private static final class Candle {

        /** Its fields in the schema's order; numbers read with no boxing. */
        static final List<Function<? super Candle, Object>> FIELDS = List.of(
                c -> c.symbol,
                (LongValue<Candle>) c -> c.candles.ts(c.index),
                (DoubleValue<Candle>) c -> c.candles.open(c.index),
                (DoubleValue<Candle>) c -> c.candles.high(c.index),
                (DoubleValue<Candle>) c -> c.candles.low(c.index),
                (DoubleValue<Candle>) c -> c.candles.close(c.index),
                (LongValue<Candle>) c -> c.candles.volume(c.index));

        private String symbol;
        private CandleBuffer.Candles candles;
        private int index;
    }
}
