package io.marketlake.databento;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Databento field values as they appear in CSV and JSON, raw or pretty. Whether a value is pretty is decided
 * from the value itself, never from a request flag, so a payload parses the same whichever way it was asked for.
 */
public final class DatabentoValues {

    /** Databento's undefined price (i64 max); with pretty_px it is blank or null instead. */
    public static final long UNDEFINED_PRICE = Long.MAX_VALUE;
    private static final int PRICE_SCALE = 9;
    private static final double SCALE = 1e9;
    /** Integers up to 2^53 are exact doubles. */
    private static final long EXACT_DOUBLE = 1L << 53;

    private DatabentoValues() {
    }

    /**
     * A price in units, or null when undefined. Raw prices are int64 × 1e-9, divided (correctly rounded), never
     * multiplied by 1e-9 in doubles, so 3702750000000 is exactly 3702.75 and 91525000000 is 91.525.
     */
    public static Double price(String text) {
        if (isBlank(text)) {
            return null;
        }
        String value = text.trim();
        if (value.indexOf('.') >= 0) {
            return new BigDecimal(value).doubleValue();
        }
        long fixed = Long.parseLong(value);
        if (fixed == UNDEFINED_PRICE) {
            return null;
        }
        if (Math.abs(fixed) <= EXACT_DOUBLE) {
            // both operands are exact doubles and IEEE division rounds correctly: the same double as BigDecimal's
            return fixed / SCALE;
        }
        return BigDecimal.valueOf(fixed, PRICE_SCALE).doubleValue();
    }

    /**
     * A timestamp, or null when undefined: raw timestamps are u64 nanoseconds since the epoch, where 0 and
     * 2^64-1 mean undefined; pretty ones are ISO-8601 UTC with nine decimals.
     */
    public static Instant timestamp(String text) {
        if (isBlank(text)) {
            return null;
        }
        String value = text.trim();
        if (isDigits(value)) {
            long nanos = Long.parseUnsignedLong(value);
            if (nanos == 0 || nanos == -1L) {
                return null;
            }
            if (nanos < 0) {
                throw new IllegalArgumentException("timestamp out of range: " + value);
            }
            return Instant.ofEpochSecond(nanos / 1_000_000_000L, nanos % 1_000_000_000L);
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not a timestamp: " + value, e);
        }
    }

    /** An integer field; JSON carries 64-bit integers as strings, so text is the common form. */
    public static long integer(String text) {
        if (isBlank(text)) {
            throw new IllegalArgumentException("missing integer");
        }
        return Long.parseLong(text.trim());
    }

    static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }

    private static boolean isDigits(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) < '0' || value.charAt(i) > '9') {
                return false;
            }
        }
        return !value.isEmpty();
    }
}
