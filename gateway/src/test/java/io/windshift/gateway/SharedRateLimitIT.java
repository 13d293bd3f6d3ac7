package io.windshift.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two gateway instances sharing their rate limit through a real Redis (Debian's {@code redis-server}, started on a
 * free port): one client's burst, spread over both instances, is cut at the capacity once, not once per instance;
 * with the in-memory store the same burst would get twice as far.
 */
class SharedRateLimitIT {

    static final TestTokens TOKENS = new TestTokens();
    static final StubService STUB = new StubService();
    static Process redis;
    static final List<ConfigurableApplicationContext> gateways = new ArrayList<>();
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        String server = List.of("/usr/bin/redis-server", "/usr/local/bin/redis-server").stream().filter(p -> Files.isExecutable(Path.of(p)))
                .findFirst().orElseThrow(() -> new IllegalStateException("redis-server is needed (apt-get install redis-server; .ci/run installs it)"));
        int port = freePort();
        redis = new ProcessBuilder(server, "--port", Integer.toString(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return true;
            } catch (IOException e) {
                return false;
            }
        });
        for (int i = 0; i < 2; i++) {
            gateways.add(new SpringApplicationBuilder(GatewayApplication.class).run(
                    "--server.port=0",
                    "--ALLIANCE_SERVICE_URI=" + STUB.uri(),
                    "--NOTIFICATION_SERVICE_URI=" + STUB.uri(),
                    "--OBLIGATION_SERVICE_URI=" + STUB.uri(),
                    "--windshift.security.jwt.public-key-location=" + TOKENS.publicKeyLocation(),
                    "--windshift.gateway.rate-limit.store=redis",
                    "--windshift.gateway.rate-limit.redis-url=redis://127.0.0.1:" + port,
                    "--windshift.gateway.rate-limit.routes.notification-service.capacity=6",
                    "--windshift.gateway.rate-limit.routes.notification-service.refill-per-second=0.01"));
        }
    }

    @AfterAll
    static void stop() {
        gateways.forEach(ConfigurableApplicationContext::close);
        STUB.close();
        if (redis != null) {
            redis.destroyForcibly();
        }
    }

    @Test
    void aBurstSpreadOverTwoGatewaysIsCutAtTheCapacityOnce() throws Exception {
        String token = TOKENS.valid("p-burst");
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            statuses.add(get(gateways.get(i % 2), token).statusCode());
        }
        assertThat(statuses.subList(0, 6)).containsOnly(200);
        assertThat(statuses.subList(6, 12)).containsOnly(429);
        // Another person has a bucket of their own on both instances.
        assertThat(get(gateways.get(0), TOKENS.valid("p-calm")).statusCode()).isEqualTo(200);
        assertThat(get(gateways.get(1), TOKENS.valid("p-calm")).statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> get(ConfigurableApplicationContext gateway, String token) throws Exception {
        int port = ((WebServerApplicationContext) gateway).getWebServer().getPort();
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/notifications"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
