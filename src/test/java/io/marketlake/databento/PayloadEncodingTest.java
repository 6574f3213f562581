package io.marketlake.databento;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketlake.ingest.Rejection;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A response is read as what its first bytes say it is, whatever was asked for. */
class PayloadEncodingTest {

    @Test
    void the_first_bytes_tell_zstd_dbn_and_text_apart() {
        assertThat(encoding(DbnFixtures.zst("mbp-1"))).isEqualTo(PayloadEncoding.ZSTD);
        assertThat(encoding(DbnFixtures.dbn("mbp-1"))).isEqualTo(PayloadEncoding.DBN);
        assertThat(encoding("ts_event,rtype\n".getBytes(StandardCharsets.UTF_8))).isEqualTo(PayloadEncoding.TEXT);
        assertThat(encoding("{\"hd\":{}}".getBytes(StandardCharsets.UTF_8))).isEqualTo(PayloadEncoding.TEXT);
        assertThat(encoding("DB".getBytes(StandardCharsets.UTF_8))).isEqualTo(PayloadEncoding.TEXT);
        assertThat(encoding(new byte[0])).isEqualTo(PayloadEncoding.TEXT);
    }

    @Test
    void bars_read_the_same_from_zstd_dbn_plain_dbn_csv_and_json() {
        List<List<Object>> zstd = bars(DbnFixtures.binary("ohlcv-1d.dbn.zst", DbnFixtures.zst("ohlcv-1d")));

        assertThat(zstd).hasSize(1);
        assertThat(bars(DbnFixtures.binary("ohlcv-1d.dbn", DbnFixtures.dbn("ohlcv-1d")))).isEqualTo(zstd);
        assertThat(bars(DbnFixtures.text("databento/databento_DERIVED_ohlcv-1d_ESH1_csv_pretty_mapped.csv")))
                .isEqualTo(zstd);
        assertThat(bars(DbnFixtures.text("databento/databento_DERIVED_ohlcv-1d_ESH1_json_pretty_mapped.jsonl")))
                .isEqualTo(zstd);
    }

    @Test
    void a_zstd_compressed_csv_response_is_read_as_csv() {
        byte[] csv = io.marketlake.TestResources.text("databento/dbn/databento_mbp-1_ESH1_csv_raw.csv")
                .getBytes(StandardCharsets.UTF_8);
        List<TopOfBook> books = new ArrayList<>();
        List<Rejection> rejections = new ArrayList<>();

        TopOfBookReader.readAny(DbnFixtures.binary("mbp-1.csv.zst", DbnFixtures.zstd(csv)), books::add, rejections);

        assertThat(rejections).isEmpty();
        assertThat(books).containsExactlyElementsOf(DbnFixtures.books(DbnFixtures.zst("mbp-1")).records());
    }

    @Test
    void statistics_and_definitions_read_the_same_whichever_encoding_arrives() {
        List<Statistic> fromDbn = new ArrayList<>();
        List<Statistic> fromText = new ArrayList<>();
        List<InstrumentDefinition> definitionsFromDbn = new ArrayList<>();
        List<InstrumentDefinition> definitionsFromText = new ArrayList<>();
        List<Rejection> rejections = new ArrayList<>();

        StatisticsReader.readAny(DbnFixtures.binary("s.dbn.zst", DbnFixtures.zst("statistics")), fromDbn::add,
                rejections);
        StatisticsReader.readAny(DbnFixtures.text("databento/dbn/databento_DERIVED_statistics_ESH1_json_raw.jsonl"),
                fromText::add, rejections);
        DefinitionReader.readAny(DbnFixtures.binary("d.dbn", DbnFixtures.dbn("definition")), definitionsFromDbn::add,
                rejections);
        DefinitionReader.readAny(DbnFixtures.text("databento/dbn/databento_DERIVED_definition_ESH1_csv_raw.csv"),
                definitionsFromText::add, rejections);

        assertThat(rejections).isEmpty();
        assertThat(fromDbn).hasSize(4).map(DbnFixtures::values)
                .isEqualTo(fromText.stream().map(DbnFixtures::values).toList());
        assertThat(definitionsFromDbn).hasSize(1).map(DbnFixtures::values)
                .isEqualTo(definitionsFromText.stream().map(DbnFixtures::values).toList());
    }

    private static PayloadEncoding encoding(byte[] head) {
        return PayloadEncoding.of(head, head.length);
    }

    private static List<List<Object>> bars(PayloadSource source) {
        List<OhlcvBar> bars = new ArrayList<>();
        List<Rejection> rejections = new ArrayList<>();
        OhlcvReader.readAny(source, bars::add, rejections);
        assertThat(rejections).isEmpty();
        return bars.stream().map(OhlcvBar::values).toList();
    }
}
