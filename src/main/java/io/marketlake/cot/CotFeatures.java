package io.marketlake.cot;

import io.marketlake.features.FeatureValue;
import io.marketlake.features.Quality;
import io.marketlake.ingest.Batch;
import io.marketlake.ingest.IngestProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;

/**
 * Weekly positioning features: net long (long − short) of managed money, producers/merchants and swap dealers,
 * total open interest, and each net as a fraction of open interest ({@code *_pct_oi}, 0.25 meaning 25 %).
 * {@code as_of} is the report date's close; {@code available_at} the public release, never the Tuesday.
 */
public final class CotFeatures {

    private final CotReleaseCalendar calendar;
    private final Duration liveWindow;
    private final Clock clock;

    public CotFeatures(CotReleaseCalendar calendar, Duration liveWindow, Clock clock) {
        this.calendar = calendar;
        this.liveWindow = liveWindow;
        this.clock = clock;
    }

    /** The pipeline's features step: the schedule's runs are live, other ingests for recent weeks only. */
    public List<FeatureValue> features(@Body Batch<CotReport> batch,
            @ExchangeProperty(IngestProperties.MARKET) String market,
            @ExchangeProperty(IngestProperties.COT_SELECTION) CotSelection selection) {
        boolean schedule = selection != null && selection.kind() == CotSelection.Kind.LATEST;
        return features(market, batch.records(), clock.instant(), schedule);
    }

    /**
     * {@code now}: when this run stores the reports. A week stored while it is recent (its calendar release less
     * than the live window ago), and every week the schedule stores, is available from the later of that release
     * and now, so a release delay the calendar does not know yet never becomes lookahead, whichever command stored
     * it. Older weeks are history: the calendar has been checked by then, and they keep its release.
     */
    public List<FeatureValue> features(String market, List<CotReport> reports, Instant now, boolean schedule) {
        List<FeatureValue> features = new ArrayList<>();
        for (CotReport report : reports) {
            Instant asOf = calendar.asOf(report.reportDate());
            Instant release = calendar.releaseOf(report.reportDate());
            boolean live = schedule || !release.isBefore(now.minus(liveWindow));
            Instant availableAt = live && now.isAfter(release) ? now : release;
            features.add(value(market, "cot_managed_money_net", asOf, availableAt, report.managedMoneyNet()));
            features.add(value(market, "cot_producer_net", asOf, availableAt, report.producerNet()));
            features.add(value(market, "cot_swap_net", asOf, availableAt, report.swapNet()));
            features.add(value(market, "cot_total_oi", asOf, availableAt, report.openInterest()));
            features.add(share(market, "cot_managed_money_pct_oi", asOf, availableAt, report.managedMoneyNet(), report));
            features.add(share(market, "cot_producer_pct_oi", asOf, availableAt, report.producerNet(), report));
            features.add(share(market, "cot_swap_pct_oi", asOf, availableAt, report.swapNet(), report));
        }
        return features;
    }

    private static FeatureValue value(String market, String name, Instant asOf, Instant availableAt, long value) {
        return new FeatureValue(market, name, asOf, availableAt, (double) value, Quality.NORMAL);
    }

    private static FeatureValue share(String market, String name, Instant asOf, Instant availableAt, long net,
            CotReport report) {
        if (report.openInterest() == 0) {
            return new FeatureValue(market, name, asOf, availableAt, null, Quality.MISSING);
        }
        return new FeatureValue(market, name, asOf, availableAt, (double) net / report.openInterest(), Quality.NORMAL);
    }
}
