package io.windshift.identity;

import static org.assertj.core.api.Assertions.assertThat;

import static org.awaitility.Awaitility.await;

import io.windshift.contract.Topics;
import io.windshift.identity.hr.HrMirror;
import io.windshift.local.LocalTokens;
import java.time.Duration;
import java.time.LocalDate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.context.EmbeddedKafka;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The provider as the gateway and the integration clients use it, over real HTTP: client credentials, the
 * authorization-code flow with PKCE through the sign-in form, the admin endpoint. Tokens are verified the way the
 * services verify them (the local public key, issuer windshift-local, audience windshift).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@EmbeddedKafka(partitions = 1, topics = Topics.HR, bootstrapServersProperty = "spring.kafka.bootstrap-servers")
class IdentityProviderTest {

    @Autowired
    HrMirror hr;
    @Autowired
    KafkaTemplate<String, String> kafka;

    static final Path DIR = createDir();
    static final String REDIRECT = "http://localhost:9/login/oauth2/code/windshift";

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        LocalTokens.ensureKeyPair(DIR.resolve("keys"));
        registry.add("windshift.identity.keys", () -> DIR.resolve("keys").toString());
        registry.add("windshift.identity.state", () -> DIR.resolve("identity").toString());
        registry.add("windshift.identity.issuer", () -> "http://localhost:18084");
        registry.add("windshift.identity.console.redirect-uris", () -> REDIRECT);
    }

    static Path createDir() {
        try {
            return Files.createTempDirectory("identity-provider-test");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    String base() {
        return "http://localhost:" + port;
    }

    @BeforeEach
    void people() throws Exception {
        assertThat(putPerson("p-ana", "{\"name\":\"Ana Ruiz\",\"email\":\"ana@windshift.example\",\"password\":\"correct-horse\","
                + "\"roles\":[\"ALLIANCE_MANAGER\"]}", LocalSecrets.adminSecret(DIR.resolve("keys"))).statusCode()).isEqualTo(204);
        hr.hired("p-ana", "hire-p-ana");
        hr.flush();
    }

    @Test
    void onlyAPersonTheHrMirrorKnowsAndWhoHasNotLeftSignsIn() throws Exception {
        String secret = LocalSecrets.adminSecret(DIR.resolve("keys"));
        assertThat(putPerson("p-cleo", "{\"password\":\"cleo-password\",\"roles\":[\"ALLIANCE_MANAGER\"]}", secret).statusCode()).isEqualTo(204);
        // In the local mapping, with the right password, but HR never announced her.
        assertThat(Browser.location(new Browser().signIn(base() + "/login", "p-cleo", "cleo-password"))).isEqualTo(base() + "/login?refused");
        assertThat(new Browser().get(base() + "/login?refused").body()).contains("role=\"alert\"", "HR directory does not know this person");

        hrEvent("hire-cleo", "hr.worker.hired", "{\"personId\":\"p-cleo\",\"name\":\"Cleo\",\"email\":\"cleo@windshift.example\","
                + "\"orgUnitId\":\"ou-1\",\"managerId\":\"p-head\",\"effectiveDate\":\"2024-01-01\"}");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> assertThat(
                Browser.location(new Browser().signIn(base() + "/login", "p-cleo", "cleo-password"))).isEqualTo(base() + "/"));

        hrEvent("leave-cleo", "hr.worker.terminated", "{\"personId\":\"p-cleo\",\"effectiveDate\":\"" + LocalDate.now() + "\",\"reason\":\"RESIGNED\"}");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> assertThat(
                Browser.location(new Browser().signIn(base() + "/login", "p-cleo", "cleo-password"))).isEqualTo(base() + "/login?refused"));

        hrEvent("undo-leave-cleo", "hr.event.rescinded", "{\"rescindedEventId\":\"leave-cleo\"}");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> assertThat(
                Browser.location(new Browser().signIn(base() + "/login", "p-cleo", "cleo-password"))).isEqualTo(base() + "/"));
    }

    @Test
    void fiveWrongPasswordsLockThePersonOutWithAClearMessageUntilANewPassword() throws Exception {
        String secret = LocalSecrets.adminSecret(DIR.resolve("keys"));
        String person = "{\"email\":\"dan@windshift.example\",\"password\":\"dan-password\",\"roles\":[\"ALLIANCE_MANAGER\"]}";
        assertThat(putPerson("p-dan", person, secret).statusCode()).isEqualTo(204);
        hr.hired("p-dan", "hire-p-dan");
        hr.flush();
        for (int i = 1; i <= 4; i++) {
            // By id or by email: both count for the same person.
            String login = i % 2 == 0 ? "p-dan" : "DAN@windshift.example";
            assertThat(Browser.location(new Browser().signIn(base() + "/login", login, "wrong-" + i))).as("attempt " + i).isEqualTo(base() + "/login?error");
        }
        assertThat(Browser.location(new Browser().signIn(base() + "/login", "p-dan", "wrong-5"))).isEqualTo(base() + "/login?locked");
        // Locked: even the right password is refused now.
        assertThat(Browser.location(new Browser().signIn(base() + "/login", "p-dan", "dan-password"))).isEqualTo(base() + "/login?locked");
        String page = new Browser().get(base() + "/login?locked").body();
        assertThat(page).contains("role=\"alert\"", "aria-describedby=\"login-error\"", "locked for 15 minutes");
        // Someone else is not locked out by it.
        assertThat(Browser.location(new Browser().signIn(base() + "/login", "p-ana", "correct-horse"))).isEqualTo(base() + "/");

        assertThat(putPerson("p-dan", person, secret).statusCode()).isEqualTo(204);
        assertThat(Browser.location(new Browser().signIn(base() + "/login", "p-dan", "dan-password"))).isEqualTo(base() + "/");
    }

    void hrEvent(String id, String type, String data) throws Exception {
        kafka.send(Topics.HR, id, "{\"specversion\":\"1.0\",\"id\":\"" + id + "\",\"source\":\"/workday\",\"type\":\"" + type
                + "\",\"data\":" + data + "}").get();
    }

    @Test
    void clientCredentialsIssueATokenTheServicesAccept() throws Exception {
        HttpResponse<String> response = token("workday", Map.of("grant_type", "client_credentials", "scope", "hr.events:write"));

        assertThat(response.statusCode()).isEqualTo(200);
        Jwt jwt = asTheServicesVerify(field(response.body(), "access_token"));
        assertThat(jwt.getSubject()).isEqualTo("workday");
        assertThat(jwt.getClaimAsString("client_id")).isEqualTo("workday");
        assertThat(jwt.getClaimAsStringList("scope")).containsExactly("hr.events:write");
    }

    @Test
    void aClientCannotAskForAScopeItWasNotGiven() throws Exception {
        HttpResponse<String> response = token("workday", Map.of("grant_type", "client_credentials", "scope", "finance.events:write"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("invalid_scope");
    }

    @Test
    void aPersonSignsInWithTheLocalPasswordAndGetsTheirRoles() throws Exception {
        Browser browser = new Browser();
        String verifier = "a-long-random-code-verifier-for-this-one-sign-in-0123456789";
        String authorize = base() + "/oauth2/authorize?response_type=code&client_id=windshift-console&scope=openid%20profile"
                + "&state=s1&nonce=n1&redirect_uri=" + REDIRECT + "&code_challenge_method=S256&code_challenge=" + challenge(verifier);

        HttpResponse<String> first = browser.get(authorize);
        assertThat(first.statusCode()).isEqualTo(302);
        assertThat(Browser.location(first)).isEqualTo(base() + "/login");

        HttpResponse<String> signedIn = browser.signIn(base() + "/login", "ana@windshift.example", "correct-horse");
        assertThat(Browser.location(signedIn)).startsWith(base() + "/oauth2/authorize");
        HttpResponse<String> back = browser.get(Browser.location(signedIn));
        String callback = Browser.location(back);
        assertThat(callback).startsWith(REDIRECT).contains("state=s1");
        Matcher code = Pattern.compile("code=([^&]+)").matcher(callback);
        assertThat(code.find()).isTrue();

        HttpResponse<String> tokens = token("windshift-console", Map.of("grant_type", "authorization_code", "code",
                java.net.URLDecoder.decode(code.group(1), StandardCharsets.UTF_8), "redirect_uri", REDIRECT, "code_verifier", verifier));
        assertThat(tokens.statusCode()).isEqualTo(200);
        Jwt access = asTheServicesVerify(field(tokens.body(), "access_token"));
        assertThat(access.getSubject()).isEqualTo("p-ana");
        assertThat(access.getClaimAsStringList("roles")).containsExactly("ALLIANCE_MANAGER");
        assertThat(access.getClaims()).doesNotContainKey("client_id");
        Jwt id = NimbusJwtDecoder.withPublicKey(publicKey()).build().decode(field(tokens.body(), "id_token"));
        assertThat(id.getIssuer().toString()).isEqualTo("http://localhost:18084");
        assertThat(id.getClaimAsString("name")).isEqualTo("Ana Ruiz");
        assertThat(id.getClaimAsString("nonce")).isEqualTo("n1");
    }

    @Test
    void aWrongPasswordIsRefused() throws Exception {
        Browser browser = new Browser();
        HttpResponse<String> response = browser.signIn(base() + "/login", "p-ana", "not-the-password");

        assertThat(Browser.location(response)).isEqualTo(base() + "/login?error");
        assertThat(browser.get(base() + "/login?error").body()).contains("role=\"alert\"").contains("Wrong person id");
    }

    @Test
    void withoutPkceThereIsNoCode() throws Exception {
        Browser browser = new Browser();
        browser.signIn(base() + "/login", "p-ana", "correct-horse");
        HttpResponse<String> response = browser.get(base() + "/oauth2/authorize?response_type=code&client_id=windshift-console"
                + "&scope=openid&state=s2&redirect_uri=" + REDIRECT);

        assertThat(Browser.location(response)).contains("error=invalid_request").doesNotContain("code=");
    }

    @Test
    void theSignInPageIsLabelledAndHasAMainLandmark() throws Exception {
        String page = new Browser().get(base() + "/login").body();

        assertThat(page).contains("<main>", "<label for=\"username\">", "<label for=\"password\">", "lang=\"en\"");
    }

    @Test
    void theAdminEndpointNeedsTheSecretAndNamesBadFields() throws Exception {
        String secret = LocalSecrets.adminSecret(DIR.resolve("keys"));
        assertThat(putPerson("p-ben", "{\"password\":\"long-enough\"}", "wrong").statusCode()).isEqualTo(401);

        HttpResponse<String> bad = putPerson("p-ben", "{\"password\":\"short\",\"roles\":[\"lower\"]}", secret);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("application/problem+json"));
        assertThat(bad.body()).contains("\"field\":\"password\"", "\"field\":\"roles[0]\"");
        assertThat(new Browser().signIn(base() + "/login", "p-ben", "short").headers().firstValue("Location")).hasValue(base() + "/login?error");
    }

    @Test
    void discoveryNamesTheEndpointsTheGatewayUses() throws Exception {
        String body = new Browser().get(base() + "/.well-known/openid-configuration").body();

        assertThat(body).contains("\"issuer\":\"http://localhost:18084\"", "/oauth2/authorize", "/oauth2/token", "/oauth2/jwks",
                "end_session_endpoint");
    }

    HttpResponse<String> putPerson(String id, String json, String secret) throws Exception {
        return new Browser().http.send(HttpRequest.newBuilder(URI.create(base() + "/admin/people/" + id))
                .header("Authorization", basic("admin", secret)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> token(String clientId, Map<String, String> form) throws Exception {
        String secret = LocalSecrets.clientSecret(DIR.resolve("keys"), clientId);
        return new Browser().http.send(HttpRequest.newBuilder(URI.create(base() + "/oauth2/token"))
                .header("Authorization", basic(clientId, secret)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(Browser.form(form))).build(), HttpResponse.BodyHandlers.ofString());
    }

    static Jwt asTheServicesVerify(String token) throws IOException {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withPublicKey(publicKey()).build();
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(JwtValidators.createDefaultWithIssuer("windshift-local"),
                new JwtClaimValidator<List<String>>("aud", aud -> aud != null && aud.contains("windshift"))));
        return decoder.decode(token);
    }

    static RSAPublicKey publicKey() throws IOException {
        return (RSAPublicKey) LocalTokens.readPublicKey(DIR.resolve("keys").resolve(LocalTokens.PUBLIC_KEY_FILE));
    }

    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + name + " in " + json);
        }
        return m.group(1);
    }

    static String challenge(String verifier) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
