package io.windshift.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The real gateway on a real port in front of stub services: token checks, trace and correlation
 * headers, security headers, CORS, retries, circuit-breaker fallback, size and rate limits.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class FrontDoorIT {

    static final TestTokens TOKENS = new TestTokens();
    static final StubService STUB = new StubService();
    static final String WEB_ORIGIN = "https://app.windshift.example";

    @LocalServerPort
    int port;

    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    @DynamicPropertySource
    static void wire(DynamicPropertyRegistry registry) {
        registry.add("ALLIANCE_SERVICE_URI", STUB::uri);
        registry.add("NOTIFICATION_SERVICE_URI", STUB::uri);
        registry.add("OBLIGATION_SERVICE_URI", () -> "http://127.0.0.1:" + closedPort());
        registry.add("windshift.security.jwt.public-key-location", TOKENS::publicKeyLocation);
        registry.add("windshift.gateway.cors.allowed-origins", () -> WEB_ORIGIN);
        registry.add("windshift.gateway.rate-limit.routes.notification-service.capacity", () -> "5");
        registry.add("windshift.gateway.rate-limit.routes.notification-service.refill-per-second", () -> "0.1");
    }

    @AfterAll
    static void stopStub() {
        STUB.close();
    }

    @Test
    void aValidTokenIsProxiedWithCorrelationIdTraceContextAndSecurityHeaders() throws Exception {
        HttpResponse<String> response = send(get("/api/v1/alliances?tier=STRATEGIC").header("Authorization", bearer(TOKENS.valid("p-admin"))));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("/api/v1/alliances");
        String correlationId = response.headers().firstValue("X-Correlation-Id").orElseThrow();
        Map<String, List<String>> downstream = STUB.received.getLast();
        assertThat(downstream.get("X-correlation-id")).containsExactly(correlationId);
        assertThat(downstream.get("Traceparent")).singleElement().asString().matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]");
        assertThat(downstream.get("Authorization")).isNotNull();
        assertSecurityHeaders(response, "default-src 'none'");
    }

    @Test
    void aCallersTraceparentIsContinuedNotReplaced() throws Exception {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        HttpResponse<String> response = send(get("/api/v1/notifications").header("Authorization", bearer(TOKENS.valid("p-trace")))
                .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(STUB.received.getLast().get("Traceparent")).singleElement().asString().contains(traceId);
    }

    static Stream<Arguments> badTokens() {
        return Stream.of(
                Arguments.of("no token", (Function<String, String>) s -> null),
                Arguments.of("not a JWT", (Function<String, String>) s -> "not.a.token"),
                Arguments.of("expired", (Function<String, String>) TOKENS::expired),
                Arguments.of("not yet valid", (Function<String, String>) TOKENS::notYetValid),
                Arguments.of("wrong issuer", (Function<String, String>) TOKENS::wrongIssuer),
                Arguments.of("wrong audience", (Function<String, String>) TOKENS::wrongAudience),
                Arguments.of("alg none", (Function<String, String>) TOKENS::algNone),
                Arguments.of("signed by another key", (Function<String, String>) TOKENS::signedByStranger),
                Arguments.of("payload tampered", (Function<String, String>) TOKENS::tampered),
                Arguments.of("HS256 keyed with the public key", (Function<String, String>) TOKENS::hmacWithPublicKey));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badTokens")
    void everyBadTokenIsRefusedWith401ProblemJsonThatLeaksNothing(String kind, Function<String, String> token) throws Exception {
        int before = STUB.received.size();
        String subject = "p-secret-" + kind.hashCode();
        HttpRequest.Builder request = get("/api/v1/alliances");
        String value = token.apply(subject);
        if (value != null) {
            request.header("Authorization", bearer(value));
        }
        HttpResponse<String> response = send(request);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(h -> assertThat(h).startsWith("Bearer"));
        assertThat(response.body()).doesNotContain(subject).doesNotContain("ALLIANCE_ADMIN");
        assertThat(STUB.received).hasSize(before);
        assertSecurityHeaders(response, "default-src 'none'");
    }

    @Test
    void aTokenAcceptedBeforeIsRefusedOnceOneCharacterOfItChanges() throws Exception {
        String token = TOKENS.valid("p-cached");
        assertThat(send(get("/api/v1/alliances").header("Authorization", bearer(token))).statusCode()).isEqualTo(200);
        assertThat(send(get("/api/v1/alliances").header("Authorization", bearer(token))).statusCode()).isEqualTo(200);
        int before = STUB.received.size();
        String[] parts = token.split("\\.");
        char last = parts[2].charAt(parts[2].length() - 2);
        String otherSignature = parts[2].substring(0, parts[2].length() - 2) + (last == 'A' ? 'B' : 'A') + parts[2].charAt(parts[2].length() - 1);
        for (String altered : List.of(parts[0] + "." + parts[1] + "." + otherSignature, token + "x", " " + token.substring(1))) {
            HttpResponse<String> response = send(get("/api/v1/alliances").header("Authorization", bearer(altered)));
            assertThat(response.statusCode()).as(altered).isEqualTo(401);
        }
        assertThat(STUB.received).hasSize(before);
    }

    @Test
    void anUnavailableServiceGives503ProblemJsonNamingIt() throws Exception {
        for (String method : List.of("GET", "POST")) {
            HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/v1/obligations")).timeout(Duration.ofSeconds(30))
                    .header("Authorization", bearer(TOKENS.valid("p-admin"))).header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(method.equals("GET") ? "" : "{}")));
            assertThat(response.statusCode()).as(method).isEqualTo(503);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
            assertThat(response.body()).contains("\"service\":\"obligation-service\"").contains("obligation-service is unavailable");
        }
    }

    @Test
    void anIntakesOwnRefusalsReachTheCallerAndLeaveTheServicesOtherRoutesOpen() throws Exception {
        for (int i = 0; i < 30; i++) {
            HttpResponse<String> refused = send(HttpRequest.newBuilder(uri("/api/v1/hr/events")).header("Authorization", bearer(TOKENS.valid("p-hr-" + i)))
                    .header("Content-Type", "application/cloudevents+json").POST(HttpRequest.BodyPublishers.ofString("{}")));
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Retry-After")).contains("5");
            assertThat(refused.body()).contains("Event intake unavailable");
        }
        assertThat(STUB.calls("POST", "/api/v1/hr/events")).isEqualTo(30);
        assertThat(send(get("/api/v1/alliances/after-refusals").header("Authorization", bearer(TOKENS.valid("p-admin")))).statusCode()).isEqualTo(200);
    }

    @Test
    void onlyGetsAreRetried() throws Exception {
        STUB.failuresLeft.set(2);
        HttpResponse<String> get = send(get("/api/v1/alliances/flaky").header("Authorization", bearer(TOKENS.valid("p-admin"))));
        assertThat(get.statusCode()).isEqualTo(200);
        assertThat(STUB.calls("GET", "/api/v1/alliances/flaky")).isEqualTo(3);

        STUB.failuresLeft.set(1);
        HttpResponse<String> post = send(HttpRequest.newBuilder(uri("/api/v1/alliances/flaky")).header("Authorization", bearer(TOKENS.valid("p-admin")))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertThat(post.statusCode()).isEqualTo(500);
        assertThat(STUB.calls("POST", "/api/v1/alliances/flaky")).isEqualTo(1);
    }

    @Test
    void aBurstFromOneClientGets429WithRetryAfterWhileOthersGoOn() throws Exception {
        String noisy = TOKENS.valid("p-noisy");
        List<HttpResponse<String>> responses = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            responses.add(send(get("/api/v1/notifications").header("Authorization", bearer(noisy))));
        }
        assertThat(responses.subList(0, 5)).allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(200));
        HttpResponse<String> limited = responses.getLast();
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After").map(Long::parseLong)).hasValueSatisfying(s -> assertThat(s).isBetween(1L, 10L));
        assertThat(limited.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(limited.body()).contains("\"status\":429");

        assertThat(send(get("/api/v1/notifications").header("Authorization", bearer(TOKENS.valid("p-quiet")))).statusCode()).isEqualTo(200);
        // Another route has its own bucket.
        assertThat(send(get("/api/v1/alliances").header("Authorization", bearer(noisy))).statusCode()).isEqualTo(200);
    }

    @Test
    void anOversizeBodyIs413ProblemJsonAndNeverReachesTheService() throws Exception {
        int before = STUB.received.size();
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/v1/notifications/n-1/read"))
                .header("Authorization", bearer(TOKENS.valid("p-big"))).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"x\":\"" + "a".repeat(1_100_000) + "\"}")));
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(STUB.received).hasSize(before);
    }

    @Test
    void corsAllowsTheWebOriginOnly() throws Exception {
        HttpResponse<String> allowed = send(HttpRequest.newBuilder(uri("/api/v1/alliances")).method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", WEB_ORIGIN).header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type"));
        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).contains(WEB_ORIGIN);

        HttpResponse<String> refused = send(HttpRequest.newBuilder(uri("/api/v1/alliances")).method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://evil.example").header("Access-Control-Request-Method", "GET"));
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();

        HttpResponse<String> actual = send(get("/api/v1/alliances").header("Origin", WEB_ORIGIN).header("Authorization", bearer(TOKENS.valid("p-web"))));
        assertThat(actual.headers().firstValue("Access-Control-Allow-Origin")).contains(WEB_ORIGIN);
        assertThat(actual.headers().firstValue("Access-Control-Expose-Headers")).hasValueSatisfying(h -> assertThat(h).contains("X-Correlation-Id"));
    }

    /** The routes and filters of the gateway are no one's business (OWASP API8): not exposed, whatever the token. */
    @Test
    void theGatewaysActuatorIsNotThereForAnyToken() throws Exception {
        String employee = TOKENS.signed(io.windshift.local.LocalTokens.personClaims("p-curious", java.util.List.of("EMPLOYEE"), null,
                io.windshift.local.LocalTokens.DEFAULT_ISSUER, io.windshift.local.LocalTokens.DEFAULT_AUDIENCE, java.time.Instant.now(), 600));
        for (String token : java.util.List.of(employee, TOKENS.valid("p-admin"), TOKENS.client("workday", "hr.events:write"))) {
            for (String path : java.util.List.of("/actuator/gateway", "/actuator/gateway/routes", "/actuator/gateway/globalfilters")) {
                HttpResponse<String> response = send(get(path).header("Authorization", bearer(token)));
                assertThat(response.statusCode()).as(path + ": " + response.body()).isIn(403, 404);
                assertThat(response.body()).as(path).doesNotContain("alliance-service", "route_id", "predicate");
            }
        }
    }

    @Test
    void theApiDocsAreOpenButNothingElseIs() throws Exception {
        HttpResponse<String> docs = send(get("/api-docs/alliance-service"));
        assertThat(docs.statusCode()).isEqualTo(200);
        assertThat(docs.body()).contains("openapi");
        assertThat(STUB.calls("GET", "/v3/api-docs")).isPositive();

        HttpResponse<String> ui = send(get("/swagger-ui/index.html"));
        assertThat(ui.statusCode()).isEqualTo(200);
        assertSecurityHeaders(ui, "script-src 'self'");
        HttpResponse<String> config = send(get("/v3/api-docs/swagger-config"));
        assertThat(config.statusCode()).isEqualTo(200);
        assertThat(config.body()).contains("/api-docs/alliance-service", "/api-docs/obligation-service", "/api-docs/notification-service");

        assertThat(send(get("/actuator/gateway/routes")).statusCode()).isEqualTo(401);
        assertThat(send(get("/api-docs/../api/v1/alliances")).statusCode()).isIn(400, 401, 404);
        assertThat(send(HttpRequest.newBuilder(uri("/api-docs/alliance-service")).POST(HttpRequest.BodyPublishers.ofString("{}"))).statusCode())
                .isEqualTo(401);
    }

    @Test
    void theConsoleIsServedToSignedInPeopleWithAPolicyAllowingOnlyItsOwnScripts() throws Exception {
        // A browser without a session is sent to sign in; the page itself needs a session or a token.
        HttpResponse<String> anonymous = send(get("/console/"));
        assertThat(anonymous.statusCode()).isEqualTo(302);
        assertThat(anonymous.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).contains("/oauth2/authorization/"));
        String token = bearer(TOKENS.valid("p-web"));
        HttpResponse<String> inbox = send(get("/console/").header("Authorization", token));
        assertThat(inbox.statusCode()).isEqualTo(200);
        assertThat(inbox.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(inbox.body()).contains("<h1 id=\"page-title\">Inbox</h1>", "js/inbox.js");
        assertSecurityHeaders(inbox, "script-src 'self'", "same-origin");
        assertThat(inbox.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(h -> assertThat(h).doesNotContain("unsafe"));
        HttpResponse<String> module = send(get("/console/js/api.js").header("Authorization", token));
        assertThat(module.statusCode()).isEqualTo(200);
        assertThat(module.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("javascript"));
        HttpResponse<String> root = send(get("/").header("Authorization", token));
        assertThat(root.statusCode()).isEqualTo(307);
        assertThat(root.headers().firstValue("Location")).contains("/console/");
    }

    private static void assertSecurityHeaders(HttpResponse<String> response, String cspFragment) {
        assertSecurityHeaders(response, cspFragment, "no-referrer");
    }

    /** Console pages use same-origin: under no-referrer Chromium sends "Origin: null" with the sign-out form's POST. */
    private static void assertSecurityHeaders(HttpResponse<String> response, String cspFragment, String referrerPolicy) {
        assertThat(response.headers().firstValue("Strict-Transport-Security")).hasValueSatisfying(h -> assertThat(h).contains("max-age="));
        assertThat(response.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(response.headers().firstValue("X-Frame-Options")).contains("DENY");
        assertThat(response.headers().firstValue("Referrer-Policy")).contains(referrerPolicy);
        assertThat(response.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(h -> assertThat(h).contains(cspFragment));
    }

    private HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30)).GET();
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String bearer(String token) {
        return "Bearer " + token;
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
