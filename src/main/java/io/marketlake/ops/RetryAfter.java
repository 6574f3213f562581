package io.marketlake.ops;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.http.base.HttpOperationFailedException;

/**
 * Runs when an exchange fails (the error handler's onExceptionOccurred). A 429 carries Retry-After: its delay
 * replaces the exponential backoff for the next attempt, bounded by the configured maximum, because retrying
 * earlier than the server asked only earns another 429.
 */
public final class RetryAfter implements Processor {

    private final Duration maximum;

    public RetryAfter(Duration maximum) {
        this.maximum = maximum;
    }

    @Override
    public void process(Exchange exchange) {
        Exception failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        if (failure == null) {
            failure = exchange.getException();
        }
        Duration delay = failure instanceof HttpOperationFailedException http && http.getStatusCode() == 429
                ? retryAfter(http.getResponseHeaders()) : null;
        if (delay == null) {
            exchange.getMessage().removeHeader(Exchange.REDELIVERY_DELAY);
        } else {
            exchange.getMessage().setHeader(Exchange.REDELIVERY_DELAY, Math.min(delay.toMillis(), maximum.toMillis()));
        }
    }

    /** Retry-After is either delay-seconds or an HTTP-date (RFC 9110 §10.2.3). */
    static Duration retryAfter(Map<String, String> headers) {
        if (headers == null) {
            return null;
        }
        String value = headers.entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase("Retry-After"))
                .map(Map.Entry::getValue).findFirst().orElse(null);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value.trim())));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration wait = Duration.between(ZonedDateTime.now(at.getZone()), at);
                return wait.isNegative() ? Duration.ZERO : wait;
            } catch (RuntimeException notDate) {
                return null;
            }
        }
    }
}
