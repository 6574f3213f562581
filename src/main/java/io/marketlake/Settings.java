package io.marketlake;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.PropertiesComponent;

/**
 * Typed access to configuration through Camel's properties component, so Java sees exactly what the routes see:
 * {@code config/application.properties}, overridden by JVM system properties and environment variables
 * ({@code MARKETLAKE_DATABENTO_BASE_URL} for {@code marketlake.databento.base-url}), overridden by command flags.
 */
public final class Settings {

    private final PropertiesComponent properties;

    public Settings(CamelContext context) {
        this.properties = context.getPropertiesComponent();
    }

    public Optional<String> optional(String key) {
        return properties.resolveProperty(key).map(String::trim).filter(v -> !v.isEmpty());
    }

    public String get(String key) {
        return optional(key).orElseThrow(() -> new ConfigurationException(key + " is not set"));
    }

    public Duration duration(String key) {
        String value = get(key);
        try {
            return Duration.parse(value);
        } catch (RuntimeException e) {
            throw new ConfigurationException(key + " must be an ISO-8601 duration such as PT30S, not '" + value + "'");
        }
    }

    /** A whole number setting; a bad value is a configuration error naming the key and what was expected. */
    public int integer(String key) {
        return (int) number(key, Integer.MIN_VALUE, Integer.MAX_VALUE);
    }

    public long longValue(String key) {
        return number(key, Long.MIN_VALUE, Long.MAX_VALUE);
    }

    public double decimal(String key) {
        String value = get(key);
        try {
            double parsed = Double.parseDouble(value);
            if (Double.isFinite(parsed)) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ConfigurationException(key + " must be a decimal number such as 0.2, not '" + value + "'");
    }

    private long number(String key, long min, long max) {
        String value = get(key);
        try {
            long parsed = Long.parseLong(value);
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ConfigurationException(key + " must be a whole number" + (max == Integer.MAX_VALUE
                ? " up to " + max : "") + ", not '" + value + "'");
    }

    public Path home() {
        return SafeNames.home("marketlake.home", get("marketlake.home"));
    }

    public Path lakeRoot() {
        return home().resolve("lake");
    }

    /** Every key under {@code prefix} (the part after it mapped to its resolved value). */
    public Map<String, String> under(String prefix) {
        Map<String, String> result = new LinkedHashMap<>();
        properties.loadProperties(key -> key.startsWith(prefix)).stringPropertyNames().stream().sorted()
                .forEach(key -> optional(key).ifPresent(value -> result.put(key.substring(prefix.length()), value)));
        return result;
    }

    public Markets markets() {
        return Markets.fromProperties(this::optional);
    }
}
