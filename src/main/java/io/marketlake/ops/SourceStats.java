package io.marketlake.ops;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Counters of one source and market since the process started, and its freshness as the stores tell it
 * ({@link Freshness}), so the figures are right after a restart too.
 */
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
    private final Supplier<Freshness.Feed> feed;

    SourceStats(String source, String market, Clock clock, Supplier<Freshness.Feed> feed) {
        this.source = source;
        this.market = market;
        this.clock = clock;
        this.feed = feed;
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

    @Override
    public String getFreshness() {
        Freshness.Feed now = feed.get();
        return now == null ? "" : now.state().label();
    }

    @Override
    public String getFreshnessDetail() {
        Freshness.Feed now = feed.get();
        return now == null ? "" : now.describe();
    }

    @Override
    public String getNewestTradingDate() {
        Freshness.Feed now = feed.get();
        return now == null || now.newestDate() == null ? "" : now.newestDate().toString();
    }

    @Override
    public long getFreshnessAgeSeconds() {
        Freshness.Feed now = feed.get();
        return now == null || now.age() == null ? -1 : now.age().getSeconds();
    }
}
