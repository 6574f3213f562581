package io.marketlake.reliability;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A hostile HTTP server on 127.0.0.1, at the socket level so it can misbehave as real servers and networks do:
 * answer, hang without a byte, trickle a body a byte at a time, or drop the connection in the middle of a body.
 * Each connection takes the next scripted behaviour; an exhausted script answers 500.
 */
final class ScriptedServer implements AutoCloseable {

    /** A request as received. */
    record Request(String method, String path, Map<String, String> headers, String body) {
    }

    sealed interface Behaviour permits Reply, Hang, Trickle, Drop {
    }

    /** A complete response. */
    record Reply(int status, Map<String, String> headers, byte[] body) implements Behaviour {
    }

    /** Reads the request and never answers (until the server closes). */
    record Hang() implements Behaviour {
    }

    /** The status line and headers at once, then the body one byte every {@code everyMillis}. */
    record Trickle(int status, Map<String, String> headers, byte[] body, long everyMillis) implements Behaviour {
    }

    /** Announces {@code body.length + missing} bytes, sends the body, then closes the connection. */
    record Drop(int status, Map<String, String> headers, byte[] body, int missing) implements Behaviour {
    }

    private final ServerSocket server;
    private final ExecutorService connections = Executors.newCachedThreadPool(r -> daemon(r, "scripted-http"));
    private final ScheduledExecutorService trickles = Executors.newSingleThreadScheduledExecutor(
            r -> daemon(r, "scripted-trickle"));
    private final Deque<Behaviour> script = new ArrayDeque<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final AtomicInteger served = new AtomicInteger();

    private ScriptedServer(ServerSocket server) {
        this.server = server;
        connections.submit(this::accept);
    }

    static ScriptedServer start() throws IOException {
        return new ScriptedServer(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    synchronized ScriptedServer then(Behaviour behaviour) {
        script.add(behaviour);
        return this;
    }

    ScriptedServer reply(int status, String contentType, byte[] body) {
        return then(new Reply(status, Map.of("Content-Type", contentType), body));
    }

    ScriptedServer reply(int status, String contentType, String body) {
        return reply(status, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    ScriptedServer csv(String body) {
        return reply(200, "text/csv", body);
    }

    /** An error as Databento sends one: JSON with "detail" (a string, an object or a list). */
    ScriptedServer error(int status, String detailJson, Map<String, String> headers) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put("Content-Type", "application/json");
        return then(new Reply(status, all, ("{\"detail\":" + detailJson + "}").getBytes(StandardCharsets.UTF_8)));
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    synchronized void reset() {
        script.clear();
        requests.clear();
        closeOpen();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                open.add(socket);
                connections.submit(() -> serve(socket));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try {
            Request request = read(socket.getInputStream());
            if (request == null) {
                socket.close();
                return;
            }
            requests.add(request);
            Behaviour behaviour;
            synchronized (this) {
                behaviour = script.isEmpty() ? new Reply(500, Map.of("Content-Type", "application/json"),
                        "{\"detail\":\"nothing scripted\"}".getBytes(StandardCharsets.UTF_8)) : script.poll();
            }
            served.incrementAndGet();
            OutputStream out = socket.getOutputStream();
            if (behaviour instanceof Reply reply) {
                out.write(head(reply.status(), reply.headers(), reply.body().length));
                out.write(reply.body());
                out.flush();
                socket.close();
            } else if (behaviour instanceof Drop drop) {
                out.write(head(drop.status(), drop.headers(), drop.body().length + drop.missing()));
                out.write(drop.body());
                out.flush();
                socket.close();
            } else if (behaviour instanceof Trickle trickle) {
                out.write(head(trickle.status(), trickle.headers(), trickle.body().length));
                out.flush();
                AtomicInteger next = new AtomicInteger();
                ScheduledFuture<?>[] task = new ScheduledFuture<?>[1];
                task[0] = trickles.scheduleAtFixedRate(() -> {
                    try {
                        int i = next.getAndIncrement();
                        if (i >= trickle.body().length || socket.isClosed()) {
                            socket.close();
                            task[0].cancel(false);
                            return;
                        }
                        out.write(trickle.body()[i]);
                        out.flush();
                    } catch (IOException e) {
                        task[0].cancel(false);
                    }
                }, trickle.everyMillis(), trickle.everyMillis(), TimeUnit.MILLISECONDS);
            }
            // Hang: the socket stays open without a byte until reset() or close()
        } catch (IOException e) {
            // the client went away: nothing to answer
        }
    }

    private static byte[] head(int status, Map<String, String> headers, long length) {
        StringBuilder head = new StringBuilder("HTTP/1.1 ").append(status).append(' ').append(reason(status))
                .append("\r\n");
        headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
        head.append("Content-Length: ").append(length).append("\r\nConnection: close\r\n\r\n");
        return head.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 422 -> "Unprocessable Entity";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> "Status";
        };
    }

    private static Request read(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        int b;
        while (matched < 4 && (b = in.read()) >= 0) {
            head.write(b);
            matched = (b == '\r' || b == '\n') ? (matched + 1) : 0;
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        if (text.isBlank()) {
            return null;
        }
        String[] lines = text.split("\r\n");
        String[] requestLine = lines[0].split(" ");
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
            }
        }
        int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
        byte[] body = in.readNBytes(length);
        return new Request(requestLine[0], requestLine.length > 1 ? requestLine[1] : "", headers,
                new String(body, StandardCharsets.UTF_8));
    }

    private void closeOpen() {
        for (Socket socket : open) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        open.clear();
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        closeOpen();
        connections.shutdownNow();
        trickles.shutdownNow();
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }

    /** A port on loopback where nothing listens: connections are refused at once. */
    static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /**
     * A listening socket whose accept queue is full, so a new connection's handshake is never answered and the
     * client's connect timeout fires, as behind a firewall that drops packets.
     */
    static final class Blackhole implements AutoCloseable {

        private final ServerSocket server;
        private final List<Socket> fillers = new ArrayList<>();

        Blackhole() throws IOException {
            server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
            for (int i = 0; i < 8; i++) {
                Socket filler = new Socket();
                try {
                    filler.connect(server.getLocalSocketAddress(), 200);
                    fillers.add(filler);
                } catch (IOException full) {
                    filler.close();
                    break;
                }
            }
        }

        String baseUrl() {
            return "http://127.0.0.1:" + server.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            for (Socket filler : fillers) {
                filler.close();
            }
            server.close();
        }
    }
}
