package io.marketlake.ops;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** Counters of one source and market since the process started. */
public final class SourceStats implements SourceStatsMBean {

    private final String source;
    private final String market;
    private final Clock clock;
    private final AtomicReference<Instant> lastSuccess = new AtomicReference<>();
    private final AtomicReference<Instant> lastFailure = new AtomicReference<>();
    private final AtomicReference<String> lastFailureReason = new AtomicReference<>("");
    private final AtomicLong rowsWritten = new AtomicLong();
    private final AtomicLong rowsRejected = new AtomicLong();
    private final AtomicLong deadLetters = new AtomicLong();

    SourceStats(String source, String market, Clock clock) {
        this.source = source;
        this.market = market;
        this.clock = clock;
    }

    void success(long written, long rejected) {
        rowsWritten.addAndGet(written);
        rowsRejected.addAndGet(rejected);
        lastSuccess.set(clock.instant());
    }

    void deadLetter(String reason) {
        deadLetters.incrementAndGet();
        lastFailure.set(clock.instant());
        lastFailureReason.set(reason);
    }

    @Override
    public String getSource() {
        return source;
    }

    @Override
    public String getMarket() {
        return market;
    }

    @Override
    public String getLastSuccess() {
        Instant at = lastSuccess.get();
        return at == null ? "" : at.toString();
    }

    @Override
    public long getSecondsSinceLastSuccess() {
        Instant at = lastSuccess.get();
        return at == null ? -1 : Duration.between(at, clock.instant()).toSeconds();
    }

    @Override
    public long getRowsWritten() {
        return rowsWritten.get();
    }

    @Override
    public long getRowsRejected() {
        return rowsRejected.get();
    }

    @Override
    public long getDeadLetters() {
        return deadLetters.get();
    }

    @Override
    public String getLastFailure() {
        Instant at = lastFailure.get();
        return at == null ? "" : at.toString();
    }

    @Override
    public String getLastFailureReason() {
        return lastFailureReason.get();
    }
}
