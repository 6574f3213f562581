package io.marketlake.slices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marketlake.ConfigurationException;
import java.time.Instant;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class SliceConfigTest {

    private static final Path BASE = Path.of("/runs/in");
    private static final Set<String> MARKETS = Set.of("HE", "LE");
    private static final Set<String> DATA_TYPES = Set.of("futures", "options", "cot", "futures_1m");
    private static final String VALID = """
            {"run_id": "r1", "alerts": "a.csv", "data_type": "futures", "market": "HE", "interval": "1d", "window": "pre2_post2"}""";

    @Test
    void defaults_follow_the_window() {
        SliceConfig config = parse("""
                {"alerts": "alerts.csv", "data_type": "futures", "market": "HE", "interval": "1d", "window": "pre20_post10"}
                """);

        assertThat(config.alerts()).isEqualTo(Path.of("/runs/in/alerts.csv"));
        assertThat(config.minRequiredPre()).isEqualTo(20);
        assertThat(config.targetTotal()).isEqualTo(31);
        assertThat(config.compression()).isEqualTo("zstd");
        assertThat(config.strictCoverage()).isFalse();
        assertThat(config.runId()).isNull();
    }

    @Test
    void every_problem_of_a_config_is_reported_at_once() {
        assertThatThrownBy(() -> parse("""
                {"alerts": "a.csv", "market": "HE", "interval": "1 day", "window": "20/10",
                 "compression": "lz4", "strict": true, "target_total": -1}
                """))
                .isInstanceOf(SliceConfigException.class)
                .hasMessageContaining("unknown key 'strict'")
                .hasMessageContaining("'data_type' is required")
                .hasMessageContaining("interval must be like 1m")
                .hasMessageContaining("window must be like pre20_post10")
                .hasMessageContaining("compression must be zstd, snappy or none")
                .hasMessageContaining("'target_total' must be a whole number >= 0");
    }

    @Test
    void thresholds_cannot_exceed_the_window() {
        assertThatThrownBy(() -> parse("""
                {"alerts": "a.csv", "data_type": "futures", "market": "HE", "interval": "1h",
                 "window": "pre2_post2", "min_required_pre": 3, "target_total": 6}
                """))
                .hasMessageContaining("min_required_pre 3 is more than the window's 2")
                .hasMessageContaining("target_total 6 is more than the window's 5");
    }

    @Test
    void not_json_is_a_clear_error() {
        assertThatThrownBy(() -> parse("alerts: a.csv")).hasMessageContaining("not JSON");
    }

    @Test
    void alert_times_are_normalized_from_seconds_milliseconds_and_iso() {
        Instant expected = Instant.parse("2026-02-18T15:30:00Z");
        assertThat(AlertsReader.normalize("1771428600")).isEqualTo(expected);
        assertThat(AlertsReader.normalize("1771428600000")).isEqualTo(expected);
        assertThat(AlertsReader.normalize("1771428600000000")).isEqualTo(expected);
        assertThat(AlertsReader.normalize("2026-02-18T15:30:00Z")).isEqualTo(expected);
        assertThat(AlertsReader.normalize("2026-02-18T09:30:00-06:00")).isEqualTo(expected);
        assertThat(AlertsReader.normalize("1771428600.5")).isEqualTo(expected.plusMillis(500));
    }

    @Test
    void a_time_without_a_zone_is_refused() {
        assertThatThrownBy(() -> AlertsReader.normalize("2026-02-18T15:30:00"))
                .hasMessageContaining("explicit offset");
        assertThatThrownBy(() -> AlertsReader.normalize("")).hasMessageContaining("missing");
    }

    @Test
    void anchors_floor_to_the_interval() {
        assertThat(Interval.parse("1h").floor(Instant.parse("2026-02-18T15:59:59.999Z")))
                .isEqualTo(Instant.parse("2026-02-18T15:00:00Z"));
        assertThat(Interval.parse("1d").floor(Instant.parse("2026-02-18T23:59:00Z")))
                .isEqualTo(Instant.parse("2026-02-18T00:00:00Z"));
        assertThat(Interval.parse("5m").floor(Instant.parse("2026-02-18T15:34:00Z")))
                .isEqualTo(Instant.parse("2026-02-18T15:30:00Z"));
    }

    @Test
    void an_unknown_market_is_a_config_error_naming_the_configured_ones() {
        assertThatThrownBy(() -> parse(VALID.replace("\"HE\"", "\"ZZ\"")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("unknown market \"ZZ\"; configured markets: HE, LE");
    }

    @Test
    void an_unknown_data_type_is_a_config_error_naming_the_known_ones() {
        assertThatThrownBy(() -> parse(VALID.replace("\"futures\"", "\"futurs\"")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("unknown data_type \"futurs\"")
                .hasMessageContaining("cot, futures, futures_1m, options");
    }

    @Test
    void unknown_market_and_data_type_are_reported_with_every_other_problem() {
        assertThatThrownBy(() -> parse("""
                {"alerts": "a.csv", "data_type": "bars", "market": "ZZ", "interval": "1d", "window": "2/2"}"""))
                .hasMessageContaining("unknown data_type \"bars\"")
                .hasMessageContaining("unknown market \"ZZ\"")
                .hasMessageContaining("window must be like pre20_post10");
    }

    /** Names that would climb out of the runs directory, hide in it, or be read differently by another tool. */
    static Stream<String> hostileNames() {
        return Stream.of("..", ".", ".hidden", "../x", "a/b", "/abs", "a\\b", "%2e%2e", "a%2Fb", "a b", " HE",
                "HE ", "a\u0000b", "a\nb", "a\tb", "\u00e9t\u00e9", "x".repeat(129));
    }

    @ParameterizedTest
    @MethodSource("hostileNames")
    void a_hostile_run_id_is_refused(String runId) {
        assertThatThrownBy(() -> parse(withField(VALID, "run_id", runId)))
                .isInstanceOf(SliceConfigException.class)
                .hasMessageContaining("run_id ");
    }

    @ParameterizedTest
    @MethodSource("hostileNames")
    void a_hostile_market_is_refused_as_a_name_before_it_is_looked_up(String market) {
        assertThatThrownBy(() -> parse(withField(VALID, "market", market)))
                .isInstanceOf(SliceConfigException.class)
                .hasMessageContaining("market ")
                .hasMessageNotContaining("unknown market");
    }

    @ParameterizedTest
    @MethodSource("hostileNames")
    void a_hostile_data_type_is_refused_as_a_name_before_it_is_looked_up(String dataType) {
        assertThatThrownBy(() -> parse(withField(VALID, "data_type", dataType)))
                .isInstanceOf(SliceConfigException.class)
                .hasMessageContaining("data_type ")
                .hasMessageNotContaining("unknown data_type");
    }

    @ParameterizedTest
    @ValueSource(strings = {"run_id", "market", "data_type"})
    void an_empty_name_is_refused(String key) {
        assertThatThrownBy(() -> parse(withField(VALID, key, "")))
                .hasMessageContaining(key + " must not be empty");
    }

    @Test
    void a_run_id_with_a_separator_says_which_characters_are_allowed() {
        assertThatThrownBy(() -> parse(withField(VALID, "run_id", "../../etc")))
                .hasMessageContaining("run_id \"../../etc\" may hold only letters, digits, '.', '_' and '-'");
    }

    @Test
    void a_run_id_starting_with_a_dot_is_refused_as_hidden() {
        assertThatThrownBy(() -> parse(withField(VALID, "run_id", ".r1")))
                .hasMessageContaining("run_id \".r1\" must not start with '.'");
    }

    @Test
    void a_run_id_longer_than_128_characters_is_refused() {
        assertThatThrownBy(() -> parse(withField(VALID, "run_id", "r".repeat(129))))
                .hasMessageContaining("is longer than 128 characters");
    }

    @Test
    void a_run_id_of_128_plain_characters_with_dots_dashes_and_underscores_is_accepted() {
        String runId = "Run_2026-02.v1" + "x".repeat(128 - 14);

        assertThat(parse(withField(VALID, "run_id", runId)).runId()).isEqualTo(runId);
    }

    @Test
    void a_control_character_in_a_name_is_shown_escaped_so_the_error_stays_one_line() {
        assertThatThrownBy(() -> parse(withField(VALID, "run_id", "a\nb\u0007")))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n").doesNotContain("\u0007")
                        .contains("run_id \"a\\nb\\u0007\""));
    }

    private static String withField(String json, String key, String value) {
        try {
            ObjectNode node = (ObjectNode) new ObjectMapper().readTree(json);
            node.put(key, value);
            return node.toString();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static SliceConfig parse(String json) {
        return SliceConfig.parse(json, BASE, MARKETS, DATA_TYPES);
    }
}
