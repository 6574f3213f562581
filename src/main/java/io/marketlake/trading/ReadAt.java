package io.marketlake.trading;

import java.time.Instant;

/** Which state of a table to read: the latest, a version, or the state at an instant. */
public record ReadAt(Long version, Instant asOf) {

    public static ReadAt latest() {
        return new ReadAt(null, null);
    }

    public static ReadAt version(long version) {
        return new ReadAt(version, null);
    }

    public static ReadAt asOf(Instant instant) {
        return new ReadAt(null, instant);
    }

    @Override
    public String toString() {
        return version != null ? "version " + version : asOf != null ? "as of " + asOf : "latest";
    }
}
