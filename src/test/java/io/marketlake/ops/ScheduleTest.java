package io.marketlake.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketlake.futures.BarSchema;
import io.marketlake.features.CompletedBatch;
import io.marketlake.features.FeatureDataSources;
import io.marketlake.features.FeatureStore;
import io.marketlake.features.Staleness;
import io.marketlake.ingest.BatchLedger;
import io.marketlake.lake.LakeReader;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScheduleTest {

    @TempDir
    Path home;

    private static final List<BarSchema> DAILY = List.of(BarSchema.OHLCV_1D);

    @Test
    void a_trigger_also_takes_the_recent_days_whose_batch_is_not_complete_oldest_first() {
        // Friday 2026-02-20, 20:30 in Chicago
        Clock clock = Clock.fixed(Instant.parse("2026-02-21T02:30:00Z"), ZoneOffset.UTC);
        FeatureStore store = new FeatureStore(FeatureDataSources.create("jdbc:sqlite:" + home.resolve("f.db")), clock,
                new Staleness(Map.of()));
        store.createSchema();
        for (String day : List.of("2026-02-13", "2026-02-15", "2026-02-16", "2026-02-18", "2026-02-19")) {
            store.append(List.of(), new CompletedBatch("20260220T000000000Z-" + day, "futures", "HE",
                    LocalDate.parse(day), 16, 0));
        }
        Schedule schedule = new Schedule(TestSchedules.with(Map.of()), clock,
                new BatchLedger(store, new LakeReader(home.resolve("lake"))), 7, DAILY);

        // Tuesday 17th failed; Saturday 14th has no session; the 13th is more than a week back
        assertThat(schedule.due("futures", "HE")).containsExactly(new Schedule.Target("HE", "2026-02-17", "ohlcv-1d"),
                new Schedule.Target("HE", "2026-02-20", "ohlcv-1d"));
    }

    @Test
    void each_bar_schema_is_caught_up_on_its_own_ledger() {
        // Friday 2026-02-20, 20:30 in Chicago: the daily bars of the week are complete, no minute bar is
        Clock clock = Clock.fixed(Instant.parse("2026-02-21T02:30:00Z"), ZoneOffset.UTC);
        FeatureStore store = new FeatureStore(FeatureDataSources.create("jdbc:sqlite:" + home.resolve("f.db")), clock,
                new Staleness(Map.of()));
        store.createSchema();
        for (String day : List.of("2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19")) {
            store.append(List.of(), new CompletedBatch("20260220T000000000Z-" + day, "futures", "HE",
                    LocalDate.parse(day), 16, 0));
        }
        Schedule schedule = new Schedule(TestSchedules.with(Map.of()), clock,
                new BatchLedger(store, new LakeReader(home.resolve("lake"))), 3,
                List.of(BarSchema.OHLCV_1D, BarSchema.OHLCV_1M));

        assertThat(schedule.due("futures", "HE")).containsExactly(
                new Schedule.Target("HE", "2026-02-20", "ohlcv-1d"),
                new Schedule.Target("HE", "2026-02-17", "ohlcv-1m"),
                new Schedule.Target("HE", "2026-02-18", "ohlcv-1m"),
                new Schedule.Target("HE", "2026-02-19", "ohlcv-1m"),
                new Schedule.Target("HE", "2026-02-20", "ohlcv-1m"));
    }

    @Test
    void a_daily_trigger_ingests_today_in_its_own_cron_time_zone() {
        // Thursday 2026-02-19, 21:00 in Chicago; already Friday the 20th, 03:00, in London
        Clock clock = Clock.fixed(Instant.parse("2026-02-20T03:00:00Z"), ZoneOffset.UTC);
        MarketSchedules schedules = TestSchedules.with(Map.of("marketlake.market.LE.futures.cron", "0 30 2 ? * TUE-SAT",
                "marketlake.market.LE.futures.cron-timezone", "Europe/London"));
        Schedule schedule = new Schedule(schedules, clock, emptyLedger(clock), 0, DAILY);

        assertThat(schedule.due("futures", "LE")).containsExactly(new Schedule.Target("LE", "2026-02-20", "ohlcv-1d"));
        assertThat(schedule.due("futures", "HE")).containsExactly(new Schedule.Target("HE", "2026-02-19", "ohlcv-1d"));
    }

    @Test
    void the_cot_trigger_ingests_today_in_new_york_not_in_the_exchange_time_zone() {
        // Thursday 2026-02-19, 23:30 in Chicago; already Friday the 20th, 00:30, in New York
        Clock clock = Clock.fixed(Instant.parse("2026-02-20T05:30:00Z"), ZoneOffset.UTC);
        Schedule schedule = new Schedule(TestSchedules.with(Map.of()), clock, emptyLedger(clock), 7, DAILY);

        assertThat(schedule.today("cot", "HE")).isEqualTo(new Schedule.Target("HE", "2026-02-20"));
    }

    private BatchLedger emptyLedger(Clock clock) {
        FeatureStore store = new FeatureStore(FeatureDataSources.create("jdbc:sqlite:" + home.resolve("f.db")), clock,
                new Staleness(Map.of()));
        store.createSchema();
        return new BatchLedger(store, new LakeReader(home.resolve("lake")));
    }
}
