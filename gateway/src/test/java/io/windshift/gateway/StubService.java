package io.windshift.gateway;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A downstream service on a real port: answers JSON, records the headers it received, and fails on
 * request ({@code /flaky} answers 500 until its counter runs out).
 */
final class StubService implements AutoCloseable {

    final HttpServer server;
    final List<Map<String, List<String>>> received = new CopyOnWriteArrayList<>();
    final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    final AtomicInteger failuresLeft = new AtomicInteger();

    StubService() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    String uri() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    int calls(String method, String path) {
        return calls.getOrDefault(method + " " + path, new AtomicInteger()).get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        exchange.getRequestBody().readAllBytes();
        String path = exchange.getRequestURI().getPath();
        if (path.startsWith("/actuator/health")) {
            // The gateway's load balancer checks the instance every few seconds: not a request the tests count.
            respond(exchange, 200, "{\"status\":\"UP\"}");
            return;
        }
        calls.computeIfAbsent(exchange.getRequestMethod() + " " + path, k -> new AtomicInteger()).incrementAndGet();
        received.add(Map.copyOf(exchange.getRequestHeaders()));
        if (path.equals("/api/v1/hr/events")) {
            // An intake that cannot reach its broker: refuses at once, saying when to come back.
            exchange.getResponseHeaders().set("Retry-After", "5");
            respond(exchange, 503, "{\"title\":\"Event intake unavailable\"}");
            return;
        }
        if (path.endsWith("/flaky") && failuresLeft.getAndDecrement() > 0) {
            respond(exchange, 500, "{\"title\":\"boom\"}");
            return;
        }
        respond(exchange, 200, path.equals("/v3/api-docs") ? "{\"openapi\":\"3.1.0\"}" : "{\"path\":\"" + path + "\"}");
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
