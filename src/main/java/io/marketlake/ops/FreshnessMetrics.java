package io.marketlake.ops;

import io.marketlake.Market;
import io.marketlake.Markets;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * marketlake's own series beside Camel's route metrics, per source and market: rows written and rejected and dead
 * letters since the start (counters), and from the stores the last success (epoch seconds), the freshness age
 * and whether the feed is fresh (1) or not (0). A scrape asks the stores once per feed however many series read
 * it: the answer is kept for a second.
 */
public final class FreshnessMetrics implements MeterBinder {

    private static final Duration KEEP = Duration.ofSeconds(1);

    private final Supplier<Freshness> freshness;
    private final PipelineStats stats;
    private final Markets markets;
    private final Clock clock;
    private final Map<String, Kept> kept = new ConcurrentHashMap<>();

    private record Kept(Instant at, Freshness.Feed feed) {
    }

    public FreshnessMetrics(Supplier<Freshness> freshness, PipelineStats stats, Markets markets, Clock clock) {
        this.freshness = freshness;
        this.stats = stats;
        this.markets = markets;
        this.clock = clock;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (Market market : markets.all()) {
            for (String source : freshness.get().sources()) {
                Tags tags = Tags.of("source", source, "market", market.code());
                SourceStats counts = stats.of(source, market.code());
                FunctionCounter.builder("marketlake.rows.written", counts, SourceStats::getRowsWritten)
                        .description("rows written to the lake since the start").tags(tags).register(registry);
                FunctionCounter.builder("marketlake.rows.rejected", counts, SourceStats::getRowsRejected)
                        .description("records rejected to quarantine since the start").tags(tags).register(registry);
                FunctionCounter.builder("marketlake.dead.letters", counts, SourceStats::getDeadLetters)
                        .description("ingests dead-lettered since the start").tags(tags).register(registry);
                Gauge.builder("marketlake.last.success", () -> lastSuccess(source, market.code()))
                        .description("completion of the newest complete batch, epoch seconds (NaN: none)")
                        .baseUnit("seconds").tags(tags).register(registry);
                Gauge.builder("marketlake.freshness.age", () -> age(source, market.code()))
                        .description("time since the newest complete trading date ended (NaN: none)")
                        .baseUnit("seconds").tags(tags)
                        .register(registry);
                Gauge.builder("marketlake.fresh", () -> feed(source, market.code()).up() ? 1 : 0)
                        .description("1 while the feed is fresh, else 0 (stale, or its last run dead-lettered)")
                        .tags(tags).register(registry);
            }
        }
    }

    private double lastSuccess(String source, String market) {
        Freshness.Feed feed = feed(source, market);
        return feed.newest() == null ? Double.NaN : feed.newest().completedAt().getEpochSecond();
    }

    private double age(String source, String market) {
        Freshness.Feed feed = feed(source, market);
        return feed.age() == null ? Double.NaN : feed.age().toMillis() / 1000.0;
    }

    private Freshness.Feed feed(String source, String market) {
        Instant now = clock.instant();
        return kept.compute(source + "/" + market, (key, old) -> old != null && old.at().plus(KEEP).isAfter(now)
                ? old : new Kept(now, freshness.get().of(source, market))).feed();
    }
}
