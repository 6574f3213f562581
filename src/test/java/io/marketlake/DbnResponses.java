package io.marketlake;

import io.marketlake.databento.DbnEncoder;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Databento responses as DBN v3 with zstd, as a DBN request is answered, made by the test encoder from the same
 * records in CSV or JSON (the bundled HE samples, recorded payloads, generated ones): what marketlake asks for by
 * default.
 */
public final class DbnResponses {

    private DbnResponses() {
    }

    /** A bundled or recorded ohlcv payload as the DBN answer to a parent request for that UTC date. */
    public static byte[] bars(String resource, String date) {
        return barsOf(TestResources.text(resource), "ohlcv-1d", LocalDate.parse(date));
    }

    /** Bars in text (symbols mapped) as the DBN answer to a parent request of {@code schema} for that UTC date. */
    public static byte[] barsOf(String text, String schema, LocalDate date) {
        Instant start = date.atStartOfDay(ZoneOffset.UTC).toInstant();
        return DbnEncoder.fromText(text, DbnEncoder.Request.parent(schema, start, start.plusSeconds(86_400),
                "HE.FUT"), true);
    }

    /** One response of an options chain (definition, statistics or quotes) as DBN for the HE parents. */
    public static byte[] chain(String text, String schema, Instant start, Instant end) {
        return DbnEncoder.fromText(text, DbnEncoder.Request.parent(schema, start, end, "HE.OPT", "HE.FUT"), true);
    }
}
