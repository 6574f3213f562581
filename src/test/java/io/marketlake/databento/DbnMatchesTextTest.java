package io.marketlake.databento;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketlake.ingest.Rejection;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Databento's own DBN files give, field for field, the records the text readers give for the same records in CSV
 * and JSON (recorded beside them), and a DBN record's text for the dead-letter area is its raw CSV line.
 */
class DbnMatchesTextTest {

    private static final String[] RAW = {"csv_raw.csv", "json_raw.jsonl"};
    private static final String[] ALL = {"csv_raw.csv", "json_raw.jsonl", "csv_pretty_mapped.csv",
        "json_pretty_mapped.jsonl"};

    @ParameterizedTest
    @CsvSource({"ohlcv-1d, databento/", "ohlcv-1h, databento/intraday/", "ohlcv-1m, databento/intraday/",
        "ohlcv-1s, databento/intraday/"})
    void ohlcv_bars_are_the_bars_of_the_raw_text(String schema, String folder) {
        DbnFixtures.Read<OhlcvBar> dbn = DbnFixtures.bars(DbnFixtures.zst(schema), false);

        assertThat(dbn.rejections()).isEmpty();
        assertThat(dbn.records()).isNotEmpty();
        for (String variant : RAW) {
            List<OhlcvBar> text = new OhlcvReader().read(io.marketlake.TestResources.text(
                    folder + "databento_DERIVED_" + schema + "_ESH1_" + variant)).records();
            assertThat(dbn.records()).map(OhlcvBar::values).as(variant)
                    .containsExactlyElementsOf(text.stream().map(OhlcvBar::values).toList());
        }
        assertThat(dbn.records()).map(OhlcvBar::raw)
                .containsExactlyElementsOf(DbnFixtures.csvLines(folder + "databento_DERIVED_" + schema
                        + "_ESH1_csv_raw.csv"));
    }

    @ParameterizedTest
    @CsvSource({"ohlcv-1d, databento/", "ohlcv-1h, databento/intraday/", "ohlcv-1m, databento/intraday/",
        "ohlcv-1s, databento/intraday/"})
    void ohlcv_bars_with_symbols_mapped_from_the_metadata_are_the_bars_of_the_mapped_text(String schema,
            String folder) {
        DbnFixtures.Read<OhlcvBar> dbn = DbnFixtures.bars(DbnFixtures.zst(schema), true);

        for (String variant : new String[] {"csv_pretty_mapped.csv", "json_pretty_mapped.jsonl"}) {
            List<OhlcvBar> text = new OhlcvReader().read(io.marketlake.TestResources.text(
                    folder + "databento_DERIVED_" + schema + "_ESH1_" + variant)).records();
            assertThat(dbn.records()).map(OhlcvBar::values).as(variant)
                    .containsExactlyElementsOf(text.stream().map(OhlcvBar::values).toList());
            assertThat(dbn.records()).map(OhlcvBar::contractType)
                    .containsExactlyElementsOf(text.stream().map(OhlcvBar::contractType).toList());
        }
        assertThat(dbn.records()).extracting(OhlcvBar::symbol).containsOnly("ESH1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"csv_raw.csv", "json_raw.jsonl", "csv_pretty_mapped.csv", "json_pretty_mapped.jsonl"})
    void mbp_1_updates_are_the_updates_of_databentos_own_text(String variant) {
        DbnFixtures.Read<TopOfBook> dbn = DbnFixtures.books(DbnFixtures.zst("mbp-1"));
        List<TopOfBook> text = textBooks("databento/dbn/databento_mbp-1_ESH1_" + variant);

        assertThat(dbn.rejections()).isEmpty();
        assertThat(dbn.records()).hasSize(4).map(TopOfBook::values)
                .containsExactlyElementsOf(text.stream().map(TopOfBook::values).toList());
        assertThat(dbn.records()).containsExactlyElementsOf(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"bbo-1s", "bbo-1m", "mbp-1"})
    void a_rejected_book_update_reads_as_its_raw_csv_line(String schema) {
        DbnFixtures.Read<TopOfBook> dbn = DbnFixtures.books(DbnFixtures.zst(schema));

        String prefix = schema.equals("mbp-1") ? "databento_" : "databento_DERIVED_";
        assertThat(dbn.records()).map(TopOfBook::raw)
                .containsExactlyElementsOf(DbnFixtures.csvLines("databento/dbn/" + prefix + schema
                        + "_ESH1_csv_raw.csv"));
    }

    @ParameterizedTest
    @CsvSource({"bbo-1s, csv_raw.csv", "bbo-1s, json_raw.jsonl", "bbo-1m, csv_raw.csv", "bbo-1m, json_raw.jsonl"})
    void bbo_updates_are_the_updates_an_independent_decoder_wrote_as_text(String schema, String variant) {
        DbnFixtures.Read<TopOfBook> dbn = DbnFixtures.books(DbnFixtures.zst(schema));
        List<TopOfBook> text = textBooks("databento/dbn/databento_DERIVED_" + schema + "_ESH1_" + variant);

        assertThat(dbn.rejections()).isEmpty();
        assertThat(dbn.records()).hasSize(4).map(TopOfBook::values)
                .containsExactlyElementsOf(text.stream().map(TopOfBook::values).toList());
    }

    @ParameterizedTest
    @ValueSource(strings = {"csv_raw.csv", "json_raw.jsonl", "csv_pretty_mapped.csv", "json_pretty_mapped.jsonl"})
    void statistics_are_the_statistics_of_the_text(String variant) {
        DbnFixtures.Read<Statistic> dbn = DbnFixtures.statistics(DbnFixtures.zst("statistics"));
        List<Statistic> text = new ArrayList<>();
        List<Rejection> rejections = new ArrayList<>();
        StatisticsReader.read(DbnFixtures.text("databento/dbn/databento_DERIVED_statistics_ESH1_" + variant),
                text::add, rejections);

        assertThat(rejections).isEmpty();
        assertThat(dbn.rejections()).isEmpty();
        assertThat(dbn.records()).hasSize(4).map(DbnFixtures::values)
                .containsExactlyElementsOf(text.stream().map(DbnFixtures::values).toList());
        assertThat(dbn.records()).map(Statistic::raw)
                .containsExactlyElementsOf(DbnFixtures.csvLines("databento/dbn/"
                        + "databento_DERIVED_statistics_ESH1_csv_raw.csv"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"csv_raw.csv", "json_raw.jsonl", "csv_pretty_mapped.csv", "json_pretty_mapped.jsonl"})
    void definitions_are_the_definitions_of_the_text(String variant) {
        DbnFixtures.Read<InstrumentDefinition> dbn = DbnFixtures.definitions(DbnFixtures.zst("definition"));
        List<InstrumentDefinition> text = new ArrayList<>();
        List<Rejection> rejections = new ArrayList<>();
        DefinitionReader.read(DbnFixtures.text("databento/dbn/databento_DERIVED_definition_ESH1_" + variant),
                text::add, rejections);

        assertThat(rejections).isEmpty();
        assertThat(dbn.rejections()).isEmpty();
        assertThat(dbn.records()).hasSize(1).map(DbnFixtures::values)
                .containsExactlyElementsOf(text.stream().map(DbnFixtures::values).toList());
    }

    @org.junit.jupiter.api.Test
    void a_rejected_definition_reads_as_its_73_column_raw_csv_line() {
        DbnFixtures.Read<InstrumentDefinition> dbn = DbnFixtures.definitions(DbnFixtures.zst("definition"));

        assertThat(DbnText.header(DbnLayout.INSTRUMENT_DEF)).isEqualTo(io.marketlake.TestResources.text(
                "databento/dbn/databento_DERIVED_definition_ESH1_csv_raw.csv").lines().findFirst().orElseThrow());
        assertThat(dbn.records()).map(InstrumentDefinition::raw).containsExactlyElementsOf(DbnFixtures.csvLines(
                "databento/dbn/databento_DERIVED_definition_ESH1_csv_raw.csv"));
    }

    @org.junit.jupiter.api.Test
    void the_raw_csv_headers_are_databentos() {
        assertThat(DbnText.header(DbnLayout.MBP_1)).isEqualTo(header("databento/dbn/databento_mbp-1_ESH1_csv_raw.csv"));
        assertThat(DbnText.header(DbnLayout.STATISTICS))
                .isEqualTo(header("databento/dbn/databento_DERIVED_statistics_ESH1_csv_raw.csv"));
        assertThat(DbnText.header(DbnLayout.OHLCV_1D))
                .isEqualTo(header("databento/databento_DERIVED_ohlcv-1d_ESH1_csv_raw.csv"));
    }

    private static String header(String resource) {
        return io.marketlake.TestResources.text(resource).lines().findFirst().orElseThrow();
    }

    private static List<TopOfBook> textBooks(String resource) {
        List<TopOfBook> books = new ArrayList<>();
        List<Rejection> rejections = new ArrayList<>();
        TopOfBookReader.read(DbnFixtures.text(resource), books::add, rejections);
        assertThat(rejections).isEmpty();
        return books;
    }
}
