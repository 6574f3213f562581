package io.marketlake.ops;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * {@code %msg} of the log pattern (LogConfiguration): the formatted message with every secret masked by {@link Redactor#global()}, at
 * every level and for every logger (Camel's, the HTTP client's), since a vendor may echo the key in a body that
 * any of them prints.
 */
public class RedactedMessageConverter extends MessageConverter {

    @Override
    public String convert(ILoggingEvent event) {
        return Redactor.global().redact(super.convert(event));
    }
}
