package io.marketlake.ops;

import org.apache.camel.builder.RouteBuilder;

/**
 * One trigger route per source and market ({@code futures-daily-HE}), from the source's route template in
 * routes/&lt;source&gt;.yaml, with the market's cron and zone. Camel Main adds templated routes after every route
 * file's templates, so this builder, bound in the registry, needs no ordering of its own.
 */
public final class ScheduleTriggers extends RouteBuilder {

    private final MarketSchedules schedules;

    public ScheduleTriggers(MarketSchedules schedules) {
        this.schedules = schedules;
    }

    @Override
    public void configure() {
        for (MarketSchedules.Trigger trigger : schedules.triggers()) {
            templatedRoute(trigger.template())
                    .routeId(trigger.routeId())
                    .parameter("market", trigger.market())
                    .parameter("cron", trigger.cron())
                    .parameter("timezone", trigger.zone().getId());
        }
    }
}
