package io.marketlake.ops;

import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.IThrowableProxy;

/**
 * {@code %ex} of the log pattern (LogConfiguration): the stack trace with every secret masked by {@link Redactor#global()}. Exception
 * messages, their causes' and Camel's message history (which repeats the body) are where an echoed key lands.
 */
public class RedactedThrowableConverter extends ThrowableProxyConverter {

    @Override
    protected String throwableProxyToString(IThrowableProxy proxy) {
        return Redactor.global().redact(super.throwableProxyToString(proxy));
    }
}
