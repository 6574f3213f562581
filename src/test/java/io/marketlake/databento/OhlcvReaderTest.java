package io.marketlake.databento;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.marketlake.TestResources;
import io.marketlake.ingest.Batch;
import java.time.Instant;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class OhlcvReaderTest {

    private final OhlcvReader reader = new OhlcvReader();

    @ParameterizedTest
    @ValueSource(strings = {"csv_raw.csv", "csv_pretty_mapped.csv", "json_raw.jsonl", "json_pretty_mapped.jsonl"})
    void every_encoding_gives_the_same_bar(String variant) {
        Batch<OhlcvBar> batch = reader.read(TestResources.text("databento/databento_DERIVED_ohlcv-1d_ESH1_" + variant));

        assertThat(batch.rejections()).isEmpty();
        assertThat(batch.records()).hasSize(1);
        OhlcvBar bar = batch.records().get(0);
        assertThat(bar.tsEvent()).isEqualTo(Instant.parse("2020-12-28T00:00:00Z"));
        assertThat(bar.instrumentId()).isEqualTo(5482);
        assertThat(bar.open()).isEqualTo(3702.75);
        assertThat(bar.high()).isEqualTo(3735.0);
        assertThat(bar.low()).isEqualTo(3697.25);
        assertThat(bar.close()).isEqualTo(3735.0);
        assertThat(bar.volume()).isEqualTo(718174);
    }

    @Test
    void a_real_parent_batch_holds_outrights_spreads_strategies_and_options() {
        Batch<OhlcvBar> batch = reader.read(
                TestResources.text("databento/databento_glbx_ohlcv-1d_HO.FUT_OH.OPT_parent_jan2025.jsonl"));

        assertThat(batch.rejections()).isEmpty();
        assertThat(batch.records()).hasSize(2502);
        Map<ContractType, Long> byType = batch.records().stream()
                .collect(Collectors.groupingBy(OhlcvBar::contractType, Collectors.counting()));
        assertThat(byType).containsKeys(ContractType.OUTRIGHT, ContractType.SPREAD, ContractType.STRATEGY,
                ContractType.OPTION);
        assertThat(byType).doesNotContainKey(ContractType.UNKNOWN);
        assertThat(batch.records()).filteredOn(b -> b.contractType() == ContractType.SPREAD)
                .anyMatch(b -> b.low() <= 0);
        assertThat(batch.records()).filteredOn(b -> b.contractType() == ContractType.OUTRIGHT)
                .allMatch(b -> b.low() > 0);
        Map<String, OhlcvBar> first = batch.records().stream()
                .collect(Collectors.toMap(OhlcvBar::symbol, Function.identity(), (a, b) -> a));
        assertThat(first.get("HOH5").close()).isEqualTo(2.3031);
    }

    @Test
    void an_unreadable_line_is_rejected_and_the_rest_go_through() {
        Batch<OhlcvBar> batch = reader.read(TestResources.text("databento/HE.FUT-ohlcv-1d-2026-02-17-bad-records.csv"));

        assertThat(batch.records()).hasSize(6);
        assertThat(batch.rejections()).singleElement().satisfies(r -> {
            assertThat(r.rule()).isEqualTo("unreadable_record");
            assertThat(r.detail()).contains("line 8").contains("not-a-number");
            assertThat(r.record()).isEqualTo("1771286400000000000,35,1,not-a-number,1,1,1,1,1,HEZ6");
        });
    }

    @Test
    void a_json_line_that_is_not_json_is_rejected_alone() {
        String payload = TestResources.text("databento/databento_DERIVED_ohlcv-1d_ESH1_json_raw.jsonl")
                + "{\"hd\": broken\n";
        Batch<OhlcvBar> batch = reader.read(payload);

        assertThat(batch.records()).hasSize(1);
        assertThat(batch.rejections()).singleElement()
                .satisfies(r -> assertThat(r.record()).isEqualTo("{\"hd\": broken"));
    }

    @Test
    void a_payload_that_is_not_databento_data_is_refused_whole() {
        assertThatThrownBy(() -> reader.read("<html><body>Bad gateway</body></html>\n"))
                .isInstanceOf(MalformedPayloadException.class)
                .hasMessageContaining("<html>");
        assertThatThrownBy(() -> reader.read("{\"detail\":\"Authentication failed.\"}\n"))
                .isInstanceOf(MalformedPayloadException.class)
                .hasMessageContaining("Authentication failed");
    }

    @Test
    void a_header_without_records_has_no_bars() {
        assertThat(reader.read("ts_event,rtype,publisher_id,instrument_id,open,high,low,close,volume,symbol\n")
                .records()).isEmpty();
    }

    @Test
    void an_empty_response_is_refused_whole_not_taken_for_a_day_without_bars() {
        assertThatThrownBy(() -> reader.read(""))
                .isInstanceOf(MalformedPayloadException.class)
                .hasMessageStartingWith("empty response: ");
    }
}
