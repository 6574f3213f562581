package io.marketlake;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * A day of HE minute bars in Databento's pretty, symbol-mapped ohlcv-1m CSV, 2026-02-17: HEJ6 every minute
 * 14:30..15:29 UTC but 15:00..15:04 (55 bars), HEK6 14:30..14:39 (10) and the HEJ6-HEK6 spread 14:30..14:39 at
 * negative prices (10): 75 bars.
 */
public final class MinuteBars {

    public static final int BARS = 75;
    private static final String HEADER = "ts_event,rtype,publisher_id,instrument_id,open,high,low,close,volume,symbol\n";

    private MinuteBars() {
    }

    public static String day() {
        StringBuilder csv = new StringBuilder(HEADER);
        Instant start = Instant.parse("2026-02-17T14:30:00Z");
        for (int m = 0; m < 60; m++) {
            Instant open = start.plus(Duration.ofMinutes(m));
            if (m < 30 || m >= 35) {
                line(csv, open, 1, 91.0 + m * 0.025, "HEJ6");
            }
            if (m < 10) {
                line(csv, open, 2, 96.0 + m * 0.025, "HEK6");
                line(csv, open, 3, -5.0 - m * 0.05, "HEJ6-HEK6");
            }
        }
        return csv.toString();
    }

    private static void line(StringBuilder csv, Instant open, int instrument, double close, String symbol) {
        csv.append(open.toString().replace("Z", ".000000000Z")).append(",33,1,").append(instrument)
                .append(',').append(price(close)).append(',').append(price(close + 0.1)).append(',')
                .append(price(close - 0.1)).append(',').append(price(close)).append(",7,").append(symbol).append('\n');
    }

    private static String price(double value) {
        return String.format(Locale.ROOT, "%.9f", value);
    }
}
