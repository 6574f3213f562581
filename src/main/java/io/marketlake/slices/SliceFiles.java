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

    /** Writes the candles the kept windows cover and returns how many rows it wrote. */
    static long write(RunWriter run, SliceConfig config, CandleBuffer candles, AlertWindows kept) throws IOException {
        Map<String, List<String>> symbolsByBucket = new TreeMap<>();
        kept.symbols().stream().sorted()
                .forEach(s -> symbolsByBucket.computeIfAbsent(Hashes.bucket(s), b -> new ArrayList<>()).add(s));
        Path base = run.dir().resolve("slices/ohlcv/interval=" + config.interval().text() + "/window="
                + config.window().text());
        long total = 0;
        for (Map.Entry<String, List<String>> bucket : symbolsByBucket.entrySet()) {
            Path file = base.resolve("bucket=" + bucket.getKey()).resolve("part-0000.parquet");
            long rows = 0;
            ColumnarParquetWriter<GenericRecord> writer = null;
            try {
                for (String symbol : bucket.getValue()) {
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
            if (writer != null) {
                run.place(file);
                total += rows;
            }
        }
        return total;
    }
}
