package io.marketlake.databento;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketlake.TestResources;
import io.marketlake.ingest.Batch;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The test encoder (DbnEncoder) against the decoder and Databento's own files: what the decoder reads from them,
 * encoded again, is the very same bytes, so a stub serving the encoder's DBN serves what Databento would send.
 */
class DbnEncoderTest {

    /** Metadata decoded and every record decoded to raw CSV, then encoded again: byte for byte the file. */
    @ParameterizedTest
    @ValueSource(strings = {"ohlcv-1s", "ohlcv-1m", "ohlcv-1h", "ohlcv-1d", "definition", "statistics", "mbp-1",
        "bbo-1s", "bbo-1m"})
    void databentos_own_files_decoded_and_encoded_again_are_the_same_bytes(String schema) {
        byte[] file = DbnFixtures.dbn(schema);
        DbnMetadata metadata = metadataOf(schema);
        ByteBuffer in = DbnFixtures.le(file);
        List<byte[]> records = new ArrayList<>();
        for (int at = DbnFixtures.recordsStart(file); at < file.length; ) {
            int length = (file[at] & 0xFF) * DbnLayout.LENGTH_UNIT;
            int rtype = file[at + 1] & 0xFF;
            records.add(DbnEncoder.record(DbnText.header(rtype), DbnText.line(in, at, length)));
            at += length;
        }

        java.io.ByteArrayOutputStream again = new java.io.ByteArrayOutputStream();
        again.writeBytes(DbnEncoder.metadata(metadata));
        records.forEach(again::writeBytes);

        assertThat(records).isNotEmpty();
        assertThat(again.toByteArray()).isEqualTo(file);
    }

    /** The same records as CSV (pretty and mapped, as a parent request with map_symbols returns them) and as DBN. */
    @Test
    void the_he_sample_bars_as_dbn_read_as_the_same_bars_with_the_same_symbols() {
        String csv = TestResources.text("samples/databento/HE.FUT-ohlcv-1d-2026-02-18-csv_pretty.csv");
        DbnEncoder.Request request = DbnEncoder.Request.parent("ohlcv-1d", Instant.parse("2026-02-18T00:00:00Z"),
                Instant.parse("2026-02-19T00:00:00Z"), "HE.FUT");

        Batch<OhlcvBar> fromCsv = new OhlcvReader().read(csv);
        Batch<OhlcvBar> fromDbn = new OhlcvReader().read(DbnEncoder.fromText(csv, request, true));

        assertThat(fromDbn.rejections()).isEmpty();
        assertThat(fromDbn.records()).extracting(OhlcvBar::values)
                .containsExactlyElementsOf(fromCsv.records().stream().map(OhlcvBar::values).toList());
        assertThat(fromDbn.records()).extracting(OhlcvBar::contractType)
                .containsExactlyElementsOf(fromCsv.records().stream().map(OhlcvBar::contractType).toList());
    }

    private static DbnMetadata metadataOf(String schema) {
        byte[] payload = DbnFixtures.zst(schema);
        return schema.startsWith("ohlcv") ? DbnFixtures.bars(payload, true).metadata()
                : schema.equals("definition") ? DbnFixtures.definitions(payload).metadata()
                : schema.equals("statistics") ? DbnFixtures.statistics(payload).metadata()
                : DbnFixtures.books(payload).metadata();
    }
}
