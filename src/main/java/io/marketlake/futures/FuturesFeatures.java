package io.marketlake.futures;

import io.marketlake.databento.CmeSymbols;
import io.marketlake.databento.ContractType;
import io.marketlake.databento.OhlcvBar;
import io.marketlake.features.FeatureValue;
import io.marketlake.features.Quality;
import io.marketlake.ingest.Batch;
import io.marketlake.ingest.IngestProperties;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;

/**
 * Futures features from validated daily bars (intraday bars add none), outrights only: {@code futures.close.<contract>} and
 * {@code futures.close.front}. A bar is stamped at its open, and its close is known only when the bar ends, so
 * {@code as_of} is the bar's open and {@code available_at} its end.
 */
public final class FuturesFeatures {

    public static final String CLOSE_PREFIX = "futures.close.";
    public static final String FRONT = CLOSE_PREFIX + "front";
    private static final Duration DAILY_BAR = Duration.ofDays(1);

    public List<FeatureValue> features(@ExchangeProperty(IngestProperties.MARKET) String market,
            @Body Batch<OhlcvBar> batch, @ExchangeProperty(IngestProperties.SCHEMA) String schema) {
        if (!BarSchema.of(schema).isDaily()) {
            return List.of();
        }
        Map<Instant, List<OhlcvBar>> outrightsByBar = batch.records().stream()
                .filter(bar -> bar.contractType() == ContractType.OUTRIGHT)
                .collect(Collectors.groupingBy(OhlcvBar::tsEvent, TreeMap::new, Collectors.toList()));
        List<FeatureValue> features = new ArrayList<>();
        outrightsByBar.forEach((open, bars) -> {
            Instant end = open.plus(DAILY_BAR);
            bars.stream()
                    .sorted(Comparator.comparing(OhlcvBar::symbol))
                    .forEach(bar -> features.add(new FeatureValue(market, CLOSE_PREFIX + bar.symbol(), open, end,
                            bar.close(), Quality.NORMAL)));
            bars.stream()
                    .min(Comparator.comparing((OhlcvBar bar) -> CmeSymbols.contractMonth(bar.symbol(), bar.tradingDate()))
                            .thenComparing(OhlcvBar::symbol))
                    .ifPresent(front -> features.add(new FeatureValue(market, FRONT, open, end, front.close(),
                            Quality.NORMAL)));
        });
        return features;
    }
}
