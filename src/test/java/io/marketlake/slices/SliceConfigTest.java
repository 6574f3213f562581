package io.marketlake.slices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SliceConfigTest {

    private static final Path BASE = Path.of("/runs/in");

    @Test
    void defaults_follow_the_window() {
        SliceConfig config = SliceConfig.parse("""
                {"alerts": "alerts.csv", "data_type": "futures", "market": "HE", "interval": "1d", "window": "pre20_post10"}
                """, BASE);

        assertThat(config.alerts()).isEqualTo(Path.of("/runs/in/alerts.csv"));
        assertThat(config.minRequiredPre()).isEqualTo(20);
        assertThat(config.targetTotal()).isEqualTo(31);
        assertThat(config.compression()).isEqualTo("zstd");
        assertThat(config.strictCoverage()).isFalse();
        assertThat(config.runId()).isNull();
    }

    @Test
    void every_problem_of_a_config_is_reported_at_once() {
        assertThatThrownBy(() -> SliceConfig.parse("""
                {"alerts": "a.csv", "market": "HE", "interval": "1 day", "window": "20/10",
                 "compression": "lz4", "strict": true, "target_total": -1}
                """, BASE))
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
        assertThatThrownBy(() -> SliceConfig.parse("""
                {"alerts": "a.csv", "data_type": "futures", "market": "HE", "interval": "1h",
                 "window": "pre2_post2", "min_required_pre": 3, "target_total": 6}
                """, BASE))
                .hasMessageContaining("min_required_pre 3 is more than the window's 2")
                .hasMessageContaining("target_total 6 is more than the window's 5");
    }

    @Test
    void not_json_is_a_clear_error() {
        assertThatThrownBy(() -> SliceConfig.parse("alerts: a.csv", BASE)).hasMessageContaining("not JSON");
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
}
