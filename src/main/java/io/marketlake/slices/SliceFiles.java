package io.marketlake.slices;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import io.marketlake.lake.ColumnarParquetWriter;

/**
 * The slice files (SPEC §6): the kept candles of the symbols of one bucket in one Parquet file, rows ordered by
 * symbol and time; a bucket without a kept candle has no file.
 */
final class SliceFiles {

    private SliceFiles() {
    }

    /**
     * Writes the candles the kept windows cover and returns how many rows it wrote. Buckets are written at once on
     * the lake's threads, each to its temp name; they are placed (renamed, listed for the manifest) in bucket order
     * once all are written.
     */
    static long write(RunWriter run, SliceConfig config, CandleBuffer candles, AlertWindows kept) throws IOException {
        Map<String, List<String>> symbolsByBucket = new TreeMap<>();
        kept.symbols().stream().sorted()
                .forEach(s -> symbolsByBucket.computeIfAbsent(Hashes.bucket(s), b -> new ArrayList<>()).add(s));
        Path base = run.dir().resolve("slices/ohlcv/interval=" + config.interval().text() + "/window="
                + config.window().text());
        List<Path> files = new ArrayList<>();
        List<java.util.concurrent.Callable<Long>> writes = new ArrayList<>();
        for (Map.Entry<String, List<String>> bucket : symbolsByBucket.entrySet()) {
            Path file = base.resolve("bucket=" + bucket.getKey()).resolve("part-0000.parquet");
            files.add(file);
            writes.add(() -> writeBucket(run, config, candles, kept, bucket.getValue(), file));
        }
        List<Long> rows = io.marketlake.lake.LakeThreads.all(writes);
        long total = 0;
        for (int i = 0; i < files.size(); i++) {
            if (rows.get(i) > 0) {
                run.place(files.get(i));
                total += rows.get(i);
            }
        }
        return total;
    }

    /** One bucket's file, under its temp name; no file when no symbol of the bucket has a kept candle. */
    private static long writeBucket(RunWriter run, SliceConfig config, CandleBuffer candles, AlertWindows kept,
            List<String> symbols, Path file) throws IOException {
        long rows = 0;
        Candle candle = new Candle();
        ColumnarParquetWriter<Candle> writer = null;
        try {
            for (String symbol : symbols) {
                candle.symbol = symbol;
                candle.candles = candles.of(symbol);
                for (int i = 0; i < candle.candles.size(); i++) {
                    if (!kept.covers(symbol, candle.candles.ts(i))) {
                        continue;
                    }
                    if (writer == null) {
                        writer = run.open(file, SliceSchemas.CANDLE, Candle.FIELDS, config.codec());
                    }
                    candle.index = i;
                    writer.write(candle);
                    rows++;
                }
            }
        } finally {
            if (writer != null) {
                writer.close();
            }
        }
        return rows;
    }

    /** The candle being written, a row of {@link SliceSchemas#CANDLE}: moved along, not made anew for each. */
    private static final class Candle {

        /** Its fields in the schema's order. */
        static final List<Function<? super Candle, Object>> FIELDS = List.of(
                c -> c.symbol,
                c -> c.candles.ts(c.index),
                c -> c.candles.open(c.index),
                c -> c.candles.high(c.index),
                c -> c.candles.low(c.index),
                c -> c.candles.close(c.index),
                c -> c.candles.volume(c.index));

        private String symbol;
        private CandleBuffer.Candles candles;
        private int index;
    }
}
