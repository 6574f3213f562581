package io.marketlake.databento;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A DBN response's metadata says what was asked for and how its symbols resolved. */
class DbnMetadataTest {

    @Test
    void the_metadata_names_the_dataset_schema_period_and_symbology() {
        DbnMetadata metadata = DbnFixtures.books(DbnFixtures.zst("mbp-1")).metadata();

        assertThat(metadata.version()).isEqualTo(3);
        assertThat(metadata.dataset()).isEqualTo("GLBX.MDP3");
        assertThat(metadata.schema()).isEqualTo("mbp-1");
        assertThat(metadata.start()).isEqualTo(Instant.parse("2020-12-28T00:00:00Z"));
        assertThat(metadata.end()).isEqualTo(Instant.parse("2020-12-29T00:00:00Z"));
        assertThat(metadata.limit()).isEqualTo(4);
        assertThat(metadata.stypeIn()).isEqualTo("raw_symbol");
        assertThat(metadata.stypeOut()).isEqualTo("instrument_id");
        assertThat(metadata.tsOut()).isFalse();
        assertThat(metadata.symbols()).containsExactly("ESH1");
        assertThat(metadata.partial()).isEmpty();
        assertThat(metadata.notFound()).isEmpty();
    }

    @Test
    void the_mappings_give_each_input_symbol_its_instrument_over_the_dates_asked_for() {
        DbnMetadata metadata = DbnFixtures.bars(DbnFixtures.zst("ohlcv-1d"), false).metadata();

        assertThat(metadata.mappings()).containsExactly(new DbnMetadata.SymbolMapping("ESH1", List.of(
                new DbnMetadata.MappingInterval(LocalDate.parse("2020-12-28"), LocalDate.parse("2020-12-29"),
                        "5482"))));
        DbnMetadata.InstrumentSymbols symbols = metadata.instrumentSymbols();
        assertThat(symbols.at(5482, Instant.parse("2020-12-28T12:00:00Z").toEpochMilli() * 1_000_000))
                .isEqualTo("ESH1");
        assertThat(symbols.at(5482, Instant.parse("2020-12-29T00:00:00Z").toEpochMilli() * 1_000_000)).isNull();
        assertThat(symbols.at(5483, Instant.parse("2020-12-28T12:00:00Z").toEpochMilli() * 1_000_000)).isNull();
    }

    @Test
    void a_parent_symbol_names_a_group_so_it_is_no_instrument_symbol() {
        DbnMetadata parent = new DbnMetadata(3, "GLBX.MDP3", "ohlcv-1d", null, null, 0, "parent", "instrument_id",
                false, List.of("HE.FUT"), List.of(), List.of(), List.of(
                        new DbnMetadata.SymbolMapping("HE.FUT", List.of(new DbnMetadata.MappingInterval(
                                LocalDate.parse("2026-02-17"), LocalDate.parse("2026-02-18"), "42140102"))),
                        new DbnMetadata.SymbolMapping("HEJ6", List.of(new DbnMetadata.MappingInterval(
                                LocalDate.parse("2026-02-17"), LocalDate.parse("2026-02-18"), "42140102")))));

        assertThat(parent.instrumentSymbols().at(42140102L, 1771286400000000000L)).isEqualTo("HEJ6");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ohlcv-1s", "ohlcv-1m", "ohlcv-1h", "ohlcv-1d", "definition", "statistics", "mbp-1",
        "bbo-1s", "bbo-1m"})
    void every_recorded_response_names_its_own_schema(String schema) {
        byte[] payload = DbnFixtures.zst(schema);
        DbnMetadata metadata = schema.startsWith("ohlcv") ? DbnFixtures.bars(payload, true).metadata()
                : schema.equals("definition") ? DbnFixtures.definitions(payload).metadata()
                : schema.equals("statistics") ? DbnFixtures.statistics(payload).metadata()
                : DbnFixtures.books(payload).metadata();

        assertThat(metadata.schema()).isEqualTo(schema);
    }
}
