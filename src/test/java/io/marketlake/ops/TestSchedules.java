package io.marketlake.ops;

import io.marketlake.Market;
import io.marketlake.Markets;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Two Chicago markets with the shipped schedules (config/application.properties), plus a test's own keys. */
public final class TestSchedules {

    public static final Markets MARKETS = new Markets(List.of(
            new Market("HE", "Lean Hogs", "CME", "HE", "054642", 400, ZoneId.of("America/Chicago")),
            new Market("LE", "Live Cattle", "CME", "LE", "057642", 400, ZoneId.of("America/Chicago"))));

    private static final Map<String, String> SHIPPED = Map.of(
            "marketlake.futures.cron", "0 30 20 ? * MON-FRI",
            "marketlake.futures.cron-timezone", "America/Chicago",
            "marketlake.options.cron", "0 30 14 ? * MON-FRI",
            "marketlake.options.cron-timezone", "America/Chicago",
            "marketlake.cot.cron", "0 35 15,18 ? * MON,FRI",
            "marketlake.cot.cron-timezone", "America/New_York",
            "marketlake.options.snapshot-time", "13:00");

    private TestSchedules() {
    }

    public static MarketSchedules with(Map<String, String> keys) {
        Map<String, String> all = new HashMap<>(SHIPPED);
        all.putAll(keys);
        return MarketSchedules.fromProperties(MARKETS, key -> Optional.ofNullable(all.get(key)));
    }
}
