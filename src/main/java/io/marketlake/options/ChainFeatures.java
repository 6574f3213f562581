package io.marketlake.options;

import io.marketlake.features.FeatureValue;
import io.marketlake.features.Quality;
import io.marketlake.ingest.Batch;
import io.marketlake.ingest.IngestProperties;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;

/**
 * Chain features per expiry ({@code options.<metric>.<yyyy-mm-dd>}) and for the front expiry
 * ({@code options.<metric>.front}): put/call open-interest ratio, total open interest, at-the-money implied
 * volatility and the number of liquid strikes. An expiry with fewer liquid strikes than the threshold has all
 * its features {@code degraded}. Crossed quotes never feed a feature. as_of and available_at are the snapshot.
 */
public final class ChainFeatures {

    private final long minOpenInterest;
    private final double maxSpreadOfMid;
    private final int minLiquidStrikes;

    public ChainFeatures(long minOpenInterest, double maxSpreadOfMid, int minLiquidStrikes) {
        this.minOpenInterest = minOpenInterest;
        this.maxSpreadOfMid = maxSpreadOfMid;
        this.minLiquidStrikes = minLiquidStrikes;
    }

    /** The figures of one expiry. */
    public record ExpiryMetrics(LocalDate expiry, Double putCallOiRatio, Double totalOi, Double atmIv,
            int liquidStrikes, boolean degraded) {
    }

    /** The pipeline's features step: as_of and available_at are the snapshot. */
    public List<FeatureValue> features(@Body Batch<OptionRow> chain,
            @ExchangeProperty(IngestProperties.MARKET) String market,
            @ExchangeProperty(IngestProperties.SNAPSHOT) Instant snapshot) {
        return features(market, snapshot, chain.records());
    }

    public List<FeatureValue> features(String market, Instant snapshot, List<OptionRow> chain) {
        List<ExpiryMetrics> expiries = metrics(chain);
        List<FeatureValue> features = new ArrayList<>();
        for (ExpiryMetrics metrics : expiries) {
            add(features, market, snapshot, metrics.expiry().toString(), metrics);
        }
        LocalDate tradingDate = chain.isEmpty() ? null : chain.get(0).tradingDate();
        expiries.stream().filter(m -> tradingDate == null || m.expiry().isAfter(tradingDate)).findFirst()
                .ifPresent(front -> add(features, market, snapshot, "front", front));
        return features;
    }

    public List<ExpiryMetrics> metrics(List<OptionRow> chain) {
        Map<LocalDate, List<OptionRow>> byExpiry = chain.stream().filter(r -> r.expiration() != null)
                .collect(Collectors.groupingBy(r -> LocalDate.ofInstant(r.expiration(), ZoneOffset.UTC), TreeMap::new,
                        Collectors.toList()));
        List<ExpiryMetrics> metrics = new ArrayList<>();
        byExpiry.forEach((expiry, rows) -> metrics.add(expiry(expiry, rows)));
        return metrics;
    }

    private ExpiryMetrics expiry(LocalDate expiry, List<OptionRow> rows) {
        long callOi = openInterest(rows, true);
        long putOi = openInterest(rows, false);
        boolean anyOi = rows.stream().anyMatch(r -> r.openInterest() != null);
        Double ratio = callOi > 0 ? (double) putOi / callOi : null;
        Set<Double> liquid = new TreeSet<>();
        for (OptionRow row : rows) {
            if (isLiquid(row)) {
                liquid.add(row.strike());
            }
        }
        return new ExpiryMetrics(expiry, ratio, anyOi ? (double) (callOi + putOi) : null, atmIv(rows),
                liquid.size(), liquid.size() < minLiquidStrikes);
    }

    /** Open interest at or above the minimum and a two-sided, uncrossed spread within the share of mid. */
    boolean isLiquid(OptionRow row) {
        Double mid = row.mid();
        return !row.crossed() && mid != null && row.openInterest() != null && row.openInterest() >= minOpenInterest
                && row.ask() - row.bid() <= maxSpreadOfMid * mid;
    }

    /** Implied volatility at the strike nearest the underlying price: mean of call and put where both exist. */
    private static Double atmIv(List<OptionRow> rows) {
        Double underlying = rows.stream().map(OptionRow::underlyingPrice).filter(Objects::nonNull)
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting())).entrySet().stream()
                .max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(null);
        if (underlying == null) {
            return null;
        }
        Double atmStrike = rows.stream().map(OptionRow::strike).filter(Objects::nonNull).distinct()
                .min(Comparator.comparingDouble((Double k) -> Math.abs(k - underlying)).thenComparing(k -> k))
                .orElse(null);
        List<Double> vols = rows.stream()
                .filter(r -> Objects.equals(r.strike(), atmStrike) && !r.crossed() && r.impliedVol() != null)
                .map(OptionRow::impliedVol).toList();
        return vols.isEmpty() ? null : vols.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    }

    private static long openInterest(List<OptionRow> rows, boolean calls) {
        return rows.stream().filter(r -> r.call() == calls && r.openInterest() != null)
                .mapToLong(OptionRow::openInterest).sum();
    }

    private static void add(List<FeatureValue> features, String market, Instant snapshot, String suffix,
            ExpiryMetrics m) {
        features.add(value(market, "options.put_call_oi_ratio." + suffix, snapshot, m.putCallOiRatio(), m.degraded()));
        features.add(value(market, "options.total_oi." + suffix, snapshot, m.totalOi(), m.degraded()));
        features.add(value(market, "options.atm_iv." + suffix, snapshot, m.atmIv(), m.degraded()));
        features.add(value(market, "options.liquid_strike_count." + suffix, snapshot, (double) m.liquidStrikes(),
                m.degraded()));
    }

    private static FeatureValue value(String market, String name, Instant snapshot, Double value, boolean degraded) {
        Quality quality = value == null ? Quality.MISSING : degraded ? Quality.DEGRADED : Quality.NORMAL;
        return new FeatureValue(market, name, snapshot, snapshot, value, quality);
    }
}
