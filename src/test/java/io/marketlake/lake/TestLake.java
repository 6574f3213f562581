package io.marketlake.lake;

import io.marketlake.databento.OhlcvBar;
import io.marketlake.futures.FuturesLakeTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;

/**
 * Writes bars into a lake directly, in the layout and schema the ingest routes write, for tests and benchmarks
 * that need more data than a loopback ingest would sensibly carry.
 */
public final class TestLake {

    private TestLake() {
    }

    /** One batch of bars of {@code dataType}, as the futures table stores them. */
    public static void writeBars(Path lakeRoot, String dataType, String market, List<OhlcvBar> bars) {
        LakeTable<OhlcvBar> futures = new FuturesLakeTable();
        LakeTable<OhlcvBar> table = new LakeTable<>(dataType, futures.schema().getName(), futures.columns()) {
            @Override
            public LocalDate tradingDate(OhlcvBar row) {
                return futures.tradingDate(row);
            }

            @Override
            public Comparator<OhlcvBar> order() {
                return futures.order();
            }
        };
        LakeWriter writer = new LakeWriter(Clock.systemUTC());
        for (LakeFile file : writer.plan(table, market, bars, writer.newBatchId())) {
            Path target = lakeRoot.resolve(file.relativePath());
            try {
                Files.createDirectories(target.getParent());
                try (ParquetWriter<GenericRecord> out = AvroParquetWriter.<GenericRecord>builder(new LocalOutputFile(target))
                        .withConf(new PlainParquetConfiguration())
                        .withSchema(file.records().schema())
                        .withDataModel(GenericData.get())
                        .withCompressionCodec(CompressionCodecName.ZSTD)
                        .build()) {
                    List<GenericRecord> records = new java.util.ArrayList<>();
                    file.records().forEach(records::add);
                    for (GenericRecord record : records) {
                        out.write(record);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
