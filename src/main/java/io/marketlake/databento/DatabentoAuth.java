package io.marketlake.databento;

import io.marketlake.ConfigurationException;
import io.marketlake.ingest.HttpLimits;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.apache.camel.component.http.HttpClientConfigurer;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.core5.http.HttpHeaders;

/**
 * Adds Databento's basic auth (the API key as user name, empty password) inside the HTTP client, so the key is
 * never a message header, an endpoint option or a property: it cannot reach a log line, an exception message,
 * a JMX attribute or a dead-letter file. The key is read from the environment variable named in the config.
 * Its timeouts, deadline and size limit are {@link HttpLimits}.
 */
public final class DatabentoAuth implements HttpClientConfigurer {

    private final String keyVariable;
    private final HttpLimits limits;

    public DatabentoAuth(String keyVariable, HttpLimits limits) {
        this.keyVariable = keyVariable;
        this.limits = limits;
    }

    /** Fails with the variable's name (never a value) when no key is set. */
    public void requireKey() {
        String key = System.getenv(keyVariable);
        if (key == null || key.isBlank()) {
            throw new ConfigurationException("the Databento API key is not set: export " + keyVariable
                    + " (the sample mode, ingest --sample, needs no key)");
        }
    }

    @Override
    public void configureHttpClient(HttpClientBuilder builder) {
        // Retries belong to the route's error handler (backoff, Retry-After, dead letter), not to the client.
        limits.configureHttpClient(builder);
        builder.addRequestInterceptorFirst((request, entity, context) -> {
            String key = System.getenv(keyVariable);
            if (key != null && !key.isBlank()) {
                String token = Base64.getEncoder().encodeToString((key.trim() + ":").getBytes(StandardCharsets.UTF_8));
                request.setHeader(HttpHeaders.AUTHORIZATION, "Basic " + token);
            }
        });
    }
}
