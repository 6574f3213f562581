package io.marketlake.databento;

import java.math.BigDecimal;
import java.math.RoundingMode;
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
    /** The largest price a raw int64 × 1e-9 can carry, as pretty_px writes it. */
    private static final BigDecimal MAX_PRETTY_PRICE = BigDecimal.valueOf(Long.MAX_VALUE, PRICE_SCALE);
    /** Databento timestamps are int64 nanoseconds since the epoch: none lies after this. */
    private static final Instant LAST_TIMESTAMP = Instant.ofEpochSecond(Long.MAX_VALUE / 1_000_000_000L,
            Long.MAX_VALUE % 1_000_000_000L);
    private static final int SHOWN_LENGTH = 40;

    private DatabentoValues() {
    }

    /**
     * A price in units, or null when undefined. Raw prices are int64 × 1e-9 and go through {@link #price(long)};
     * pretty ones are the same fixed-point number written with its decimals, so both give the same double.
     *
     * @throws IllegalArgumentException naming the value when it is no decimal number (NaN, Infinity, exponents)
     *     or outside int64 × 1e-9
     */
    public static Double price(String text) {
        return price(fixedPrice(text));
    }

    /**
     * A price as Databento's fixed-point integer (units of 1e-9), {@link #UNDEFINED_PRICE} when blank. A pretty
     * price is scaled exactly (pretty_px writes nine decimals; more are rounded half-even).
     *
     * @throws IllegalArgumentException as {@link #price(String)}
     */
    public static long fixedPrice(String text) {
        if (isBlank(text)) {
            return UNDEFINED_PRICE;
        }
        String value = text.trim();
        if (value.indexOf('.') >= 0) {
            if (!isDecimal(value)) {
                throw new IllegalArgumentException("not a price: " + shown(value));
            }
            BigDecimal decimal = new BigDecimal(value);
            if (decimal.abs().compareTo(MAX_PRETTY_PRICE) > 0) {
                throw new IllegalArgumentException("price out of range (int64 x 1e-9): " + shown(value));
            }
            return decimal.setScale(PRICE_SCALE, RoundingMode.HALF_EVEN).unscaledValue().longValue();
        }
        return parseLong(value, "price", "not a price");
    }

    /**
     * A fixed-point price (int64 × 1e-9) in units, or null when it is {@link #UNDEFINED_PRICE}: the one place where
     * Databento's prices are scaled, for text and binary records alike. Divided (correctly rounded), never
     * multiplied by 1e-9 in doubles, so 3702750000000 is exactly 3702.75 and 91525000000 is 91.525.
     */
    public static Double price(long fixed) {
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
     *
     * @throws IllegalArgumentException naming the value when it is no timestamp or outside what Databento's
     *     int64 nanoseconds hold (before 1970, after 2262-04-11)
     */
    public static Instant timestamp(String text) {
        if (isBlank(text)) {
            return null;
        }
        String value = text.trim();
        if (isDigits(value)) {
            long nanos;
            try {
                nanos = Long.parseUnsignedLong(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("timestamp out of range: " + shown(value), e);
            }
            return timestamp(nanos);
        }
        if (value.startsWith("-") && isDigits(value.substring(1))) {
            throw new IllegalArgumentException("timestamp out of range: " + shown(value));
        }
        Instant instant;
        try {
            instant = Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not a timestamp: " + shown(value), e);
        }
        if (instant.isBefore(Instant.EPOCH) || instant.isAfter(LAST_TIMESTAMP)) {
            throw new IllegalArgumentException("timestamp out of range: " + shown(value));
        }
        return instant;
    }

    /**
     * A timestamp of u64 nanoseconds since the epoch (held in a long), or null when undefined (0 or 2^64-1): the one
     * place where Databento's timestamps become instants, for text and binary records alike.
     *
     * @throws IllegalArgumentException when it lies after what int64 nanoseconds hold (2262-04-11)
     */
    public static Instant timestamp(long nanos) {
        if (isUndefinedTimestamp(nanos)) {
            return null;
        }
        checkTimestamp(nanos);
        return Instant.ofEpochSecond(nanos / 1_000_000_000L, nanos % 1_000_000_000L);
    }

    /** Whether u64 nanoseconds are Databento's undefined time (0 or 2^64-1). */
    public static boolean isUndefinedTimestamp(long nanos) {
        return nanos == 0 || nanos == -1L;
    }

    /** Checks defined u64 nanoseconds without making an instant (the binary reader's hot path). */
    static void checkTimestamp(long nanos) {
        if (nanos < 0 && nanos != -1L) {
            throw new IllegalArgumentException("timestamp out of range: " + Long.toUnsignedString(nanos));
        }
    }

    /** A timestamp (raw or pretty) as u64 nanoseconds since the epoch, 0 when undefined. */
    public static long timestampNanos(String text) {
        Instant instant = timestamp(text);
        return instant == null ? 0 : nanos(instant);
    }

    /** An instant within int64 nanoseconds as nanoseconds since the epoch. */
    static long nanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }

    /**
     * A statistic's quantity, or null when unset: i64 max (DBN v3 and text alike; DBN v1/v2's i32 max is turned into
     * it when upgraded). It is never blanked, even with pretty values.
     */
    public static Long quantity(long value) {
        return value == Long.MAX_VALUE ? null : value;
    }

    /**
     * An integer field; JSON carries 64-bit integers as strings, so text is the common form.
     *
     * @throws IllegalArgumentException naming the value when it is missing, no integer or outside int64
     */
    public static long integer(String text) {
        if (isBlank(text)) {
            throw new IllegalArgumentException("missing integer");
        }
        return parseLong(text.trim(), "integer", "not an integer");
    }

    /** A small integer field (rtype, publisher_id, stat_type): a value beyond int32 is an error, not truncated. */
    public static int int32(String text) {
        long value = integer(text);
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("integer " + value + " is out of range for this field");
        }
        return (int) value;
    }

    private static long parseLong(String value, String kind, String notOne) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            boolean digits = isDigits(value.startsWith("-") ? value.substring(1) : value);
            throw new IllegalArgumentException((digits ? kind + " out of range (int64): " : notOne + ": ")
                    + shown(value), e);
        }
    }

    /** The value for a message: a hostile one can be 64 KiB long. */
    private static String shown(String value) {
        return value.length() <= SHOWN_LENGTH ? io.marketlake.ops.Redactor.global().redact(value)
                : io.marketlake.ops.Redactor.shortened(value, SHOWN_LENGTH, "... (" + value.length() + " characters)");
    }

    /** Digits with one decimal point between digits, optionally negative: what pretty_px writes. */
    private static boolean isDecimal(String value) {
        int digitsStart = value.startsWith("-") ? 1 : 0;
        int point = value.indexOf('.');
        return point > digitsStart && point < value.length() - 1
                && isDigits(value.substring(digitsStart, point)) && isDigits(value.substring(point + 1));
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
