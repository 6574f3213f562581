package io.marketlake.cot;

import io.marketlake.features.FeatureValue;
import io.marketlake.features.Quality;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Weekly positioning features: net long (long − short) of managed money, producers/merchants and swap dealers,
 * total open interest, and each net as a fraction of open interest ({@code *_pct_oi}, 0.25 meaning 25 %).
 * {@code as_of} is the report date's close; {@code available_at} the public release, never the Tuesday.
 */
public final class CotFeatures {

    private final CotReleaseCalendar calendar;

    public CotFeatures(CotReleaseCalendar calendar) {
        this.calendar = calendar;
    }

    /** The calendar's release instant of a report. */
    public Instant release(CotReport report) {
        return calendar.releaseOf(report.reportDate());
    }

    public List<FeatureValue> features(String market, List<CotReport> reports) {
        return features(market, reports, null);
    }

    /** {@code observedAt}: when a live run first saw the reports (null for history): no value is available earlier. */
    public List<FeatureValue> features(String market, List<CotReport> reports, Instant observedAt) {
        List<FeatureValue> features = new ArrayList<>();
        for (CotReport report : reports) {
            Instant asOf = calendar.asOf(report.reportDate());
            Instant release = calendar.releaseOf(report.reportDate());
            Instant availableAt = observedAt != null && observedAt.isAfter(release) ? observedAt : release;
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
