package io.marketlake;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * Instants as users write them in files: epoch seconds, milliseconds, microseconds or nanoseconds (told apart
 * by magnitude), or ISO-8601 with an explicit offset. A time without a zone is refused: guessing one could move
 * a value in time.
 */
public final class Timestamps {

    private static final BigDecimal MILLIS_FROM = BigDecimal.valueOf(100_000_000_000L);
    private static final BigDecimal MICROS_FROM = BigDecimal.valueOf(100_000_000_000_000L);
    private static final BigDecimal NANOS_FROM = new BigDecimal("100000000000000000");

    /** Instants in names (batch ids, dead letters): UTC, millisecond, sortable as text. */
    public static final java.time.format.DateTimeFormatter COMPACT =
            java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'").withZone(java.time.ZoneOffset.UTC);

    private Timestamps() {
    }

    /**
     * Epoch milliseconds rounded up: an instant stored this way is never earlier than the true one, so a value
     * available at 00:00:00.0009 becomes visible at 00:00:00.001, never at 00:00:00.000.
     */
    public static long ceilMillis(Instant instant) {
        long millis = instant.toEpochMilli();
        return instant.getNano() % 1_000_000 == 0 ? millis : Math.addExact(millis, 1);
    }

    /** Epoch milliseconds rounded down: a query time in milliseconds, comparable with instants rounded up. */
    public static long floorMillis(Instant instant) {
        return instant.toEpochMilli(); // Instant's nanos are never negative, so this is a floor
    }

    public static Instant parse(String text) {
        String value = text == null ? "" : text.trim();
        if (value.isEmpty() || value.equals("null")) {
            throw new IllegalArgumentException("time is missing");
        }
        if (value.matches("-?\\d+(\\.\\d+)?")) {
            BigDecimal number = new BigDecimal(value);
            BigDecimal magnitude = number.abs();
            int shift = magnitude.compareTo(MILLIS_FROM) < 0 ? 0 : magnitude.compareTo(MICROS_FROM) < 0 ? 3
                    : magnitude.compareTo(NANOS_FROM) < 0 ? 6 : 9;
            BigDecimal seconds = number.movePointLeft(shift);
            long whole = seconds.setScale(0, RoundingMode.FLOOR).longValueExact();
            long nanos = seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).longValue();
            return Instant.ofEpochSecond(whole, nanos);
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + value + "' is neither epoch seconds/milliseconds nor ISO-8601"
                    + " with an explicit offset (such as 2026-02-17T15:00:00Z)");
        }
    }
}
