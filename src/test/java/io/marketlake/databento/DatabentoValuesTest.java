package io.marketlake.databento;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class DatabentoValuesTest {

    @Test
    void raw_and_pretty_prices_are_the_same_number() {
        assertThat(DatabentoValues.price("3702750000000")).isEqualTo(3702.75);
        assertThat(DatabentoValues.price("3702.750000000")).isEqualTo(3702.75);
        assertThat(DatabentoValues.price("-5275000000")).isEqualTo(-5.275);
        assertThat(DatabentoValues.price("-5.275000000")).isEqualTo(-5.275);
    }

    @Test
    void fixed_point_scaling_does_not_go_through_a_double_multiplication() {
        // 0.1 + 0.2 style error: 91525000000 * 1e-9 in doubles is 91.52500000000001
        assertThat(DatabentoValues.price("91525000000")).isEqualTo(91.525);
    }

    @Test
    void undefined_price_is_missing_never_a_price() {
        assertThat(DatabentoValues.price("9223372036854775807")).isNull();
        assertThat(DatabentoValues.price("")).isNull();
        assertThat(DatabentoValues.price(null)).isNull();
    }

    @Test
    void raw_and_pretty_timestamps_are_the_same_instant() {
        Instant expected = Instant.parse("2020-12-28T00:00:00Z");
        assertThat(DatabentoValues.timestamp("1609113600000000000")).isEqualTo(expected);
        assertThat(DatabentoValues.timestamp("2020-12-28T00:00:00.000000000Z")).isEqualTo(expected);
        assertThat(DatabentoValues.timestamp("1609088715926494829"))
                .isEqualTo(Instant.parse("2020-12-27T17:05:15.926494829Z"));
    }

    @Test
    void undefined_timestamps_are_missing() {
        assertThat(DatabentoValues.timestamp("0")).isNull();
        assertThat(DatabentoValues.timestamp("18446744073709551615")).isNull();
        assertThat(DatabentoValues.timestamp("")).isNull();
    }

    @Test
    void text_that_is_no_timestamp_is_an_error() {
        assertThatThrownBy(() -> DatabentoValues.timestamp("yesterday")).hasMessageContaining("yesterday");
    }
}
