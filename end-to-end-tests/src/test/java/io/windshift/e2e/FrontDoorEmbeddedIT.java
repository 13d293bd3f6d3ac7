package io.windshift.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The front door on the real platform (five JVMs, real broker, real tokens): the security matrix, the
 * generated bad-input suite, the API docs, sign-in through the identity provider, 429 under a burst, and the circuit breaker's fallback and
 * recovery when a service is stopped and started. Runs last: it stops a service.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FrontDoorEmbeddedIT {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final List<String> JAVA_NAMES = List.of("io.windshift", "java.", "tools.jackson", "com.fasterxml");
    /** The notification route gets a small bucket here, so a burst is short; the other routes keep the defaults. */
    static final int NOTIFICATION_BURST = 20;

    static EmbeddedInfrastructure infrastructure;
    static Tokens tokens;
    static Platform platform;
    static SecurityMatrix.Fixture fixture;
    final Http http = new Http();

    @BeforeAll
    static void startPlatform() throws Exception {
        infrastructure = EmbeddedInfrastructure.start();
        tokens = new Tokens(Files.createTempDirectory("windshift-e2e-keys"));
        platform = Platform.startWithSignIn("front-door", infrastructure.kafkaBootstrap(), infrastructure.mongoUri(), tokens.publicKey(),
                Map.of("gateway", List.of(
                        "--windshift.gateway.rate-limit.routes.notification-service.capacity=" + NOTIFICATION_BURST,
                        "--windshift.gateway.rate-limit.routes.notification-service.refill-per-second=2")));
        fixture = MatrixFixture.create(platform, tokens);
    }

    @AfterAll
    static void stopPlatform() {
        if (platform != null) {
            platform.close();
        }
        if (infrastructure != null) {
            infrastructure.close();
        }
    }

    @TestFactory
    @Order(1)
    Stream<DynamicTest> securityMatrix() {
        SecurityMatrix matrix = new SecurityMatrix(platform, tokens, fixture);
        List<DynamicTest> tests = new ArrayList<>(matrix.tests().toList());
        // Only the rightful callers' POSTs created an alliance: no refused call stored anything.
        tests.add(DynamicTest.dynamicTest("refused calls stored nothing", () -> {
            JsonNode all = JSON.readTree(http.send(platform.gateway(), "GET", "/api/v1/alliances", tokens.person("p-admin", "ALLIANCE_ADMIN"), null, null).body());
            long created = all.valueStream().filter(a -> a.get("name").asString().equals(matrix.createdName)).count();
            assertThat(created).isEqualTo(matrix.rightfulCreates());
        }));
        return tests.stream();
    }

    @Test
    @Order(2)
    void thousandsOfMalformedRequestsGet4xxProblemJsonAndStoreNothing() {
        String admin = tokens.person("p-admin", "ALLIANCE_ADMIN");
        String before = http.send(platform.gateway(), "GET", "/api/v1/alliances", admin, null, null).body();
        String fixtureBefore = http.send(platform.gateway(), "GET", "/api/v1/alliances/" + fixture.allianceId(), admin, null, null).body();
        String obligation = "/api/v1/obligations/" + fixture.placeholders().get("obligationId");
        String obligationBefore = http.send(platform.gateway(), "GET", obligation, admin, null, null).body();
        String preferencesBefore = http.send(platform.gateway(), "GET", "/api/v1/preferences", tokens.person(fixture.lead(), "EMPLOYEE"), null, null).body();

        List<BadInputs.Case> cases = BadInputCatalogue.cases(fixture);
        AtomicInteger sent = new AtomicInteger();
        List<String> failures = new ArrayList<>();
        for (BadInputs.Case c : cases) {
            int n = sent.incrementAndGet();
            // Spread over many callers: the per-client rate limit is not what this suite is about.
            String token = c.path().startsWith("/api/v1/hr/") ? tokens.client("workday-fuzz-" + n % 64, "hr.events:write")
                    : c.path().startsWith("/api/v1/finance/") ? tokens.client("sap-fuzz-" + n % 64, "finance.events:write")
                    : c.path().startsWith("/api/v1/subscriptions") ? tokens.client("erp-fuzz-" + n % 64, "events.subscriptions:write")
                    : c.path().startsWith("/api/v1/notifications") || c.path().startsWith("/api/v1/preferences") ? tokens.person(fixture.lead(), "EMPLOYEE")
                    : tokens.person("p-fuzz-" + n % 64, "ALLIANCE_ADMIN");
            HttpResponse<String> response = http.send(platform.gateway(), c.method(), c.path(), token, c.contentType(), c.body());
            int status = response.statusCode();
            boolean ok = status >= 400 && status < 500 && status != 401 && status != 403 && status != 429 && Http.isProblemJson(response);
            // A refusal names the client's field, never a Java type (OWASP API8).
            ok = ok && JAVA_NAMES.stream().noneMatch(response.body()::contains);
            if (!ok) {
                failures.add(status + " for " + c.kind() + ": " + c.method() + " " + c.path() + " " + abbreviate(c.body()) + " -> " + abbreviate(response.body()));
            }
        }
        System.out.printf("bad-input suite: %d malformed requests sent through the gateway, %d not answered with 4xx problem+json%n",
                cases.size(), failures.size());
        assertThat(failures).as("requests not answered with a 4xx problem+json").isEmpty();
        assertThat(cases).hasSizeGreaterThan(2000);

        assertThat(http.send(platform.gateway(), "GET", "/api/v1/alliances", admin, null, null).body()).isEqualTo(before);
        assertThat(http.send(platform.gateway(), "GET", "/api/v1/alliances/" + fixture.allianceId(), admin, null, null).body()).isEqualTo(fixtureBefore);
        assertThat(http.send(platform.gateway(), "GET", obligation, admin, null, null).body()).isEqualTo(obligationBefore);
        assertThat(http.send(platform.gateway(), "GET", "/api/v1/preferences", tokens.person(fixture.lead(), "EMPLOYEE"), null, null).body())
                .isEqualTo(preferencesBefore);
        assertThat(leadsNotifications()).isEqualTo(1);
    }

    @Test
    @Order(3)
    void operatorInjectionInAFilterMatchesNothing() {
        String admin = tokens.person("p-admin", "ALLIANCE_ADMIN");
        for (String injection : BadInputs.INJECTIONS) {
            HttpResponse<String> response = http.send(platform.gateway(), "GET",
                    "/api/v1/alliances?personId=" + URLEncoder.encode(injection, StandardCharsets.UTF_8), admin, null, null);
            assertThat(response.statusCode()).as(injection).isIn(200, 400);
            if (response.statusCode() == 200) {
                assertThat(JSON.readTree(response.body())).as(injection + " must be a literal, not an operator").isEmpty();
            }
        }
    }

    @Test
    @Order(4)
    void oneSwaggerUiShowsEveryServicesOpenApiWithoutATokenButNothingElseIsOpen() {
        assertThat(http.send(platform.gateway(), "GET", "/swagger-ui/index.html", null, null, null).statusCode()).isEqualTo(200);
        JsonNode config = JSON.readTree(http.send(platform.gateway(), "GET", "/v3/api-docs/swagger-config", null, null, null).body());
        List<String> urls = config.get("urls").valueStream().map(u -> u.get("url").asString()).toList();
        assertThat(urls).contains("/api-docs/alliance-service", "/api-docs/obligation-service", "/api-docs/notification-service");
        for (String service : Platform.SERVICES) {
            // A service builds its document on the first request, which on a loaded 2-core CI machine has once
            // taken longer than the client's 30 s timeout: allow it to be asked again.
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(120)).ignoreExceptions().untilAsserted(() -> {
                HttpResponse<String> docs = http.send(platform.gateway(), "GET", "/api-docs/" + service, null, null, null);
                assertThat(docs.statusCode()).as(service + ": " + docs.body()).isEqualTo(200);
                JsonNode openApi = JSON.readTree(docs.body());
                assertThat(openApi.get("openapi").asString()).startsWith("3.");
                assertThat(openApi.get("servers").get(0).get("url").asString()).isEqualTo("/");
            });
        }
        JsonNode alliance = JSON.readTree(http.send(platform.gateway(), "GET", "/api-docs/alliance-service", null, null, null).body());
        assertThat(alliance.get("paths").has("/api/v1/alliances")).isTrue();
        assertThat(alliance.get("paths").has("/api/v1/hr/events")).isTrue();
        assertThat(http.send(platform.direct("alliance-service"), "GET", "/v3/api-docs", null, null, null).statusCode()).isEqualTo(200);
        assertThat(http.send(platform.direct("alliance-service"), "GET", "/actuator/env", null, null, null).statusCode()).isIn(401, 404);
        assertThat(http.send(platform.gateway(), "GET", "/actuator/gateway/routes", null, null, null).statusCode()).isEqualTo(401);
    }

    /**
     * The contract an integrator reads: the three OpenAPI documents exactly as the gateway serves them lint clean under
     * Redocly's recommended rules (no error, no warning), and docs/asyncapi.yaml validates (contract-lint/lint.sh, the
     * pinned npm tools). A document that regresses fails here.
     */
    @Test
    @Order(5)
    void theContractAtTheGatewayLintsCleanAndTheAsyncApiValidates() throws Exception {
        java.nio.file.Path root = java.nio.file.Path.of(System.getProperty("windshift.root", "..")).toAbsolutePath().normalize();
        java.nio.file.Path documents = Files.createDirectories(root.resolve("end-to-end-tests/target/openapi-at-gateway"));
        List<String> command = new ArrayList<>(List.of("bash", root.resolve("contract-lint/lint.sh").toString()));
        for (String service : Platform.SERVICES) {
            String[] body = new String[1];
            await().atMost(Duration.ofSeconds(120)).ignoreExceptions().untilAsserted(() -> {
                HttpResponse<String> docs = http.send(platform.gateway(), "GET", "/api-docs/" + service, null, null, null);
                assertThat(docs.statusCode()).as(service + ": " + docs.body()).isEqualTo(200);
                body[0] = docs.body();
            });
            java.nio.file.Path file = documents.resolve(service + ".json");
            Files.writeString(file, body[0]);
            command.add(file.toString());
        }
        Process lint = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true).start();
        String output = new String(lint.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(lint.waitFor(10, java.util.concurrent.TimeUnit.MINUTES)).isTrue();
        System.out.println(output);
        assertThat(lint.exitValue()).as(output).isZero();
        assertThat(output).contains("contract lint passed: 3 OpenAPI document(s)");
    }

    @Test
    @Order(5)
    void aPersonSignsInThroughTheIdentityProviderAndUsesTheApiThroughTheSession() throws Exception {
        new SignInScenario(platform, fixture, tokens.publicKey().getParent()).aPersonSignsInUsesTheApiThroughTheSessionAndSignsOut();
    }

    @Test
    @Order(5)
    void anIntegrationClientGetsATokenByClientCredentialsThatTheIntakeAccepts() throws Exception {
        new SignInScenario(platform, fixture, tokens.publicKey().getParent()).anIntegrationClientGetsItsTokenByClientCredentials();
    }

    @Test
    @Order(6)
    void aBurstFromOneClientGets429WithRetryAfter() throws Exception {
        String token = tokens.person("p-burst", "EMPLOYEE");
        List<java.util.concurrent.CompletableFuture<HttpResponse<String>>> burst = new ArrayList<>();
        for (int i = 0; i < NOTIFICATION_BURST * 3; i++) {
            burst.add(http.client().sendAsync(java.net.http.HttpRequest.newBuilder(java.net.URI.create(platform.gateway() + "/api/v1/notifications"))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString()));
        }
        List<HttpResponse<String>> responses = new ArrayList<>();
        for (var future : burst) {
            responses.add(future.get());
        }
        List<HttpResponse<String>> limited = responses.stream().filter(r -> r.statusCode() == 429).toList();
        assertThat(responses.stream().filter(r -> r.statusCode() == 200).count()).isGreaterThanOrEqualTo(NOTIFICATION_BURST);
        assertThat(limited).isNotEmpty().allSatisfy(r -> {
            assertThat(Http.isProblemJson(r)).isTrue();
            assertThat(r.headers().firstValue("Retry-After").map(Long::parseLong)).hasValueSatisfying(s -> assertThat(s).isPositive());
        });
        assertThat(responses).allSatisfy(r -> assertThat(r.statusCode()).isIn(200, 429));
        // Another client is not held back by this one.
        assertThat(http.send(platform.gateway(), "GET", "/api/v1/notifications", tokens.person("p-calm", "EMPLOYEE"), null, null).statusCode()).isEqualTo(200);
    }

    @Test
    @Order(7)
    void aStoppedServiceGets503NamingItAndTheRouteRecoversWhenItIsBack() throws Exception {
        AtomicInteger caller = new AtomicInteger();
        String admin = tokens.person("p-admin", "ALLIANCE_ADMIN");
        platform.stop("notification-service");
        try {
            for (int i = 0; i < 12; i++) {
                HttpResponse<String> response = http.send(platform.gateway(), "GET", "/api/v1/notifications",
                        tokens.person("p-cb-" + caller.incrementAndGet(), "EMPLOYEE"), null, null);
                assertThat(response.statusCode()).isEqualTo(503);
                assertThat(Http.isProblemJson(response)).isTrue();
                assertThat(JSON.readTree(response.body()).get("service").asString()).isEqualTo("notification-service");
            }
            // The other services are not affected.
            assertThat(http.send(platform.gateway(), "GET", "/api/v1/alliances", admin, null, null).statusCode()).isEqualTo(200);
        } finally {
            platform.restart("notification-service");
        }
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                assertThat(http.send(platform.gateway(), "GET", "/api/v1/notifications", tokens.person("p-cb-" + caller.incrementAndGet(), "EMPLOYEE"),
                        null, null).statusCode()).isEqualTo(200));
        assertThat(leadsNotifications()).isEqualTo(1);
    }

    /** The lead's notifications, inbox and archive (the matrix archives the one the fixture made). */
    long leadsNotifications() {
        long total = 0;
        for (String archived : List.of("false", "true")) {
            total += JSON.readTree(http.send(platform.gateway(), "GET", "/api/v1/notifications?archived=" + archived,
                    tokens.person(fixture.lead(), "EMPLOYEE"), null, null).body()).get("items").size();
        }
        return total;
    }

    private static String abbreviate(String s) {
        return s == null ? "" : s.length() > 160 ? s.substring(0, 160) + "..." : s;
    }
}
