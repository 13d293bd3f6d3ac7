package io.windshift.gateway.signin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.windshift.local.LocalIdentity;
import io.windshift.local.LocalTokens;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The backend-for-frontend against the real identity provider (its executable jar, as its own process) and a stub
 * service that records what the gateway forwards: pages redirect to sign-in, anonymous API calls stay 401 problem+json,
 * a full authorization-code + PKCE sign-in through the provider's form ends in a session cookie that calls the API with
 * a relayed token, CSRF guards state-changing calls, and sign-out ends both sessions.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class SessionSignInIT {

    static final Path KEYS = tempDir();
    static final int GATEWAY_PORT = freePort();
    static final int IDP_PORT = freePort();
    static final String GATEWAY = "http://localhost:" + GATEWAY_PORT;
    static final String IDP = "http://localhost:" + IDP_PORT;
    static final List<Map<String, List<String>>> FORWARDED = new CopyOnWriteArrayList<>();
    static final HttpServer STUB = stub();
    static Process provider;

    @DynamicPropertySource
    static void wire(DynamicPropertyRegistry registry) throws IOException {
        LocalTokens.ensureKeyPair(KEYS);
        startProvider();
        registry.add("server.port", () -> GATEWAY_PORT);
        registry.add("ALLIANCE_SERVICE_URI", () -> "http://127.0.0.1:" + STUB.getAddress().getPort());
        registry.add("windshift.security.jwt.public-key-location", () -> "file:" + KEYS.resolve(LocalTokens.PUBLIC_KEY_FILE));
        registry.add("windshift.gateway.login.issuer-uri", () -> IDP);
        registry.add("windshift.gateway.login.client-secret", () -> LocalIdentity.clientSecret(KEYS, LocalIdentity.CONSOLE_CLIENT));
        registry.add("windshift.gateway.login.secure-cookie", () -> "false");
        registry.add("server.reactive.session.cookie.secure", () -> "false");
    }

    static void startProvider() throws IOException {
        Path jar;
        try (Stream<Path> files = Files.list(Path.of("../identity-provider/target"))) {
            jar = files.filter(p -> p.getFileName().toString().endsWith("-exec.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("build identity-provider first (mvn install)"));
        }
        Path log = Path.of("target/identity-provider-it.log");
        provider = new ProcessBuilder(List.of(ProcessHandle.current().info().command().orElse("java"), "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC", "-Xmx192m", "-jar", jar.toAbsolutePath().toString(), "--server.port=" + IDP_PORT,
                "--windshift.identity.issuer=" + IDP, "--windshift.identity.keys=" + KEYS,
                "--windshift.identity.state=" + KEYS.resolve("identity"),
                // No broker here: the local mapping alone decides (the HR check is IdentityProviderTest's).
                "--windshift.identity.hr-mirror.enabled=false",
                "--windshift.identity.console.redirect-uris=" + GATEWAY + "/login/oauth2/code/windshift",
                "--windshift.identity.console.post-logout-redirect-uris=" + GATEWAY + "/signed-out"))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        await("the identity provider is ready").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .until(() -> new Browser().get(IDP + "/actuator/health/readiness").statusCode() == 200);
        LocalIdentity.setPerson(IDP, KEYS, "p-ana", "Ana Ruiz", "ana@windshift.example", "correct-horse-battery",
                List.of("ALLIANCE_MANAGER"));
    }

    @AfterAll
    static void stop() {
        STUB.stop(0);
        if (provider != null) {
            provider.destroy();
        }
    }

    @Test
    void aPageRedirectsToSignInButTheApiStaysA401Problem() throws Exception {
        Browser browser = new Browser();
        HttpResponse<String> page = browser.get(GATEWAY + "/console/");
        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(Browser.location(page)).isEqualTo("/oauth2/authorization/windshift");

        for (String path : List.of("/api/v1/alliances", "/console/api/me")) {
            HttpResponse<String> api = browser.get(GATEWAY + path);
            assertThat(api.statusCode()).as(path).isEqualTo(401);
            assertThat(api.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("application/problem+json"));
        }
        HttpResponse<String> post = new Browser().send(HttpRequest.newBuilder(URI.create(GATEWAY + "/api/v1/alliances"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertThat(post.statusCode()).as("anonymous POST: 401, not a CSRF refusal").isEqualTo(401);
    }

    @Test
    void signInWithPkceGivesASessionThatCallsTheApiWithTheRelayedTokenUntilSignOut() throws Exception {
        Browser browser = new Browser();
        // The console page sends the browser to the provider (PKCE S256), whose sign-in form comes first.
        HttpResponse<String> toProvider = browser.follow(GATEWAY + "/console/", IDP);
        String authorize = Browser.location(toProvider);
        assertThat(authorize).startsWith(IDP + "/oauth2/authorize").contains("code_challenge_method=S256", "code_challenge=");
        HttpResponse<String> toLogin = browser.get(authorize);
        assertThat(Browser.location(toLogin)).isEqualTo(IDP + "/login");

        HttpResponse<String> signedIn = browser.signIn(IDP + "/login", "p-ana", "correct-horse-battery");
        HttpResponse<String> backAtGateway = browser.follow(Browser.location(signedIn), GATEWAY + "/console/");
        assertThat(URI.create(GATEWAY).resolve(Browser.location(backAtGateway)).toString()).isEqualTo(GATEWAY + "/console/");
        String setCookie = String.join("\n", backAtGateway.headers().allValues("Set-Cookie"));
        assertThat(setCookie).contains("WINDSHIFT_SESSION=").containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Lax");

        HttpResponse<String> me = browser.get(GATEWAY + "/console/api/me");
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(me.body()).contains("\"personId\":\"p-ana\"", "\"name\":\"Ana Ruiz\"", "\"roles\":[\"ALLIANCE_MANAGER\"]");
        assertThat(me.body()).doesNotContain("eyJ"); // no token reaches the page
        String xsrf = browser.cookie("XSRF-TOKEN").orElseThrow();

        FORWARDED.clear();
        HttpResponse<String> alliances = browser.get(GATEWAY + "/api/v1/alliances");
        assertThat(alliances.statusCode()).isEqualTo(200);
        Map<String, List<String>> forwarded = FORWARDED.getLast();
        String relayed = forwarded.get("Authorization").getFirst().substring("Bearer ".length());
        Jwt token = NimbusJwtDecoder.withPublicKey((java.security.interfaces.RSAPublicKey) LocalTokens.readPublicKey(
                KEYS.resolve(LocalTokens.PUBLIC_KEY_FILE))).build().decode(relayed);
        assertThat(token.getSubject()).isEqualTo("p-ana");
        assertThat(token.getClaimAsString("iss")).isEqualTo("windshift-local");
        assertThat(token.getClaimAsStringList("roles")).containsExactly("ALLIANCE_MANAGER");
        assertThat(forwarded).doesNotContainKey("Cookie");

        HttpResponse<String> withoutCsrf = browser.send(json(GATEWAY + "/api/v1/alliances", "{}"));
        assertThat(withoutCsrf.statusCode()).isEqualTo(403);
        assertThat(withoutCsrf.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("application/problem+json"));
        HttpResponse<String> withCsrf = browser.send(json(GATEWAY + "/api/v1/alliances", "{}").header("X-XSRF-TOKEN", xsrf));
        assertThat(withCsrf.statusCode()).isEqualTo(200);

        // Sign-out: the gateway session ends, then the provider's (RP-initiated logout), back to the signed-out page.
        HttpResponse<String> logout = browser.send(HttpRequest.newBuilder(URI.create(GATEWAY + "/logout"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("X-XSRF-TOKEN", xsrf)
                .POST(HttpRequest.BodyPublishers.ofString("")));
        assertThat(Browser.location(logout)).startsWith(IDP + "/connect/logout").contains("id_token_hint=");
        HttpResponse<String> providerLogout = browser.get(Browser.location(logout));
        assertThat(Browser.location(providerLogout)).startsWith(GATEWAY + "/signed-out");
        assertThat(browser.get(Browser.location(providerLogout)).body()).contains("You are signed out");

        assertThat(browser.get(GATEWAY + "/api/v1/alliances").statusCode()).isEqualTo(401);
        HttpResponse<String> again = browser.follow(GATEWAY + "/console/", IDP);
        assertThat(Browser.location(browser.get(Browser.location(again)))).as("the provider asks for the password again")
                .isEqualTo(IDP + "/login");
    }

    @Test
    void aBearerCallerIsUntouchedBySessionsAndCsrf() throws Exception {
        String token = LocalTokens.sign(LocalTokens.readPrivateKey(KEYS.resolve(LocalTokens.PRIVATE_KEY_FILE)),
                LocalTokens.personClaims("p-admin", List.of("ALLIANCE_ADMIN"), null, "windshift-local", "windshift",
                        java.time.Instant.now(), 300));
        HttpResponse<String> post = new Browser().send(json(GATEWAY + "/api/v1/alliances", "{}").header("Authorization", "Bearer " + token));

        assertThat(post.statusCode()).isEqualTo(200);
        assertThat(post.headers().allValues("Set-Cookie")).isEmpty();
    }

    static HttpRequest.Builder json(String url, String body) {
        return HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    static HttpServer stub() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                exchange.getRequestBody().readAllBytes();
                if (!exchange.getRequestURI().getPath().startsWith("/actuator")) {
                    FORWARDED.add(Map.copyOf(exchange.getRequestHeaders()));
                }
                byte[] bytes = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, bytes.length);
                exchange.getResponseBody().write(bytes);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path tempDir() {
        try {
            return Files.createTempDirectory("session-sign-in");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
