package io.marketlake.databento;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.marketlake.ConfigurationException;
import io.marketlake.Market;
import io.marketlake.Markets;
import io.marketlake.ingest.HttpLimits;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The form of a get_range request in each encoding (Databento: pretty_px, pretty_ts, map_symbols are text-only). */
class DatabentoRequestTest {

    private static final Markets MARKETS = new Markets(List.of(new Market("HE", "Lean Hogs", "CME", "HE", "054642",
            400, ZoneId.of("America/Chicago"))));

    @Test
    void dbn_is_asked_zstd_compressed_without_the_text_only_fields() {
        Map<String, String> form = dailyForm("dbn");

        assertThat(form).containsEntry("encoding", "dbn").containsEntry("compression", "zstd")
                .doesNotContainKeys("map_symbols", "pretty_px", "pretty_ts")
                .containsEntry("symbols", "HE.FUT").containsEntry("stype_in", "parent")
                .containsEntry("schema", "ohlcv-1d").containsEntry("start", "2026-02-17")
                .containsEntry("end", "2026-02-18");
    }

    @ParameterizedTest
    @ValueSource(strings = {"csv", "json"})
    void text_is_asked_uncompressed_with_symbols_mapped(String encoding) {
        assertThat(dailyForm(encoding)).containsEntry("encoding", encoding).containsEntry("compression", "none")
                .containsEntry("map_symbols", "true").doesNotContainKeys("pretty_px", "pretty_ts");
    }

    @ParameterizedTest
    @ValueSource(strings = {"parquet", "DBNZ", ""})
    void an_unknown_encoding_is_a_configuration_error_naming_the_key(String encoding) {
        assertThatThrownBy(() -> request(encoding)).isInstanceOf(ConfigurationException.class)
                .hasMessage("marketlake.databento.encoding must be one of dbn, csv, json, not '" + encoding + "'");
    }

    private static Map<String, String> dailyForm(String encoding) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        String body = request(encoding).ohlcv("HE", "2026-02-17", null, exchange);
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            form.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return form;
    }

    private static DatabentoRequest request(String encoding) {
        HttpLimits limits = new HttpLimits(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1), 1024);
        return new DatabentoRequest(new DatabentoAuth("DATABENTO_API_KEY", limits), MARKETS, "GLBX.MDP3", encoding,
                null);
    }
}
