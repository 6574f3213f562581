package io.marketlake.slices;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketlake.lake.LakeColumns;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.io.LocalOutputFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlertsReaderTest {

    private static final Schema ALERTS = SchemaBuilder.record("Alert").fields()
            .name("alert_id").type().stringType().noDefault()
            .name("symbol").type().stringType().noDefault()
            .name("ts").type(LakeColumns.timestamp()).noDefault()
            .endRecord();

    @TempDir
    Path dir;

    @Test
    void a_parquet_timestamp_in_microseconds_is_read_as_that_instant() throws IOException {
        Path file = alerts(1_772_445_600_123_456L);

        assertThat(AlertsReader.read(file)).containsExactly(
                new Alert("a", "HEJ6", Instant.parse("2026-03-02T10:00:00.123456Z")));
    }

    @Test
    void a_parquet_timestamp_before_the_epoch_is_read_as_that_instant() throws IOException {
        Path file = alerts(-1_500_000L);

        assertThat(AlertsReader.read(file)).containsExactly(
                new Alert("a", "HEJ6", Instant.parse("1969-12-31T23:59:58.500Z")));
    }

    private Path alerts(long tsMicros) throws IOException {
        Path file = dir.resolve("alerts.parquet");
        try (ParquetWriter<GenericRecord> writer = AvroParquetWriter.<GenericRecord>builder(new LocalOutputFile(file))
                .withConf(new PlainParquetConfiguration()).withSchema(ALERTS).withDataModel(GenericData.get()).build()) {
            GenericData.Record record = new GenericData.Record(ALERTS);
            record.put("alert_id", "a");
            record.put("symbol", "HEJ6");
            record.put("ts", tsMicros);
            writer.write(record);
        }
        return file;
    }
}
