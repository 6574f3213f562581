package io.marketlake;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The CFTC's file server on 127.0.0.1: serves the bytes put at a path, 404 elsewhere, and records the paths asked. */
public final class CftcStub implements AutoCloseable {

    private final HttpServer server;
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final List<String> requested = new ArrayList<>();

    private CftcStub(HttpServer server) {
        this.server = server;
    }

    public static CftcStub start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        CftcStub stub = new CftcStub(server);
        server.createContext("/", stub::handle);
        server.start();
        return stub;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public CftcStub serve(String path, byte[] content) {
        files.put(path, content);
        return this;
    }

    public CftcStub yearly(int year, byte[] zip) {
        return serve("/files/dea/history/fut_disagg_txt_" + year + ".zip", zip);
    }

    public synchronized List<String> requested() {
        return List.copyOf(requested);
    }

    public synchronized void reset() {
        files.clear();
        requested.clear();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        synchronized (this) {
            requested.add(path);
        }
        byte[] content = files.get(path);
        int status = content == null ? 404 : 200;
        byte[] body = content == null ? "<html><body>Not Found</body></html>".getBytes(StandardCharsets.UTF_8) : content;
        exchange.getResponseHeaders().add("Content-Type", path.endsWith(".zip") ? "application/zip" : "text/plain");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
