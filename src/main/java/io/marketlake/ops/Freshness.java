package io.marketlake.ops;

import io.marketlake.Market;
import io.marketlake.Markets;
import io.marketlake.features.FeatureStore;
import io.marketlake.features.FeatureStore.LedgerEntry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * How fresh each feed (source) of each market is, worked out from what the stores hold, so it is right after a
 * restart: the batch ledger (a batch is complete when both stores hold it) and the dead letters waiting. The age
 * is that of the data, not of the last run: the time since the newest complete trading date ended (its UTC
 * midnight), so a backfill of old dates does not make a feed look fresh. A feed is {@code fresh} while that age is
 * within the feed's {@code marketlake.freshness.<feed>.max-age}, {@code stale} after that or when it never
 * completed a batch, and {@code failed} when a dead letter newer than its last complete batch is waiting (the
 * last run did not finish). Health checks, metrics and {@code marketlake status} all read it here.
 */
public final class Freshness {

    /** A feed's state; only {@code FRESH} is up. */
    public enum State {
        FRESH, STALE, FAILED;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** One feed of one market as the stores tell it. */
    /**
     * @param newest     the last complete batch (by completion: the last success)
     * @param newestDate the newest trading date complete
     * @param age        since {@code newestDate} ended
     */
    public record Feed(String source, String market, State state, LedgerEntry newest, LocalDate newestDate,
            Duration age, Duration maxAge, long batches, long featureRows, long deadLetters,
            DeadLetter lastDeadLetter) {

        public boolean up() {
            return state == State.FRESH;
        }

        /** One line for a health check or a log: what is wrong, with the figures. */
        public String describe() {
            String success = newest == null ? "no complete batch yet"
                    : "newest trading date " + newestDate + ", ended " + Durations.text(age) + " ago; last complete"
                    + " batch " + newest.completedAt();
            return switch (state) {
                case FRESH -> success + "; within " + Durations.text(maxAge);
                case STALE -> success + (newest == null ? "" : "; older than " + Durations.text(maxAge));
                case FAILED -> "last run dead-lettered at " + lastDeadLetter.failedAt() + ": "
                        + lastDeadLetter.reason() + "; " + success;
            };
        }
    }

    private final Supplier<FeatureStore> store;
    private final DeadLetterArchive deadLetters;
    private final Markets markets;
    private final List<String> sources;
    private final Map<String, Duration> maxAges;
    private final Clock clock;

    /**
     * @param sources the feeds watched for every market (futures, futures_1m, ..., options, cot)
     * @param maxAges each feed's threshold
     */
    public Freshness(Supplier<FeatureStore> store, DeadLetterArchive deadLetters, Markets markets, List<String> sources,
            Map<String, Duration> maxAges, Clock clock) {
        this.store = store;
        this.deadLetters = deadLetters;
        this.markets = markets;
        this.sources = List.copyOf(sources);
        this.maxAges = Map.copyOf(maxAges);
        this.clock = clock;
        for (String source : sources) {
            if (!maxAges.containsKey(source)) {
                throw new IllegalArgumentException("no max age for " + source);
            }
        }
    }

    public List<String> sources() {
        return sources;
    }

    /** Every watched feed of every configured market, markets in their configured order. */
    public List<Feed> feeds() {
        List<DeadLetter> waiting = deadLetters.waiting();
        List<Feed> feeds = new ArrayList<>();
        for (Market market : markets.all()) {
            for (String source : sources) {
                feeds.add(feed(source, market.code(), waiting));
            }
        }
        return feeds;
    }

    public Feed of(String source, String market) {
        return feed(source, market, deadLetters.waiting());
    }

    private Feed feed(String source, String market, List<DeadLetter> waiting) {
        FeatureStore.LedgerSummary ledger = store.get().ledgerSummary(source, market);
        Instant now = clock.instant();
        List<DeadLetter> letters = waiting.stream()
                .filter(l -> source.equals(l.source()) && market.equals(l.market())).toList();
        DeadLetter last = letters.stream().max(Comparator.comparing(DeadLetter::failedAt)).orElse(null);
        LedgerEntry newest = ledger.newest();
        Duration age = newest == null ? null : Duration.between(
                ledger.newestDate().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant(), now);
        if (age != null && age.isNegative()) {
            age = Duration.ZERO;
        }
        Duration maxAge = maxAges.get(source);
        State state;
        if (last != null && (newest == null || Instant.parse(last.failedAt()).isAfter(newest.completedAt()))) {
            state = State.FAILED;
        } else if (newest == null || age.compareTo(maxAge) > 0) {
            state = State.STALE;
        } else {
            state = State.FRESH;
        }
        return new Feed(source, market, state, newest, ledger.newestDate(), age, maxAge, ledger.batches(),
                ledger.featureRows(), letters.size(), last);
    }

    /** Durations as operators read them: 3d 4h, 5h 12m, 42s. */
    public static final class Durations {
        private Durations() {
        }

        public static String text(Duration duration) {
            if (duration == null) {
                return "";
            }
            long seconds = Math.max(0, duration.getSeconds());
            long days = seconds / 86_400;
            long hours = seconds % 86_400 / 3_600;
            long minutes = seconds % 3_600 / 60;
            if (days > 0) {
                return days + "d " + hours + "h";
            }
            if (hours > 0) {
                return hours + "h " + minutes + "m";
            }
            return minutes > 0 ? minutes + "m " + seconds % 60 + "s" : seconds + "s";
        }
    }
}
