package io.marketlake.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketlake.Market;
import io.marketlake.Markets;
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
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScheduleTest {

    @TempDir
    Path home;

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
        Markets markets = new Markets(List.of(new Market("HE", "Lean Hogs", "CME", "HE", "054642", 400,
                ZoneId.of("America/Chicago"))));
        Schedule schedule = new Schedule(markets, clock, new BatchLedger(store, new LakeReader(home.resolve("lake"))), 7);

        // Tuesday 17th failed; Saturday 14th has no session; the 13th is more than a week back
        assertThat(schedule.due("futures")).containsExactly(new Schedule.Target("HE", "2026-02-17"),
                new Schedule.Target("HE", "2026-02-20"));
    }
}
