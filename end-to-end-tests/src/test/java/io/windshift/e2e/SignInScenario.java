package io.windshift.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.windshift.local.LocalIdentity;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sign-in on the real platform: a person signs in through the identity provider's form (authorization code + PKCE,
 * driven by the gateway), reads their alliance and notification through the session with the token the gateway relays,
 * is refused a CSRF-less POST and signs out; an integration client gets a client-credentials token from the same
 * provider and the HR intake accepts it.
 */
final class SignInScenario {

    private final Platform platform;
    private final SecurityMatrix.Fixture fixture;
    private final Path keys;

    SignInScenario(Platform platform, SecurityMatrix.Fixture fixture, Path keys) {
        this.platform = platform;
        this.fixture = fixture;
        this.keys = keys;
    }

    void aPersonSignsInUsesTheApiThroughTheSessionAndSignsOut() throws Exception {
        String gateway = platform.gateway();
        String idp = platform.identityProvider();
        String password = platform.signInPassword(fixture.lead(), "Lena Lead", null, "EMPLOYEE");
        // The provider signs in only people its HR mirror knows: HR hires the lead, and the mirror reads it from Kafka.
        HttpResponse<String> hired = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(gateway + "/api/v1/hr/events"))
                .header("Authorization", "Bearer " + new Tokens(keys).client("workday", "hr.events:write"))
                .header("Content-Type", "application/cloudevents+json").POST(HttpRequest.BodyPublishers.ofString("""
                        {"specversion":"1.0","id":"hire-signin-%s","source":"/workday","type":"hr.worker.hired",
                         "data":{"personId":"%s","name":"Lena Lead","email":"lena@example.com","orgUnitId":"ou-1","managerId":"p-vp","effectiveDate":"2026-01-01"}}
                        """.formatted(UUID.randomUUID(), fixture.lead()))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(hired.statusCode()).as(hired.body()).isEqualTo(202);
        AtomicReference<Browser> session = new AtomicReference<>();
        AtomicReference<HttpResponse<String>> answer = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
            Browser attempt = new Browser();
            HttpResponse<String> toProvider = attempt.follow(gateway + "/console/", idp);
            HttpResponse<String> toLogin = attempt.get(Browser.location(toProvider));
            assertThat(Browser.location(toLogin)).isEqualTo(idp + "/login");
            HttpResponse<String> signedIn = attempt.signIn(idp + "/login", fixture.lead(), password);
            Optional<String> next = signedIn.headers().firstValue("Location");
            if (next.isEmpty() || URI.create(idp).resolve(next.get()).toString().startsWith(idp + "/login")) {
                return false; // not in the mirror yet
            }
            session.set(attempt);
            answer.set(signedIn);
            return true;
        });
        Browser browser = session.get();
        HttpResponse<String> signedIn = answer.get();
        HttpResponse<String> back = browser.follow(Browser.location(signedIn), gateway + "/console/");
        assertThat(URI.create(gateway).resolve(Browser.location(back)).toString()).isEqualTo(gateway + "/console/");

        assertThat(browser.get(gateway + "/console/api/me").body()).contains("\"personId\":\"" + fixture.lead() + "\"");
        HttpResponse<String> alliances = browser.get(gateway + "/api/v1/alliances");
        assertThat(alliances.statusCode()).as(alliances.body()).isEqualTo(200);
        assertThat(alliances.body()).contains(fixture.allianceName());
        // The security matrix (run before) archived it.
        HttpResponse<String> inbox = browser.get(gateway + "/api/v1/notifications?archived=true");
        assertThat(inbox.statusCode()).isEqualTo(200);
        assertThat(inbox.body()).contains(fixture.notificationId());

        HttpResponse<String> csrfLess = browser.send(HttpRequest.newBuilder(URI.create(gateway + "/api/v1/alliances"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertThat(csrfLess.statusCode()).isEqualTo(403);

        String xsrf = browser.cookie("XSRF-TOKEN").orElseThrow();
        HttpResponse<String> logout = browser.send(HttpRequest.newBuilder(URI.create(gateway + "/logout")).header("X-XSRF-TOKEN", xsrf)
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString("")));
        HttpResponse<String> providerLogout = browser.get(Browser.location(logout));
        assertThat(Browser.location(providerLogout)).startsWith(gateway + "/signed-out");
        assertThat(browser.get(gateway + "/api/v1/notifications").statusCode()).isEqualTo(401);
    }

    void anIntegrationClientGetsItsTokenByClientCredentials() throws Exception {
        Browser client = new Browser();
        String basic = Base64.getEncoder().encodeToString(("workday:" + LocalIdentity.clientSecret(keys, "workday"))
                .getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> token = client.send(HttpRequest.newBuilder(URI.create(platform.identityProvider() + "/oauth2/token"))
                .header("Authorization", "Basic " + basic).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=hr.events:write")));
        assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
        Matcher accessToken = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"").matcher(token.body());
        assertThat(accessToken.find()).isTrue();

        HttpResponse<String> hired = client.send(HttpRequest.newBuilder(URI.create(platform.gateway() + "/api/v1/hr/events"))
                .header("Authorization", "Bearer " + accessToken.group(1)).header("Content-Type", "application/cloudevents+json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"specversion":"1.0","id":"hr-%s","source":"/workday","type":"hr.worker.hired",
                         "data":{"personId":"p-new-%s","name":"New Hire","email":"new.hire@windshift.example","orgUnitId":"ou-x",
                                 "effectiveDate":"2026-01-01"}}
                        """.formatted(UUID.randomUUID(), UUID.randomUUID()))));
        assertThat(hired.statusCode()).as(hired.body()).isEqualTo(202);
    }
}
