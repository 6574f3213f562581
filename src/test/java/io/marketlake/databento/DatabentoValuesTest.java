package io.marketlake.databento;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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

    @ParameterizedTest
    @ValueSource(strings = {"9223372036854775808", "-9223372036854775809", "123456789012345678901234567890"})
    void a_raw_price_beyond_int64_is_an_error_naming_it(String text) {
        assertThatThrownBy(() -> DatabentoValues.price(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("price out of range").hasMessageContaining(text);
    }

    @Test
    void a_pretty_price_beyond_what_int64_nanounits_hold_is_an_error_naming_it() {
        assertThatThrownBy(() -> DatabentoValues.price("9223372036.854775808"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("price out of range").hasMessageContaining("9223372036.854775808");
    }

    @ParameterizedTest
    @ValueSource(strings = {"NaN", "Infinity", "-Infinity", "1e5", "1.5E3", "0x10", "3702.75.0", ".5", "3702."})
    void price_text_that_is_no_decimal_number_is_an_error_naming_it(String text) {
        assertThatThrownBy(() -> DatabentoValues.price(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a price: " + text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"9223372036854775808", "18446744073709551614", "99999999999999999999999",
        "2262-04-12T00:00:00Z", "+10000-01-01T00:00:00Z"})
    void a_timestamp_after_2262_is_an_error_naming_it(String text) {
        assertThatThrownBy(() -> DatabentoValues.timestamp(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("timestamp out of range: " + text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "-1609113600000000000", "1969-12-31T23:59:59.999999999Z"})
    void a_timestamp_before_1970_is_an_error_naming_it(String text) {
        assertThatThrownBy(() -> DatabentoValues.timestamp(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("timestamp out of range: " + text);
    }

    @Test
    void the_last_instant_int64_nanoseconds_hold_is_a_timestamp() {
        assertThat(DatabentoValues.timestamp("9223372036854775807"))
                .isEqualTo(Instant.parse("2262-04-11T23:47:16.854775807Z"));
        assertThat(DatabentoValues.timestamp("2262-04-11T23:47:16.854775807Z"))
                .isEqualTo(Instant.parse("2262-04-11T23:47:16.854775807Z"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"123456789012345678901234567890", "9223372036854775808", "-9223372036854775809"})
    void an_integer_beyond_int64_is_an_error_naming_it(String text) {
        assertThatThrownBy(() -> DatabentoValues.integer(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("integer out of range (int64): " + text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"NaN", "Infinity", "12.0", "1e3", "twelve"})
    void integer_text_that_is_no_integer_is_an_error_naming_it(String text) {
        assertThatThrownBy(() -> DatabentoValues.integer(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not an integer: " + text);
    }

    @Test
    void a_hostile_value_is_named_shortened_in_the_error() {
        String text = "9".repeat(70_000);

        assertThatThrownBy(() -> DatabentoValues.integer(text))
                .hasMessageStartingWith("integer out of range (int64): 9999")
                .hasMessageEndingWith("... (70000 characters)");
    }

    @Test
    void binary_fixed_point_prices_scale_as_raw_text_does() {
        assertThat(DatabentoValues.price(91525000000L)).isEqualTo(DatabentoValues.price("91525000000"));
        assertThat(DatabentoValues.price(DatabentoValues.UNDEFINED_PRICE)).isNull();
        assertThat(DatabentoValues.fixedPrice("91.525000000")).isEqualTo(91525000000L);
        assertThat(DatabentoValues.fixedPrice("")).isEqualTo(DatabentoValues.UNDEFINED_PRICE);
    }

    @Test
    void binary_timestamps_are_the_instants_of_raw_text() {
        assertThat(DatabentoValues.timestamp(1609088715926494829L))
                .isEqualTo(DatabentoValues.timestamp("1609088715926494829"));
        assertThat(DatabentoValues.timestamp(0L)).isNull();
        assertThat(DatabentoValues.timestamp(-1L)).isNull();
        assertThatThrownBy(() -> DatabentoValues.timestamp(-2L))
                .hasMessage("timestamp out of range: 18446744073709551614");
    }
}
