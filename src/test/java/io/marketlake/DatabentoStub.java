package io.marketlake;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Databento's historical API on 127.0.0.1: answers POST /v0/timeseries.get_range with the queued responses in
 * order (status, headers, body as Databento sends them: text, or DBN bytes, see DbnResponses) and records every
 * request.
 */
public final class DatabentoStub implements AutoCloseable {

    /** A request as received. */
    public record Request(Instant at, String method, String path, String authorization, String body) {

        public Map<String, String> form() {
            Map<String, String> form = new LinkedHashMap<>();
            for (String pair : body.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    form.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
            return form;
        }
    }

    private record Response(int status, Map<String, String> headers, byte[] body) {
    }

    private final HttpServer server;
    private final Deque<Response> responses = new ArrayDeque<>();
    private final List<Request> requests = new ArrayList<>();
    private Function<Request, Response> answerer;

    private DatabentoStub(HttpServer server) {
        this.server = server;
    }

    public static DatabentoStub start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        DatabentoStub stub = new DatabentoStub(server);
        server.createContext("/v0/timeseries.get_range", stub::handle);
        server.start();
        return stub;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public synchronized DatabentoStub respond(int status, String body, Map<String, String> headers) {
        return respond(status, body.getBytes(StandardCharsets.UTF_8), headers);
    }

    public synchronized DatabentoStub respond(int status, byte[] body, Map<String, String> headers) {
        responses.add(new Response(status, headers, body));
        return this;
    }

    public DatabentoStub ok(String payload) {
        return respond(200, payload, Map.of("Content-Type", payload.startsWith("{") ? "application/json" : "text/csv"));
    }

    /** A binary answer (DBN, zstd), as Databento sends encoding=dbn. */
    public DatabentoStub ok(byte[] payload) {
        return respond(200, payload, Map.of("Content-Type", "application/octet-stream"));
    }

    /** An error as Databento sends it: a JSON body with "detail". */
    public DatabentoStub error(int status, String detail, Map<String, String> headers) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put("Content-Type", "application/json");
        return respond(status, "{\"detail\":\"" + detail + "\"}", all);
    }

    /**
     * Once the queued responses are used up, answers every request 200 with the payload {@code payloadFor} gives
     * it (from its form, say its {@code start}): a restarted backfill asks again for whatever dates are still
     * pending, in no order a queue could foresee.
     */
    public synchronized DatabentoStub answer(Function<Request, String> payloadFor) {
        this.answerer = request -> {
            String payload = payloadFor.apply(request);
            return new Response(200, Map.of("Content-Type", payload.startsWith("{") ? "application/json" : "text/csv"),
                    payload.getBytes(StandardCharsets.UTF_8));
        };
        return this;
    }

    /** As {@link #answer(Function)} with binary payloads (DBN, zstd). */
    public synchronized DatabentoStub answerBinary(Function<Request, byte[]> payloadFor) {
        this.answerer = request -> new Response(200, Map.of("Content-Type", "application/octet-stream"),
                payloadFor.apply(request));
        return this;
    }

    public synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    public synchronized void reset() {
        responses.clear();
        requests.clear();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Response response;
        synchronized (this) {
            Request request = new Request(Instant.now(), exchange.getRequestMethod(),
                    exchange.getRequestURI().getPath(), exchange.getRequestHeaders().getFirst("Authorization"), body);
            requests.add(request);
            if (!responses.isEmpty()) {
                response = responses.poll();
            } else if (answerer != null) {
                response = answerer.apply(request);
            } else {
                response = new Response(500, Map.of(), "{\"detail\":\"stub has no response queued\"}"
                        .getBytes(StandardCharsets.UTF_8));
            }
        }
        byte[] bytes = response.body();
        response.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        exchange.sendResponseHeaders(response.status(), bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
