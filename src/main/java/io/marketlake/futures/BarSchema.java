package io.marketlake.futures;

import io.marketlake.ConfigurationException;
import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Databento's OHLCV schemas the futures pipeline takes, each with its lake data type (which is also the feed's name
 * in reports, dead letters and the batch ledger) and its record type. Only daily bars feed the feature store.
 */
public enum BarSchema {
    OHLCV_1S("ohlcv-1s", "futures_1s", Duration.ofSeconds(1), 32),
    OHLCV_1M("ohlcv-1m", "futures_1m", Duration.ofMinutes(1), 33),
    OHLCV_1H("ohlcv-1h", "futures_1h", Duration.ofHours(1), 34),
    OHLCV_1D("ohlcv-1d", "futures", Duration.ofDays(1), 35);

    private final String schema;
    private final String dataType;
    private final Duration length;
    private final int rtype;

    BarSchema(String schema, String dataType, Duration length, int rtype) {
        this.schema = schema;
        this.dataType = dataType;
        this.length = length;
        this.rtype = rtype;
    }

    /** Databento's name, as sent in the request's {@code schema} field. */
    public String schema() {
        return schema;
    }

    /** The lake's data_type, and the feed's name. */
    public String dataType() {
        return dataType;
    }

    /** How long one bar is: a bar stamped at its open ends this much later. */
    public Duration length() {
        return length;
    }

    /** The rtype Databento stamps this schema's records with. */
    public int rtype() {
        return rtype;
    }

    public boolean isDaily() {
        return this == OHLCV_1D;
    }

    /** The schema of a Databento name; null or empty means daily bars. */
    public static BarSchema of(String schema) {
        if (schema == null || schema.isBlank()) {
            return OHLCV_1D;
        }
        for (BarSchema bars : values()) {
            if (bars.schema.equals(schema.trim())) {
                return bars;
            }
        }
        throw new ConfigurationException("unknown bar schema '" + schema + "': one of " + names());
    }

    /** The schema whose lake data type is {@code dataType}, if it is one of the futures bar tables. */
    public static java.util.Optional<BarSchema> ofDataType(String dataType) {
        return Arrays.stream(values()).filter(bars -> bars.dataType.equals(dataType)).findFirst();
    }

    public static String names() {
        return Arrays.stream(values()).map(BarSchema::schema).collect(Collectors.joining(", "));
    }
}
