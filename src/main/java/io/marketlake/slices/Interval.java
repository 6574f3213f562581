package io.marketlake.slices;

import io.marketlake.lake.LakeColumns;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A candle interval such as 1m, 5m, 1h, 1d (UTC); anchors are floored to it from the epoch. */
public record Interval(String text, Duration duration) {

    private static final Pattern FORM = Pattern.compile("(\\d+)([smhd])");

    public static Interval parse(String text) {
        Matcher matcher = FORM.matcher(text.trim());
        if (!matcher.matches() || Long.parseLong(matcher.group(1)) == 0) {
            throw new IllegalArgumentException("interval must be like 1m, 5m, 1h or 1d, not '" + text + "'");
        }
        long n = Long.parseLong(matcher.group(1));
        Duration duration = switch (matcher.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
        return new Interval(text.trim(), duration);
    }

    public long micros() {
        return duration.toNanos() / 1_000;
    }

    public Instant floor(Instant instant) {
        return LakeColumns.instant(Math.floorDiv(LakeColumns.micros(instant), micros()) * micros());
    }
}
