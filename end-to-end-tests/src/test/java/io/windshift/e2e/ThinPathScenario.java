package io.windshift.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The walking skeleton, end to end through the gateway with real tokens: an alliance is created, HR
 * reports a departure, alliance-service vacates the role and publishes it, notification-service tells
 * the partnership lead once, and one trace id runs through every service's log.
 */
abstract class ThinPathScenario {

    static final JsonMapper JSON = JsonMapper.builder().build();
    final HttpClient http = HttpClient.newHttpClient();

    abstract Platform platform();

    abstract Tokens tokens();

    @Test
    void aDepartureReportedByHrReachesThePartnershipLeadOnceWithOneTraceThroughEveryService() throws Exception {
        String lead = "p-lead-" + UUID.randomUUID();
        String manager = "p-am-" + UUID.randomUUID();
        String admin = tokens().person("p-admin", "ALLIANCE_ADMIN");
        String hr = tokens().client("workday", "hr.events:write");
        String leadToken = tokens().person(lead, "EMPLOYEE");

        HttpResponse<String> created = send("POST", "/api/v1/alliances", admin, "application/json", """
                {"name":"Helios oncology","partner":"Helios Bio","asset":"HLX-201","type":"CO_DEVELOPMENT","stage":"LATE",
                 "tier":"STRATEGIC","team":[{"role":"PARTNERSHIP_LEAD","personId":"%s"},{"role":"ALLIANCE_MANAGER","personId":"%s"}]}
                """.formatted(lead, manager), null);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String allianceId = JSON.readTree(created.body()).get("id").asString();
        assertThat(created.headers().firstValue("Location")).contains("/api/v1/alliances/" + allianceId);

        String traceId = UUID.randomUUID().toString().replace("-", "");
        String eventId = "hr-" + UUID.randomUUID();
        String departure = """
                {"specversion":"1.0","id":"%s","source":"/workday","type":"hr.worker.terminated",
                 "data":{"personId":"%s","effectiveDate":"2026-11-01","reasonCode":"RESIGNATION"}}
                """.formatted(eventId, manager);
        HttpResponse<String> accepted = send("POST", "/api/v1/hr/events", hr, "application/cloudevents+json", departure,
                "00-" + traceId + "-00f067aa0ba902b7-01");
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        assertThat(JSON.readTree(accepted.body()).get("accepted").get(0).asString()).isEqualTo(eventId);

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
            JsonNode inbox = JSON.readTree(send("GET", "/api/v1/notifications", leadToken, null, null, null).body());
            assertThat(inbox.get("items")).hasSize(1);
            JsonNode item = inbox.get("items").get(0);
            assertThat(item.get("sourceEventId").asString()).isEqualTo(eventId);
            assertThat(item.get("allianceIds").get(0).asString()).isEqualTo(allianceId);
            // The vacated role and the change impact of the same departure are one notification.
            assertThat(item.get("type").asString()).isIn("alliance.role-vacated", "alliance.change-impact-assessed");
            assertThat(item.get("title").asString()).contains("Helios oncology");
            assertThat(item.get("body").asString()).containsIgnoringCase("alliance manager");
            assertThat(item.get("readAt").isNull()).isTrue();
        });

        JsonNode alliance = JSON.readTree(send("GET", "/api/v1/alliances/" + allianceId, admin, null, null, null).body());
        assertThat(alliance.get("vacantRoles").get(0).asString()).isEqualTo("ALLIANCE_MANAGER");

        // The same event again: accepted, and no second notification.
        double duplicatesBefore = duplicatesSeenBy("alliance-service");
        assertThat(send("POST", "/api/v1/hr/events", hr, "application/cloudevents+json", departure, null).statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> duplicatesSeenBy("alliance-service") > duplicatesBefore);
        JsonNode inbox = JSON.readTree(send("GET", "/api/v1/notifications", leadToken, null, null, null).body());
        assertThat(inbox.get("items")).hasSize(1);

        // One trace id from the gateway through Kafka to the notification.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(platform().logsOf("gateway")).contains(traceId);
            assertThat(platform().logsOf("alliance-service")).contains(traceId);
            assertThat(platform().logsOf("notification-service")).contains(traceId);
        });
    }

    @Test
    void theGatewayRefusesMissingAndBadTokensAndBadInputStoresNothing() throws Exception {
        HttpResponse<String> anonymous = send("GET", "/api/v1/alliances", null, null, null, null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(send("GET", "/api/v1/notifications", tokens().expired("p-1"), null, null, null).statusCode()).isEqualTo(401);
        assertThat(send("GET", "/api/v1/notifications", tokens().withAudience("p-1", "someone-else"), null, null, null).statusCode()).isEqualTo(401);
        assertThat(send("GET", "/api/v1/notifications", "not.a.token", null, null, null).statusCode()).isEqualTo(401);

        String admin = tokens().person("p-admin", "ALLIANCE_ADMIN");
        String name = "Refused " + UUID.randomUUID();
        HttpResponse<String> invalid = send("POST", "/api/v1/alliances", admin, "application/json", """
                {"name":"%s","partner":"X","type":"LICENSE","stage":"EARLY","tier":"STANDARD","team":[]}
                """.formatted(name), null);
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(invalid.body()).get("errors").get(0).get("field").asString()).isEqualTo("team");
        assertThat(send("GET", "/api/v1/alliances", admin, null, null, null).body()).doesNotContain(name);

        HttpResponse<String> wrongScope = send("POST", "/api/v1/hr/events", tokens().client("sap", "finance.events:write"),
                "application/cloudevents+json", "{}", null);
        assertThat(wrongScope.statusCode()).isEqualTo(403);
    }

    HttpResponse<String> send(String method, String path, String token, String contentType, String body, String traceparent)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(platform().gateway() + path)).timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (traceparent != null) {
            request.header("traceparent", traceparent);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Duplicates recognised by every instance of the service. */
    double duplicatesSeenBy(String service) throws IOException, InterruptedException {
        double sum = 0;
        for (var instance : platform().supervisor().instancesOf(service)) {
            if (!instance.alive()) {
                continue;
            }
            String metrics = http.send(HttpRequest.newBuilder(URI.create(instance.url() + "/actuator/prometheus")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            sum += metrics.lines()
                    .filter(l -> l.startsWith("windshift_events_consumed_total") && l.contains("outcome=\"duplicate\""))
                    .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                    .sum();
        }
        return sum;
    }
}
