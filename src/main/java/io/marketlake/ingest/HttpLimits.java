package io.marketlake.ingest;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.time.Duration;
import org.apache.camel.component.http.HttpClientConfigurer;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.HttpEntityWrapper;
import org.apache.hc.core5.util.Timeout;

/**
 * Bounds every download of a source: a connect timeout, a read timeout (no byte for that long), an overall
 * deadline (a server trickling one byte a second never trips the read timeout but does trip this) and a size
 * limit (a huge response is refused, not buffered). The client's own retries are off: the route decides.
 */
public class HttpLimits implements HttpClientConfigurer {

    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final Duration deadline;
    private final long maxBytes;

    public HttpLimits(Duration connectTimeout, Duration readTimeout, Duration deadline, long maxBytes) {
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
        this.deadline = deadline;
        this.maxBytes = maxBytes;
    }

    /** A response that went past its deadline: an I/O failure like a timeout, so it is retried like one. */
    public static final class DeadlineExceededException extends SocketTimeoutException {
        DeadlineExceededException(String message) {
            super(message);
        }
    }

    /** A response larger than the limit: retrying would get the same, so it is dead-lettered at once. */
    public static final class ResponseTooLargeException extends RuntimeException {
        ResponseTooLargeException(String message) {
            super(message);
        }
    }

    @Override
    @SuppressWarnings("deprecation") // the connection manager's ConnectionConfig belongs to camel-http
    public void configureHttpClient(HttpClientBuilder builder) {
        builder.disableAutomaticRetries();
        builder.setDefaultRequestConfig(RequestConfig.custom()
                .setConnectTimeout(Timeout.of(connectTimeout))
                .setResponseTimeout(Timeout.of(readTimeout))
                .setConnectionRequestTimeout(Timeout.of(connectTimeout))
                .build());
        builder.addRequestInterceptorFirst((request, entity, context) ->
                context.setAttribute(DEADLINE, System.nanoTime() + deadline.toNanos()));
        builder.addResponseInterceptorLast((response, entity, context) -> {
            if (response instanceof ClassicHttpResponse classic && classic.getEntity() != null) {
                Object started = context.getAttribute(DEADLINE);
                long until = started instanceof Long l ? l : System.nanoTime() + deadline.toNanos();
                classic.setEntity(new Bounded(classic.getEntity(), until));
            }
        });
    }

    private static final String DEADLINE = "marketlake.deadline";

    private final class Bounded extends HttpEntityWrapper {

        private final long until;

        Bounded(HttpEntity entity, long until) {
            super(entity);
            this.until = until;
        }

        @Override
        public InputStream getContent() throws IOException {
            return new FilterInputStream(super.getContent()) {
                private long read;

                @Override
                public int read() throws IOException {
                    check(0);
                    int b = super.read();
                    check(b < 0 ? 0 : 1);
                    return b;
                }

                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    check(0);
                    int n = super.read(buffer, offset, length);
                    check(Math.max(n, 0));
                    return n;
                }

                private void check(int more) throws IOException {
                    read += more;
                    if (read > maxBytes) {
                        throw new ResponseTooLargeException("response larger than " + maxBytes
                                + " bytes (marketlake.http.max-response-bytes): refused");
                    }
                    if (System.nanoTime() - until > 0) {
                        throw new DeadlineExceededException("response not complete within " + deadline
                                + " (marketlake.http.deadline): " + read + " bytes received");
                    }
                }
            };
        }

        @Override
        public boolean isStreaming() {
            return true;
        }

        @Override
        public boolean isRepeatable() {
            return false;
        }
    }
}
