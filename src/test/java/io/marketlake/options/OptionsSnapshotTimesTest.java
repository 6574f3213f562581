package io.marketlake.options;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketlake.databento.DatabentoAuth;
import io.marketlake.databento.DatabentoRequest;
import io.marketlake.ingest.HttpLimits;
import io.marketlake.ops.TestSchedules;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

/** A market's own snapshot time (marketlake.market.<m>.options.snapshot-time) moves its chain, no other market's. */
class OptionsSnapshotTimesTest {

    private final OptionsSettings settings = new OptionsSettings(
            TestSchedules.with(Map.of("marketlake.market.LE.options.snapshot-time", "13:30")),
            Duration.ofHours(5), Duration.ofDays(4), "mbp-1", 0.045, 50, 0.20, 8);

    @Test
    void a_markets_own_snapshot_time_moves_its_snapshot_and_request_window_only() {
        ChainSnapshots snapshots = new ChainSnapshots(TestSchedules.MARKETS, settings);

        // 13:30 and 13:00 in Chicago (CST)
        assertThat(snapshots.at("LE", "2026-02-17")).isEqualTo(Instant.parse("2026-02-17T19:30:00Z"));
        assertThat(snapshots.at("HE", "2026-02-17")).isEqualTo(Instant.parse("2026-02-17T19:00:00Z"));
        assertThat(windows("LE")).containsExactly(
                "definition 2026-02-17 .. 2026-02-17T19:30:00.000000001Z",
                "statistics 2026-02-13T19:30:00Z .. 2026-02-17T19:30:00.000000001Z",
                "mbp-1 2026-02-17T14:30:00Z .. 2026-02-17T19:30:00.000000001Z");
        assertThat(windows("HE")).containsExactly(
                "definition 2026-02-17 .. 2026-02-17T19:00:00.000000001Z",
                "statistics 2026-02-13T19:00:00Z .. 2026-02-17T19:00:00.000000001Z",
                "mbp-1 2026-02-17T14:00:00Z .. 2026-02-17T19:00:00.000000001Z");
    }

    /** Each request of the market's chain on 2026-02-17: its schema, start and end. */
    private List<String> windows(String market) {
        // the key is only checked for presence: surefire sets DATABENTO_API_KEY
        DatabentoRequest request = new DatabentoRequest(new DatabentoAuth("DATABENTO_API_KEY", new HttpLimits(
                Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1), 1)), TestSchedules.MARKETS,
                "GLBX.MDP3", "csv", settings);
        return request.optionsChain(market, "2026-02-17", new DefaultExchange(new DefaultCamelContext())).stream()
                .map(download -> form(download.form()))
                .map(form -> form.get("schema") + " " + form.get("start") + " .. " + form.get("end"))
                .toList();
    }

    private static Map<String, String> form(String body) {
        return Arrays.stream(body.split("&")).map(pair -> pair.split("=", 2)).collect(Collectors.toMap(
                pair -> pair[0], pair -> URLDecoder.decode(pair[1], StandardCharsets.UTF_8)));
    }
}
