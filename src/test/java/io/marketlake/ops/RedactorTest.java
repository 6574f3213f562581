package io.marketlake.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every way a vendor's error body may echo the credentials of our request comes out as "***". */
class RedactorTest {

    // set for the tests by the surefire configuration in pom.xml
    static final String KEY = System.getenv("DATABENTO_API_KEY");
    static final String TOKEN = base64(Base64.getEncoder(), KEY + ":");

    private final Redactor redactor = new Redactor("DATABENTO_API_KEY");

    /** The key and the Basic token of DatabentoAuth, as an echo may spell them. */
    static Stream<Arguments> echoes() {
        Base64.Encoder standard = Base64.getEncoder();
        Base64.Encoder urlSafe = Base64.getUrlEncoder();
        return Stream.of(
                Arguments.of("the key", KEY),
                Arguments.of("the Basic token", TOKEN),
                Arguments.of("the token without padding", base64(standard.withoutPadding(), KEY + ":")),
                Arguments.of("the token URL-safe", base64(urlSafe, KEY + ":")),
                Arguments.of("the token URL-safe without padding", base64(urlSafe.withoutPadding(), KEY + ":")),
                Arguments.of("the key in base64", base64(standard, KEY)),
                Arguments.of("the key in base64 without padding", base64(standard.withoutPadding(), KEY)),
                Arguments.of("the key in URL-safe base64", base64(urlSafe, KEY)),
                Arguments.of("the key in URL-safe base64 without padding", base64(urlSafe.withoutPadding(), KEY)),
                Arguments.of("the key URL-encoded", URLEncoder.encode(KEY, StandardCharsets.UTF_8)),
                Arguments.of("every byte of the key percent-encoded", percentEncoded(KEY, true)),
                Arguments.of("every byte of the key percent-encoded in lower case", percentEncoded(KEY, false)),
                Arguments.of("the key percent-encoded twice", percentEncoded(KEY, true).replace("%", "%25")),
                Arguments.of("the token URL-encoded", URLEncoder.encode(TOKEN, StandardCharsets.UTF_8)),
                Arguments.of("the key as JSON unicode escapes", jsonEscaped(KEY)),
                Arguments.of("the key's dashes JSON-escaped", KEY.replace("-", "\\u002d")),
                Arguments.of("the token with its padding JSON-escaped", TOKEN.replace("=", "\\u003d")),
                Arguments.of("the key in a JSON string inside a JSON string", jsonEscaped(KEY).replace("\\", "\\\\")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("echoes")
    void an_echo_of_the_credentials_is_masked(String form, String echo) {
        assertThat(echo).isNotBlank();

        assertThat(redactor.redact("Databento said: " + echo + " (request 42)"))
                .isEqualTo("Databento said: *** (request 42)");
    }

    @Test
    void a_quoted_basic_credential_keeps_its_scheme_and_loses_its_token() {
        assertThat(redactor.redact("{\"detail\":\"bad credentials \\\"Basic " + TOKEN + "\\\"\"}"))
                .isEqualTo("{\"detail\":\"bad credentials \\\"Basic ***\\\"\"}");
    }

    @Test
    void an_authorization_header_echoed_in_json_keeps_its_name_and_scheme() {
        assertThat(redactor.redact("{\"headers\":{\"Authorization\":\"Basic " + TOKEN + "\"}}"))
                .isEqualTo("{\"headers\":{\"Authorization\":\"Basic ***\"}}");
    }

    /** A payload that embeds the key, base64-encoded as a whole: the key's bytes can fall on any of 3 offsets. */
    @ParameterizedTest(name = "after [{0}]")
    @MethodSource("blobs")
    void the_key_inside_a_longer_base64_blob_is_masked_from_where_it_starts(String prefix) {
        String blob = base64(Base64.getEncoder(), prefix + KEY + ":x");
        // characters before the key's first byte may stay: they encode the prefix only
        int prefixCharacters = (8 * prefix.length() + 5) / 6;

        assertThat(redactor.redact("payload " + blob + " end"))
                .matches("payload [A-Za-z0-9+/]{0," + prefixCharacters + "}\\*\\*\\* end");
    }

    static Stream<String> blobs() {
        return Stream.of("", "{", "{\"", "{\"api_key\":\"");
    }

    @Test
    void any_databento_shaped_key_is_masked_even_when_it_is_not_ours() {
        String otherKey = "db-" + "Xy7".repeat(10);

        assertThat(redactor.redact("keys " + otherKey + " and " + base64(Base64.getEncoder(), otherKey + ":")))
                .isEqualTo("keys *** and ***");
    }

    @Test
    void a_bearer_token_of_any_service_is_masked() {
        assertThat(redactor.redact("retry with Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl please"))
                .isEqualTo("retry with Bearer *** please");
    }

    @Test
    void an_authorization_header_with_any_scheme_is_masked() {
        assertThat(redactor.redact("Authorization: Token abc123def456\nAccept: text/csv"))
                .isEqualTo("Authorization: Token ***\nAccept: text/csv");
    }

    @Test
    void prose_about_basic_checks_and_bearers_is_left_alone() {
        String prose = "basic validation failed for 3 records of db-lake; the bearer of bad news is the vendor";

        assertThat(redactor.redact(prose)).isEqualTo(prose);
    }

    @Test
    void without_a_key_in_the_environment_only_key_shaped_text_is_masked() {
        Redactor unset = new Redactor("MARKETLAKE_TEST_VARIABLE_THAT_IS_NOT_SET");

        assertThat(unset.redact("HTTP 401 for HE on 2026-02-13: Basic " + TOKEN))
                .isEqualTo("HTTP 401 for HE on 2026-02-13: Basic ***");
    }

    @Test
    void the_process_wide_redactor_reads_the_variable_it_was_installed_with() {
        try {
            Redactor installed = Redactor.install("MARKETLAKE_TEST_VARIABLE_THAT_IS_NOT_SET");

            assertThat(Redactor.global()).isSameAs(installed);
            assertThat(Redactor.global().redact("key " + KEY)).isEqualTo("key " + KEY);
        } finally {
            Redactor.install(Redactor.DEFAULT_KEY_VARIABLE);
        }
    }

    @Test
    void the_process_wide_redactor_reads_the_databento_variable_by_default() {
        assertThat(Redactor.global().redact("key " + KEY)).isEqualTo("key ***");
    }

    static String base64(Base64.Encoder encoder, String text) {
        return encoder.encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    static String percentEncoded(String text, boolean upperCase) {
        HexFormat hex = upperCase ? HexFormat.of().withUpperCase() : HexFormat.of();
        StringBuilder encoded = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            encoded.append('%').append(hex.toHexDigits(b));
        }
        return encoded.toString();
    }

    static String jsonEscaped(String text) {
        return text.chars().mapToObj(c -> String.format("\\u%04x", c)).collect(Collectors.joining());
    }
}
