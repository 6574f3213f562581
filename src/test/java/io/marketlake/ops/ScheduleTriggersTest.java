package io.marketlake.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketlake.RouteTestSupport;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.camel.ServiceStatus;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.component.quartz.QuartzComponent;
import org.junit.jupiter.api.Test;
import org.quartz.CronTrigger;
import org.quartz.Scheduler;
import org.quartz.Trigger;
import org.quartz.TriggerKey;

/** The daemon's triggers: one per source and market, from the route templates of routes/*.yaml. */
class ScheduleTriggersTest extends RouteTestSupport {

    // Years ahead, so no trigger fires on its own while a test runs.
    private static final String FUTURES_CRON = "0 30 20 ? * MON-FRI 2099";
    private static final String LE_FUTURES_CRON = "0 0 16 ? * MON-FRI 2099";

    @Override
    protected Properties useOverridePropertiesWithPropertiesComponent() {
        Properties properties = super.useOverridePropertiesWithPropertiesComponent();
        properties.put("marketlake.schedules.enabled", "true");
        properties.put("marketlake.schedules.catch-up-days", "0");
        properties.put("marketlake.futures.cron", FUTURES_CRON);
        properties.put("marketlake.options.cron", "0 30 14 ? * MON-FRI 2099");
        properties.put("marketlake.cot.cron", "0 35 15,18 ? * MON,FRI 2099");
        properties.put("marketlake.markets", "HE,LE");
        properties.put("marketlake.market.LE.name", "Live Cattle");
        properties.put("marketlake.market.LE.exchange", "CME");
        properties.put("marketlake.market.LE.cftc-code", "057642");
        properties.put("marketlake.market.LE.contract-multiplier", "400");
        properties.put("marketlake.market.LE.timezone", "America/Chicago");
        properties.put("marketlake.market.LE.futures.cron", LE_FUTURES_CRON);
        properties.put("marketlake.market.LE.futures.cron-timezone", "Europe/London");
        return properties;
    }

    @Test
    void every_market_gets_a_started_trigger_per_source() {
        List<String> ids = List.of("futures-daily-HE", "futures-daily-LE", "options-daily-HE", "options-daily-LE",
                "cot-weekly-HE", "cot-weekly-LE");

        assertThat(ids).allSatisfy(id -> assertThat(context.getRouteController().getRouteStatus(id))
                .as(id).isEqualTo(ServiceStatus.Started));
    }

    @Test
    void a_market_with_its_own_cron_and_zone_gets_a_trigger_with_them_while_another_keeps_the_sources()
            throws Exception {
        CronTrigger le = cronTrigger("futures-daily-LE");
        CronTrigger he = cronTrigger("futures-daily-HE");

        assertThat(le.getCronExpression()).isEqualTo(LE_FUTURES_CRON);
        assertThat(le.getTimeZone().toZoneId()).isEqualTo(ZoneId.of("Europe/London"));
        assertThat(he.getCronExpression()).isEqualTo(FUTURES_CRON);
        assertThat(he.getTimeZone().toZoneId()).isEqualTo(ZoneId.of("America/Chicago"));
    }

    @Test
    void a_fired_trigger_ingests_its_own_market_for_today_in_its_own_zone() throws Exception {
        NotifyBuilder done = new NotifyBuilder(context).fromRoute("futures-daily-LE").whenDone(1).create();
        LocalDate before = LocalDate.now(ZoneId.of("Europe/London"));

        Trigger trigger = cronTrigger("futures-daily-LE");
        scheduler().triggerJob(trigger.getJobKey(), trigger.getJobDataMap());

        // the stub has nothing queued and answers 500: what the trigger asked for is what counts
        assertThat(done.matches(30, TimeUnit.SECONDS)).isTrue();
        LocalDate after = LocalDate.now(ZoneId.of("Europe/London"));
        assertThat(databento.requests()).isNotEmpty().allSatisfy(request -> {
            assertThat(request.form()).containsEntry("symbols", "LE.FUT");
            assertThat(request.form().get("start")).isIn(before.toString(), after.toString());
        });
    }

    private CronTrigger cronTrigger(String routeId) throws Exception {
        return (CronTrigger) scheduler().getTrigger(TriggerKey.triggerKey(routeId, "marketlake"));
    }

    private Scheduler scheduler() {
        return context.getComponent("quartz", QuartzComponent.class).getScheduler();
    }
}
