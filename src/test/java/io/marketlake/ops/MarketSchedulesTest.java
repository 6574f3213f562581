package io.marketlake.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.marketlake.ConfigurationException;
import io.marketlake.Marketlake;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each market's own schedule keys, else the source's, checked at start-up. */
class MarketSchedulesTest {

    @TempDir
    Path home;

    @Test
    void a_markets_own_keys_win_and_the_others_fall_back_to_the_sources() {
        MarketSchedules schedules = TestSchedules.with(Map.of(
                "marketlake.market.LE.cot.cron", "0 0 16 ? * FRI",
                "marketlake.market.LE.options.snapshot-time", "13:30"));

        assertThat(schedules.trigger("cot", "LE").cron()).isEqualTo("0 0 16 ? * FRI");
        assertThat(schedules.trigger("cot", "LE").zone()).isEqualTo(ZoneId.of("America/New_York"));
        assertThat(schedules.trigger("cot", "HE").cron()).isEqualTo("0 35 15,18 ? * MON,FRI");
        assertThat(schedules.snapshotTime("LE")).isEqualTo(LocalTime.of(13, 30));
        assertThat(schedules.snapshotTime("HE")).isEqualTo(LocalTime.of(13, 0));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "marketlake.market.LE.futures.cron | every evening",
            "marketlake.market.LE.options.cron-timezone | Chicago",
            // java.time reads it, but Quartz's TimeZone would silently take it for GMT
            "marketlake.market.LE.cot.cron-timezone | UTC+2",
            "marketlake.market.LE.options.snapshot-time | 1pm",
            "marketlake.futures.cron | 0 30 25 ? * MON-FRI"})
    void a_bad_value_is_a_configuration_error_naming_its_key(String key, String value) {
        assertThatThrownBy(() -> TestSchedules.with(Map.of(key, value)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith(key + " must be ")
                .hasMessageContaining("'" + value + "'");
    }

    @Test
    void a_bad_per_market_value_fails_start_up_naming_its_key() {
        Map<String, String> overrides = Map.of("marketlake.home", home.toString(),
                "marketlake.market.HE.futures.cron-timezone", "America/Chicgo");

        assertThatThrownBy(() -> Marketlake.start(overrides).close())
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("marketlake.market.HE.futures.cron-timezone must be a time zone such as America/Chicago,"
                        + " not 'America/Chicgo'");
    }
}
