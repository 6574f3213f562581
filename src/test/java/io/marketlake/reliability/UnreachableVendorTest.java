package io.marketlake.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Properties;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Databento out of reach: nothing listening, or a handshake never answered. */
class UnreachableVendorTest extends FaultMatrix {

    private static int closedPort;
    private static ScriptedServer.Blackhole blackhole;

    @BeforeAll
    static void outOfReach() throws IOException {
        closedPort = ScriptedServer.closedPort();
        blackhole = new ScriptedServer.Blackhole();
    }

    @AfterAll
    static void close() throws IOException {
        blackhole.close();
    }

    @Override
    protected Properties useOverridePropertiesWithPropertiesComponent() {
        Properties properties = super.useOverridePropertiesWithPropertiesComponent();
        // Databento refuses; the CFTC never answers the handshake
        properties.put("marketlake.databento.base-url", "http://127.0.0.1:" + closedPort);
        properties.put("marketlake.cftc.base-url", blackhole.baseUrl());
        return properties;
    }

    @Test
    void a_refused_connection_is_retried_then_dead_lettered_and_the_day_stays_pending() {
        fault("Databento: connection refused");

        Exchange exchange = ingestFutures("HE", "2026-02-13");

        assertThat(deadLetterOf(exchange)).isNotNull();
        assertThat(singleDeadLetter().get("reason").asText()).containsIgnoringCase("refused");
        rows(0, lakeReader().read("futures", "HE", null, null, true).rows().size());
        assertThat(complete("futures", "futures", java.time.LocalDate.of(2026, 2, 13))).isFalse();
        assertThat(errors()).isNotEmpty();
    }

    @Test
    void a_handshake_never_answered_trips_the_connect_timeout_and_is_dead_lettered() {
        fault("CFTC: connect timeout (handshake never answered)");

        Exchange exchange = CftcFaultsTest.ingestCot(template, java.time.LocalDate.of(2024, 1, 9));

        assertThat(deadLetterOf(exchange)).isNotNull();
        assertThat(singleDeadLetter().get("reason").asText()).containsIgnoringCase("timed out");
        rows(0, lakeReader().read("cot", "HE", null, null, true).rows().size());
        assertThat(errors()).isNotEmpty();
    }
}
