package io.marketlake;

import java.time.LocalDate;

/** A range of dates a user asked for, [from, to]; either end may be open (null), but never reversed. */
public record DateRange(LocalDate from, LocalDate to) {

    public DateRange {
        if (from != null && to != null && to.isBefore(from)) {
            throw new ConfigurationException("--to " + to + " is before --from " + from);
        }
    }
}
