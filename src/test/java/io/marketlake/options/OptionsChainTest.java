package io.marketlake.options;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.marketlake.ingest.Batch;
import io.marketlake.ingest.Rejection;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The chain as the options pipeline's parse, join and pricing steps make it from the recorded HE responses. */
class OptionsChainTest {

    private static final LocalDate DATE = LocalDate.of(2026, 2, 17);
    private static final Instant SNAPSHOT = Instant.parse("2026-02-17T19:00:00Z");
    private static final long CALL_92 = 43000009;

    @ParameterizedTest
    @ValueSource(strings = {"csv", "json"})
    void joins_definitions_statistics_and_quotes_as_known_at_the_snapshot(String encoding) {
        Batch<OptionRow> chain = ChainTestData.chain(ChainTestData.payloads(encoding), DATE, SNAPSHOT);

        // 18 April and 6 June options, and the expired February one (the validator's to reject); futures are
        // underlyings, not rows of the chain
        assertThat(chain.records()).hasSize(25);
        assertThat(chain.records()).extracting(OptionRow::underlying).containsOnly("HEJ6", "HEM6", "HEG6");
        assertThat(chain.records()).filteredOn(r -> r.underlying().equals("HEM6"))
                .allSatisfy(r -> assertThat(r.underlyingPrice()).isCloseTo(103.8, within(1e-9)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"csv", "json"})
    void the_atm_call_carries_the_volatility_it_was_priced_at(String encoding) {
        Batch<OptionRow> chain = ChainTestData.chain(ChainTestData.payloads(encoding), DATE, SNAPSHOT);

        OptionRow call92 = row(chain.records(), "HEJ6 C9200");
        assertThat(call92.underlyingPrice()).isCloseTo(91.175, within(1e-9));
        assertThat(call92.impliedVol()).isCloseTo(0.30, within(1e-6));
        assertThat(call92.openInterest()).isEqualTo(100L); // the final figure, not the preliminary 107
        assertThat(call92.quoteAt()).isEqualTo(Instant.parse("2026-02-17T18:55:00Z"));
        assertThat(call92.settlement()).isLessThan(call92.mid() + 0.01); // Friday's, not today's published later
        assertThat(call92.flags()).isEmpty();
        assertThat(row(chain.records(), "HEJ6 C10000").flags()).containsExactly("crossed");
        assertThat(row(chain.records(), "HEJ6 C10000").impliedVol()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"csv", "json"})
    void quotes_without_a_definition_are_rejected_naming_the_instrument(String encoding) {
        Batch<OptionRow> chain = ChainTestData.chain(ChainTestData.payloads(encoding), DATE, SNAPSHOT);

        assertThat(chain.rejections()).extracting(Rejection::rule).containsExactly("no_definition");
        assertThat(chain.rejections().get(0).detail()).contains("instrument_id 99999999");
    }

    @Test
    void a_definition_received_after_the_snapshot_does_not_replace_the_one_known_at_it() {
        String definitions = ChainTestData.definition("csv");
        String renamed = receivedAfterTheSnapshot(recordOf(definitions, CALL_92)).replace("HEJ6 C9200", "HEJ6 C9250");

        Batch<OptionRow> chain = build(definitions + renamed + "\n", ChainTestData.statistics("csv"),
                ChainTestData.quotes("csv"));

        assertThat(chain.records()).filteredOn(r -> r.instrumentId() == CALL_92).extracting(OptionRow::symbol)
                .containsExactly("HEJ6 C9200");
    }

    @Test
    void an_option_first_defined_after_the_snapshot_is_not_in_the_chain() {
        String definitions = ChainTestData.definition("csv");
        String listedLater = receivedAfterTheSnapshot(recordOf(definitions, CALL_92))
                .replace("," + CALL_92 + ",", ",43000099,").replace("HEJ6 C9200", "HEJ6 C10200");

        Batch<OptionRow> chain = build(definitions + listedLater + "\n", ChainTestData.statistics("csv"),
                ChainTestData.quotes("csv"));

        assertThat(chain.records()).extracting(OptionRow::instrumentId).doesNotContain(43000099L);
    }

    @ParameterizedTest
    @ValueSource(strings = {"csv", "json"})
    void every_record_read_twice_builds_the_same_chain(String encoding) {
        Batch<OptionRow> once = ChainTestData.chain(ChainTestData.payloads(encoding), DATE, SNAPSHOT);

        Batch<OptionRow> twice = build(eachRecordTwice(ChainTestData.definition(encoding)),
                eachRecordTwice(ChainTestData.statistics(encoding)), eachRecordTwice(ChainTestData.quotes(encoding)));

        assertThat(twice.records()).isEqualTo(once.records());
        assertThat(twice.rejections()).isEqualTo(once.rejections());
    }

    @ParameterizedTest
    @ValueSource(strings = {"csv", "json"})
    void responses_received_twice_over_build_the_same_chain(String encoding) {
        Batch<OptionRow> once = ChainTestData.chain(ChainTestData.payloads(encoding), DATE, SNAPSHOT);

        Batch<OptionRow> twice = build(twiceOver(ChainTestData.definition(encoding)),
                twiceOver(ChainTestData.statistics(encoding)), twiceOver(ChainTestData.quotes(encoding)));

        assertThat(twice.records()).isEqualTo(once.records());
        assertThat(twice.rejections()).isEqualTo(once.rejections());
    }

    private static Batch<OptionRow> build(String definitions, String statistics, String quotes) {
        return ChainTestData.chain(ChainTestData.payloads(definitions, statistics, quotes), DATE, SNAPSHOT);
    }

    private static String recordOf(String csv, long instrumentId) {
        return csv.lines().filter(l -> l.contains("," + instrumentId + ",")).findFirst().orElseThrow();
    }

    /** The same CSV record with a ts_recv (its first column) a minute after the snapshot. */
    private static String receivedAfterTheSnapshot(String record) {
        return ChainTestData.nanos(SNAPSHOT.plusSeconds(60)) + record.substring(record.indexOf(','));
    }

    /** Each record repeated on the next line (a CSV header stays single). */
    private static String eachRecordTwice(String payload) {
        StringBuilder twice = new StringBuilder();
        List<String> lines = payload.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            twice.append(lines.get(i)).append('\n');
            if (i > 0 || lines.get(i).startsWith("{")) {
                twice.append(lines.get(i)).append('\n');
            }
        }
        return twice.toString();
    }

    /** The whole response, then all its records again (a CSV header stays single). */
    private static String twiceOver(String payload) {
        String again = payload.startsWith("{") ? payload : payload.substring(payload.indexOf('\n') + 1);
        return payload + again;
    }

    private static OptionRow row(List<OptionRow> rows, String symbol) {
        return rows.stream().filter(r -> symbol.equals(r.symbol())).findFirst().orElseThrow();
    }
}
