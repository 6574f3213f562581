package io.marketlake.ops;

import java.util.Map;
import java.util.function.Supplier;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * The readiness check of one feed of one market ({@code marketlake/freshness-futures-HE}): UP while fresh, DOWN
 * with the age and the threshold when stale, DOWN with the reason when its last run was dead-lettered. Not a
 * liveness check: stale data is no reason to restart the daemon.
 */
public final class FreshnessCheck extends AbstractHealthCheck {

    private final Supplier<Freshness> freshness;
    private final String source;
    private final String market;

    public FreshnessCheck(Supplier<Freshness> freshness, String source, String market) {
        super("marketlake", "freshness-" + source + "-" + market);
        this.freshness = freshness;
        this.source = source;
        this.market = market;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        Freshness.Feed feed = freshness.get().of(source, market);
        builder.detail("source", source).detail("market", market).detail("state", feed.state().label())
                .detail("max_age_seconds", feed.maxAge().getSeconds()).detail("dead_letters", feed.deadLetters());
        if (feed.newest() != null) {
            builder.detail("last_success", feed.newest().completedAt().toString())
                    .detail("trading_date", feed.newestDate().toString())
                    .detail("age_seconds", feed.age().getSeconds());
        }
        builder.message(feed.describe());
        if (feed.up()) {
            builder.up();
        } else {
            builder.down();
        }
    }
}
