package io.marketlake.slices;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.generic.GenericRecord;
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
        ColumnarParquetWriter<GenericRecord> writer = null;
        try {
            for (String symbol : symbols) {
                CandleBuffer.Candles symbolCandles = candles.of(symbol);
                for (int i = 0; i < symbolCandles.size(); i++) {
                    if (!kept.covers(symbol, symbolCandles.ts(i))) {
                        continue;
                    }
                    if (writer == null) {
                        writer = run.open(file, SliceSchemas.CANDLE, config.codec());
                    }
                    writer.write(symbolCandles.record(i, symbol));
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
}
