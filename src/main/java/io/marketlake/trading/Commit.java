package io.marketlake.trading;

import java.time.Instant;

/** One version of a table: when it was committed, by which operation, and the import it came from. */
public record Commit(long version, Instant timestamp, String operation, String appId, Long appVersion) {
}
