package io.marketlake.ops;

import io.marketlake.ConfigurationException;
import io.marketlake.Market;
import io.marketlake.Markets;
import java.text.ParseException;
import java.time.DateTimeException;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TimeZone;
import java.util.function.Function;
import org.quartz.CronExpression;

/**
 * When each market's triggers fire and when its options chain is taken. A market's own
 * {@code marketlake.market.<m>.<source>.cron}, {@code .cron-timezone} and {@code marketlake.market.<m>.options.snapshot-time}
 * win over the source's {@code marketlake.<source>.cron}, {@code .cron-timezone} and
 * {@code marketlake.options.snapshot-time}, so a market whose exchange closes at another hour is a config change.
 * Everything is read and checked once, at start-up: a bad value fails the start naming its key, not a trigger later.
 */
public final class MarketSchedules {

    /** The sources with a trigger, each with the id of its trigger's route template (routes/<source>.yaml). */
    private static final Map<String, String> TEMPLATES = templates();

    /**
     * One market's trigger of one source: a Quartz cron in a time zone. The zone is also the one the trigger's
     * "today" is taken in, so the date a run ingests is the date of the evening it fires.
     */
    public record Trigger(String template, String market, String cron, ZoneId zone) {

        /** {@code futures-daily-HE}. */
        public String routeId() {
            return template + "-" + market;
        }
    }

    private final Markets markets;
    private final Map<String, Trigger> triggers;
    private final Map<String, LocalTime> snapshotTimes;

    private MarketSchedules(Markets markets, Map<String, Trigger> triggers, Map<String, LocalTime> snapshotTimes) {
        this.markets = markets;
        this.triggers = triggers;
        this.snapshotTimes = snapshotTimes;
    }

    /** Resolves and checks every market's schedule; a missing or bad value is a configuration error naming its key. */
    public static MarketSchedules fromProperties(Markets markets, Function<String, Optional<String>> properties) {
        Map<String, Trigger> triggers = new LinkedHashMap<>();
        Map<String, LocalTime> snapshotTimes = new LinkedHashMap<>();
        for (Market market : markets.all()) {
            Function<String, Setting> setting = key -> resolve(properties, market.code(), key);
            TEMPLATES.forEach((source, template) -> triggers.put(source + "/" + market.code(),
                    new Trigger(template, market.code(), cron(setting.apply(source + ".cron")),
                            zone(setting.apply(source + ".cron-timezone")))));
            snapshotTimes.put(market.code(), time(setting.apply("options.snapshot-time")));
        }
        return new MarketSchedules(markets, triggers, snapshotTimes);
    }

    /** Every trigger, by market then source. */
    public List<Trigger> triggers() {
        return new ArrayList<>(triggers.values());
    }

    /** The trigger of {@code source} (futures, options, cot) for the market with this code. */
    public Trigger trigger(String source, String market) {
        Trigger trigger = triggers.get(source + "/" + markets.get(market).code());
        if (trigger == null) {
            throw new IllegalArgumentException("no scheduled source " + source + "; known: " + TEMPLATES.keySet());
        }
        return trigger;
    }

    /** The options snapshot time of the market with this code, exchange local. */
    public LocalTime snapshotTime(String market) {
        return snapshotTimes.get(markets.get(market).code());
    }

    /** A value and the key it was read from, for the error message. */
    private record Setting(String key, String value) {
    }

    private static Setting resolve(Function<String, Optional<String>> properties, String market, String key) {
        String own = "marketlake.market." + market + "." + key;
        String shared = "marketlake." + key;
        return properties.apply(own).map(v -> new Setting(own, v))
                .or(() -> properties.apply(shared).map(v -> new Setting(shared, v)))
                .orElseThrow(() -> new ConfigurationException(shared + " is not set (nor " + own + ")"));
    }

    private static String cron(Setting setting) {
        try {
            CronExpression.validateExpression(setting.value());
            return setting.value();
        } catch (ParseException e) {
            throw new ConfigurationException(setting.key() + " must be a Quartz cron expression such as"
                    + " '0 30 20 ? * MON-FRI', not '" + setting.value() + "': " + e.getMessage());
        }
    }

    private static ZoneId zone(Setting setting) {
        try {
            ZoneId zone = ZoneId.of(setting.value());
            // Quartz reads the zone as a java.util.TimeZone, which turns an ID it does not know into GMT without a
            // word: only a zone both read alike keeps the trigger and the date it ingests in one zone.
            if (TimeZone.getTimeZone(zone.getId()).toZoneId().equals(zone)) {
                return zone;
            }
        } catch (DateTimeException e) {
            // reported below
        }
        throw new ConfigurationException(setting.key() + " must be a time zone such as America/Chicago, not '"
                + setting.value() + "'");
    }

    private static LocalTime time(Setting setting) {
        try {
            return LocalTime.parse(setting.value());
        } catch (DateTimeParseException e) {
            throw new ConfigurationException(setting.key() + " must be a time of day such as 13:00, not '"
                    + setting.value() + "'");
        }
    }

    private static Map<String, String> templates() {
        Map<String, String> templates = new LinkedHashMap<>();
        templates.put("futures", "futures-daily");
        templates.put("options", "options-daily");
        templates.put("cot", "cot-weekly");
        return templates;
    }
}
