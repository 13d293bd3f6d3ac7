package io.windshift.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The console in a real browser (Debian's Chromium), through the gateway, on the whole platform: an alliance manager
 * sees a reorg's notification arrive live, completes one of its actions and sees the change's progress move, changes a
 * preference (a bad value first: the error appears next to its field), and another person sees none of the first
 * person's alliances; a person signs out and the console asks for the password again; a wrong password leaves the
 * console closed. Every browser signs in through the identity provider's sign-in page. axe-core checks every page (the
 * provider's sign-in page and /signed-out included) for serious and critical violations; each page's screenshot is
 * written to docs/console/.
 */
class ConsoleBrowserIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Path SCREENSHOTS = Path.of(System.getProperty("windshift.root", "..")).toAbsolutePath().normalize()
            .resolve("docs/console");
    private static final Duration FLOW = Duration.ofSeconds(60);

    static EmbeddedInfrastructure infrastructure;
    static Tokens tokens;
    static Platform platform;
    static final Http http = new Http();

    static final String U = UUID.randomUUID().toString().substring(0, 6);
    static final String AM = "p-ana-" + U, LEAD = "p-lee-" + U, SPONSOR = "p-sam-" + U, CMO = "p-cho-" + U;
    static final String OTHER_AM = "p-omar-" + U, OTHER_LEAD = "p-olga-" + U;
    static String helios, nova, quiet;

    @BeforeAll
    static void startPlatformAndPortfolio() throws Exception {
        infrastructure = EmbeddedInfrastructure.start();
        tokens = new Tokens(Files.createTempDirectory("windshift-console-keys"));
        // With the identity provider: every browser here signs in through its sign-in page with a password.
        platform = Platform.startWithSignIn("console", infrastructure.kafkaBootstrap(), infrastructure.mongoUri(), tokens.publicKey(),
                java.util.Map.of());
        String admin = tokens.person("p-admin", "ALLIANCE_ADMIN");
        StringBuilder hires = new StringBuilder("[");
        for (String person : new String[] {AM, LEAD, SPONSOR, CMO, OTHER_AM, OTHER_LEAD}) {
            hires.append(hires.length() > 1 ? "," : "").append("""
                    {"specversion":"1.0","id":"hire-%s","source":"/workday","type":"hr.worker.hired",
                     "data":{"personId":"%s","name":"Person %s","email":"%s@example.com","orgUnitId":"ou-1","managerId":"p-head","effectiveDate":"2024-01-01"}}
                    """.formatted(person, person, person, person));
        }
        expect(202, call("POST", "/api/v1/hr/events", hr(), "application/cloudevents-batch+json", hires + "]"));
        helios = create(admin, """
                {"name":"Helios oncology %s","partner":"Helios Bio","asset":"HLX-201","type":"CO_DEVELOPMENT","stage":"LATE","tier":"STRATEGIC",
                 "team":[{"role":"PARTNERSHIP_LEAD","personId":"%s"},{"role":"ALLIANCE_MANAGER","personId":"%s"},{"role":"EXECUTIVE_SPONSOR","personId":"%s"}],
                 "governanceBodies":[{"code":"JSC","name":"Joint steering committee","memberIds":["%s","%s"],"cadence":"QUARTERLY","nextMeeting":"%s"}],
                 "agreements":[{"agreementId":"agr-h","title":"Co-development agreement","noticeClauses":[{"clauseRef":"9.1","seat":"EXECUTIVE_SPONSOR","noticeDays":14}]}]}
                """.formatted(U, LEAD, AM, SPONSOR, SPONSOR, CMO, LocalDate.now().plusDays(40)));
        nova = create(admin, """
                {"name":"Nova research %s","partner":"Nova Tx","asset":"NVX-7","type":"RESEARCH","stage":"EARLY","tier":"STANDARD",
                 "team":[{"role":"PARTNERSHIP_LEAD","personId":"%s"},{"role":"ALLIANCE_MANAGER","personId":"%s"}]}
                """.formatted(U, LEAD, AM));
        quiet = create(admin, """
                {"name":"Quiet licence %s","partner":"Quiet Bio","type":"LICENSE","stage":"COMMERCIAL","tier":"STRATEGIC",
                 "team":[{"role":"PARTNERSHIP_LEAD","personId":"%s"},{"role":"ALLIANCE_MANAGER","personId":"%s"}]}
                """.formatted(U, OTHER_LEAD, OTHER_AM));
        // A milestone payment the alliance manager owns, for the obligations page (once obligation-service knows Helios).
        String obligation = """
                {"allianceId":"%s","title":"Phase 3 start milestone","agreementId":"agr-h","clauseRef":"7.1(b)","category":"FINANCIAL",
                 "type":"MILESTONE_PAYMENT","direction":"OWED_BY_US","ownerId":"%s","amount":2500000.00,"currency":"USD","dueDate":"%s"}
                """.formatted(helios, AM, LocalDate.now().plusDays(20));
        await().atMost(FLOW).ignoreExceptions().pollInterval(Duration.ofMillis(300))
                .untilAsserted(() -> expect(201, call("POST", "/api/v1/obligations", admin, "application/json", obligation)));
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

    @Test
    void anAllianceManagerSeesAReorgArriveLiveCompletesAnActionAndChangesAPreference() throws Exception {
        String reorg = "console-reorg-" + U;
        try (ConsoleSession ana = ConsoleSession.open(platform.gateway(), AM, password(AM, "ALLIANCE_MANAGER"))) {
            // (1) The inbox, open and live; the keyboard starts at the skip link.
            ana.visit("/console/");
            assertThat(ana.text("h1")).isEqualTo("Inbox");
            ana.waitUntilLive(ConsoleSession.WAIT);
            ana.find("body").sendKeys(Keys.TAB);
            assertThat(ana.driver().switchTo().activeElement().getText()).isEqualTo("Skip to content");
            ana.script("window.__sameDocument = true");
            int unreadBefore = Integer.parseInt(ana.find("#unread-count").getDomAttribute("data-count"));

            // (2) HR posts a reorg in which Helios's sponsor leaves: the notification appears without a reload,
            // within 2 s of being stored (seen through the API, polled in the same loop).
            expect(202, call("POST", "/api/v1/hr/events", hr(), "application/cloudevents+json", """
                    {"specversion":"1.0","id":"%s","source":"/workday","type":"hr.org.reorganized",
                     "data":{"reorgId":"R-%s","name":"R&D realignment","effectiveDate":"%s","departedWorkers":[{"personId":"%s"}],"movedWorkers":[]}}
                    """.formatted(reorg, U, LocalDate.now(), SPONSOR)));
            String card = "li[data-source='" + reorg + "']";
            // When it was stored and when the open page showed it, each noted the first time it is seen.
            long[] seen = {0, 0};
            await().atMost(FLOW).pollInterval(Duration.ofMillis(50)).ignoreExceptions().until(() -> {
                if (seen[0] == 0 && inboxHas(AM, reorg)) {
                    seen[0] = System.nanoTime();
                }
                if (seen[1] == 0 && !ana.all(card).isEmpty()) {
                    seen[1] = System.nanoTime();
                }
                return seen[0] != 0 && seen[1] != 0;
            });
            long storedAt = seen[0], shownAt = seen[1];
            assertThat(storedAt).as("the reorg's notification is stored for " + AM).isPositive();
            assertThat(shownAt).as("the reorg's notification is shown in the open inbox").isPositive();
            assertThat(Duration.ofNanos(Math.max(0, shownAt - storedAt))).isLessThan(Duration.ofSeconds(2));
            assertThat(ana.script("return window.__sameDocument === true")).as("no reload").isEqualTo(true);
            ana.waitForText(card, "Alliance change");
            ana.waitForText(card, "Unread");
            // The header's count follows without a reload (other notifications, such as the milestone's reminder, may arrive too).
            ana.waitFor(d -> {
                long shown = Long.parseLong(d.findElement(By.id("unread-count")).getDomAttribute("data-count"));
                return shown > unreadBefore && shown == unread(AM)
                        && d.findElement(By.id("unread-count")).getText().equals(shown + " unread") ? true : null;
            });
            ana.script("document.activeElement.blur()");
            ana.assertAccessible("inbox");
            ana.screenshot(SCREENSHOTS.resolve("inbox.png"));

            // (3) The change: findings by kind, three open actions, progress at 0; completing one moves it to 33 %.
            ana.click(card, "Open the change");
            ana.waitForText("#progress", "0 of 3 actions closed (0%)");
            ana.waitForText("#impacts", "Helios oncology " + U);
            assertThat(ana.text("#impacts")).contains("Sponsor vacant").contains("Governance seat vacant").contains("Partner notice required");
            assertThat(ana.all("li.action[data-state='OPEN']")).hasSize(3);
            ana.waitForText("#told", "In-app inbox");
            // Who was told: not only the signed-in person, but everyone told about their alliances, with channel and status.
            ana.waitForText("#told", "Who was told");
            ana.waitForText("#told", LEAD);
            assertThat(ana.text("#told")).contains(AM).contains("Delivered").doesNotContain(OTHER_AM);
            // Bad input: dismissing without a reason is refused, the API's message next to the reason field.
            String seat = "li.action[data-kind='GOVERNANCE_SEAT_VACANT']";
            ana.click(seat, "Dismiss…");
            ana.click(seat, "Dismiss action");
            ana.waitFor(d -> d.findElement(By.cssSelector(seat + " [data-field='reason'] .field-error")).isDisplayed() ? true : null);
            assertThat(ana.find(seat + " [data-field='reason'] textarea").getDomAttribute("aria-invalid")).isEqualTo("true");
            ana.assertAccessible("change");
            ana.screenshot(SCREENSHOTS.resolve("change.png"));
            // Completed from the keyboard.
            ana.pressEnter(seat, "Complete");
            ana.waitForText("#progress", "1 of 3 actions closed (33%)");
            assertThat(ana.find("#progress-bar").getDomProperty("value")).isEqualTo("33");
            ana.waitFor(d -> "DONE".equals(d.findElement(By.cssSelector(seat)).getDomAttribute("data-state")) ? true : null);

            // (4) A preference: a bad time first (its error next to the field, nothing stored), then quiet hours saved.
            ana.visit("/console/preferences.html");
            WebElement start = ana.find("[data-field='quietHoursStart'] input");
            WebElement end = ana.find("[data-field='quietHoursEnd'] input");
            start.clear();
            start.sendKeys("25:99");
            end.clear();
            end.sendKeys("07:00");
            ana.find("#preferences-form button[type='submit']").click();
            ana.waitFor(d -> d.findElement(By.cssSelector("[data-field='quietHoursStart'] .field-error")).getText().contains("HH:mm") ? true : null);
            assertThat(preferences(AM).path("quietHoursStart").isNull()).as("nothing stored").isTrue();
            ana.assertAccessible("preferences (with a field error)");
            ana.screenshot(SCREENSHOTS.resolve("preferences.png"));
            start.clear();
            start.sendKeys("22:00");
            WebElement email = ana.find("#ch-OBLIGATION-EMAIL");
            boolean emailBefore = email.isSelected();
            email.click();
            ana.find("#preferences-form button[type='submit']").click();
            ana.waitForText("#status", "Preferences saved.");
            JsonNode saved = preferences(AM);
            assertThat(saved.path("quietHoursStart").asString()).isEqualTo("22:00");
            assertThat(saved.path("channels").path("OBLIGATION").toString().contains("EMAIL")).as("e-mail for obligations toggled")
                    .isEqualTo(!emailBefore);

            // The other pages, each checked by axe-core and photographed.
            ana.visit("/console/portfolio.html");
            ana.waitForText("#alliances", "Nova research " + U);
            assertThat(ana.text("#alliances")).contains("Helios oncology " + U).doesNotContain("Quiet licence " + U);
            // Paged by the API: the total comes from X-Total-Count, one page of it is shown.
            assertThat(ana.text("#alliances")).contains("Alliances (2)").contains("Page 1 of 1");
            ana.waitForText("#load", AM);
            ana.assertAccessible("portfolio");
            ana.screenshot(SCREENSHOTS.resolve("portfolio.png"));

            ana.visit("/console/alliance.html?id=" + helios);
            ana.waitForText("#impacts", reorg);
            ana.waitForText("#obligations", "Phase 3 start milestone");
            assertThat(ana.text("#team")).contains("Team history").contains(SPONSOR);
            assertThat(ana.text("#governance")).contains("Joint steering committee");
            assertThat(ana.text("#agreements")).contains("9.1").contains("14 days");
            ana.assertAccessible("alliance");
            ana.screenshot(SCREENSHOTS.resolve("alliance.png"));

            ana.visit("/console/obligations.html");
            ana.waitForText("#obligations", "Phase 3 start milestone");
            ana.assertAccessible("obligations");
            ana.screenshot(SCREENSHOTS.resolve("obligations.png"));

            ana.visit("/console/handover.html?person=" + AM);
            ana.waitForText("#seats", "Helios oncology " + U);
            ana.waitForText("#owned", "Phase 3 start milestone");
            ana.waitForText("#actions", "Helios oncology " + U);
            ana.assertAccessible("handover");
            ana.screenshot(SCREENSHOTS.resolve("handover.png"));

            // The live stream survives a drop: notification-service is killed (the launcher restarts it), the open
            // inbox reconnects by itself, and a revision made afterwards (a new sponsor closes the sponsor action)
            // shows in the reorg's notification without a reload.
            ana.visit("/console/");
            ana.waitUntilLive(ConsoleSession.WAIT);
            ana.script("window.__sameDocument = true");
            platform.kill("notification-service");
            ana.waitFor(d -> "reconnecting".equals(d.findElement(By.id("live")).getDomAttribute("data-state")) ? true : null);
            // The launcher restarts it on the same port; its readiness is polled directly (the launcher may not yet
            // have noticed the crash, and would still call the old process ready).
            String readiness = platform.direct("notification-service") + "/actuator/health/readiness";
            await().atMost(Duration.ofSeconds(240)).pollInterval(Duration.ofMillis(500)).ignoreExceptions().until(() ->
                    http.send(readiness, "GET", "", null, null, null).statusCode() == 200);
            ana.waitUntilLive(Duration.ofSeconds(60));
            expect(200, call("PUT", "/api/v1/alliances/" + helios + "/roles/EXECUTIVE_SPONSOR", tokens.person("p-admin", "ALLIANCE_ADMIN"),
                    "application/json", "{\"personId\":\"" + CMO + "\"}"));
            ana.waitFor(FLOW, d -> d.findElement(By.cssSelector(card)).getText().contains("2 of 3 actions closed") ? true : null);
            assertThat(ana.script("return window.__sameDocument === true")).as("no reload").isEqualTo(true);
        }
    }

    @Test
    void anotherPersonSeesNoneOfTheFirstPersonsAlliances() throws Exception {
        try (ConsoleSession omar = ConsoleSession.open(platform.gateway(), OTHER_AM, password(OTHER_AM, "ALLIANCE_MANAGER"))) {
            omar.visit("/console/portfolio.html");
            omar.waitForText("#alliances", "Quiet licence " + U);
            assertThat(omar.text("#alliances")).doesNotContain("Helios oncology " + U).doesNotContain("Nova research " + U);
            assertThat(omar.text("#matrix") + omar.text("#load") + omar.text("#vacant")).doesNotContain(AM);
            omar.visit("/console/alliance.html?id=" + helios);
            omar.waitForText("#alliance", "Could not load");
            assertThat(omar.text("main")).doesNotContain("Helios oncology");
            omar.visit("/console/");
            omar.waitFor(d -> d.findElement(By.id("inbox")).getText().isEmpty() ? null : true);
            assertThat(omar.text("#inbox")).doesNotContain("Helios oncology").doesNotContain("Nova research");
        }
    }

    @Test
    void signingOutMakesThePagesAskToSignIn() throws Exception {
        try (ConsoleSession lee = ConsoleSession.open(platform.gateway(), LEAD, password(LEAD, "ALLIANCE_MANAGER"))) {
            lee.visit("/console/");
            lee.waitForText("#who", "Person " + LEAD);
            // The header's form: POST /logout with the XSRF-TOKEN cookie's raw value as _csrf.
            lee.click("#who", "Sign out");
            lee.waitForUrl(platform.gateway() + "/signed-out");
            lee.waitFor(d -> d.findElement(By.tagName("h1")).isDisplayed());
            lee.assertAccessible("signed out");
            // An API call from the page's origin (the gateway's) is anonymous now.
            Object status = ((org.openqa.selenium.JavascriptExecutor) lee.driver()).executeAsyncScript("""
                    const done = arguments[arguments.length - 1];
                    fetch('/console/api/me', { credentials: 'same-origin' }).then(r => done(r.status)).catch(e => done(String(e)));
                    """);
            assertThat(status).isEqualTo(401L);
            // The console asks for the password again: the provider's sign-in page, no console content.
            lee.driver().get(platform.gateway() + "/console/");
            lee.find("#password");
            assertThat(lee.driver().getCurrentUrl()).startsWith(platform.identityProvider() + "/login");
            assertThat(lee.all("#who")).isEmpty();
            assertThat(lee.all("#inbox")).isEmpty();
        }
    }

    @Test
    void aWrongPasswordShowsTheProvidersErrorAndTheConsoleStaysClosed() throws Exception {
        password(OTHER_LEAD, "ALLIANCE_MANAGER");
        try (ConsoleSession olga = ConsoleSession.anonymous(platform.gateway())) {
            // The provider's sign-in page, as a person not signed in sees it.
            olga.driver().get(platform.gateway() + "/console/");
            olga.find("#password");
            assertThat(olga.driver().getCurrentUrl()).startsWith(platform.identityProvider() + "/login");
            olga.assertAccessible("sign-in");
            olga.screenshot(SCREENSHOTS.resolve("sign-in.png"));

            olga.submitSignIn(OTHER_LEAD, "not-the-password");
            olga.waitForUrl(platform.identityProvider() + "/login?error");
            olga.waitForText("#login-error", "Wrong");
            assertThat(olga.find("#password").getDomAttribute("aria-describedby")).isEqualTo("login-error");
            olga.assertAccessible("sign-in (wrong password)");
            // The console is still not reachable: its pages send the browser back to the sign-in page.
            olga.driver().get(platform.gateway() + "/console/");
            olga.find("#password");
            assertThat(olga.driver().getCurrentUrl()).startsWith(platform.identityProvider() + "/login");
            assertThat(olga.all("#inbox")).isEmpty();
        }
    }

    /** Sets a fresh password for the person at the identity provider (name and e-mail as hired above). */
    private static String password(String person, String role) {
        return platform.signInPassword(person, "Person " + person, person + "@example.com", role);
    }

    private static boolean inboxHas(String person, String trigger) {
        HttpResponse<String> inbox = call("GET", "/api/v1/notifications?size=100", tokens.person(person, "EMPLOYEE"), null, null);
        return inbox.statusCode() == 200 && inbox.body().contains("\"sourceEventId\":\"" + trigger + "\"");
    }

    private static long unread(String person) {
        return JSON.readTree(expect(200, call("GET", "/api/v1/notifications/unread-count", tokens.person(person, "EMPLOYEE"), null, null))
                .body()).get("unreadCount").asLong();
    }

    private static JsonNode preferences(String person) {
        return JSON.readTree(expect(200, call("GET", "/api/v1/preferences", tokens.person(person, "EMPLOYEE"), null, null)).body());
    }

    private static String hr() {
        return tokens.client("workday", "hr.events:write");
    }

    private static String create(String admin, String body) {
        return JSON.readTree(expect(201, call("POST", "/api/v1/alliances", admin, "application/json", body)).body()).get("id").asString();
    }

    private static HttpResponse<String> call(String method, String path, String token, String contentType, String body) {
        return http.send(platform.gateway(), method, path, token, contentType, body);
    }

    private static HttpResponse<String> expect(int status, HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return response;
    }
}
