package io.marketlake.ops;

import io.marketlake.Markets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/** What a scheduled trigger ingests: for each configured market, today's date in the market's time zone. */
public final class Schedule {

    /** One market and trading date to ingest. */
    public record Target(String market, String date) {
    }

    private final Markets markets;
    private final Clock clock;

    public Schedule(Markets markets, Clock clock) {
        this.markets = markets;
        this.clock = clock;
    }

    /**
     * A daily bar covers a UTC day and ends at midnight UTC, which is the same evening in Chicago: a trigger that
     * evening (exchange time) asks for the exchange's today.
     */
    public List<Target> today() {
        return markets.all().stream()
                .map(m -> new Target(m.code(), LocalDate.now(clock.withZone(m.timeZone())).toString()))
                .toList();
    }

    /** The CFTC publishes on New York time, whatever the market's exchange. */
    public List<Target> todayInNewYork() {
        String today = LocalDate.now(clock.withZone(ZoneId.of("America/New_York"))).toString();
        return markets.all().stream().map(m -> new Target(m.code(), today)).toList();
    }
}
