package io.marketlake.slices;

import java.time.Instant;

/** An alert: a symbol and the instant it fired, UTC. */
public record Alert(String alertId, String symbol, Instant ts) {
}
