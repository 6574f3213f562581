package io.marketlake.futures;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketlake.databento.OhlcvBar;
import io.marketlake.databento.OhlcvReader;
import io.marketlake.features.FeatureValue;
import io.marketlake.ingest.Batch;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class FuturesFeaturesTest {

    private static final String HEADER = "ts_event,rtype,publisher_id,instrument_id,open,high,low,close,volume,symbol\n";
    private static final String DAY = "2026-02-13T00:00:00.000000000Z";

    private final List<FeatureValue> features = new FuturesFeatures().features("HE", read(
            HEADER
                    + DAY + ",35,1,1,92.0,92.5,91.5,92.25,100,HEJ6\n"
                    + DAY + ",35,1,2,89.5,89.9,89.1,89.75,100,HEG6\n"
                    + DAY + ",35,1,3,-2.5,-2.0,-3.0,-2.5,100,HEG6-HEJ6\n"
                    + DAY + ",35,1,4,87.0,87.5,86.5,87.25,100,HEG7\n"
                    + DAY + ",35,1,5,1.0,1.0,1.0,1.0,100,HE:BF J6-K6-M6\n"), null);

    @Test
    void a_daily_close_becomes_available_at_the_bar_end_never_at_its_open() {
        assertThat(features).allSatisfy(f -> {
            assertThat(f.asOf()).isEqualTo(Instant.parse("2026-02-13T00:00:00Z"));
            assertThat(f.availableAt()).isEqualTo(Instant.parse("2026-02-14T00:00:00Z"));
        });
    }

    @Test
    void only_outrights_become_contract_features() {
        assertThat(features).extracting(FeatureValue::feature).containsExactly(
                "futures.close.HEG6", "futures.close.HEG7", "futures.close.HEJ6", "futures.close.front");
    }

    @Test
    void front_is_the_nearest_expiring_outright_trading_that_day() {
        // HEG7 sorts before HEJ6 by name, but February 2027 expires after February 2026.
        assertThat(features).filteredOn(f -> f.feature().equals("futures.close.front")).singleElement()
                .satisfies(f -> assertThat(f.value()).isEqualTo(89.75));
    }

    @Test
    void intraday_bars_add_no_feature() {
        String minute = "2026-02-13T14:31:00.000000000Z,33,1,1,92.0,92.5,91.5,92.25,100,HEJ6\n";

        assertThat(new FuturesFeatures().features("HE", read(HEADER + minute), "ohlcv-1m")).isEmpty();
        assertThat(new FuturesFeatures().features("HE", read(HEADER + DAY + ",35,1,1,92.0,92.5,91.5,92.25,100,HEJ6\n"),
                "ohlcv-1d")).isNotEmpty();
    }

    private static Batch<OhlcvBar> read(String payload) {
        return new OhlcvReader().read(payload);
    }
}
