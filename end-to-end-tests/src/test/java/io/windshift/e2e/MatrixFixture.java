package io.windshift.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The data the security matrix guards and acts on. Alliance A: lead, manager and sponsor, the manager also on its JSC; the
 * manager leaves, so the lead has one notification and the departure one impact with open actions. Alliance B: the same
 * lead and sponsor with a staying alliance manager, and two obligations of one owner (monthly, and milestone-triggered).
 */
final class MatrixFixture {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private MatrixFixture() {
    }

    static SecurityMatrix.Fixture create(Platform platform, Tokens tokens) {
        Http http = new Http();
        String u = UUID.randomUUID().toString();
        String lead = "p-lead-" + u, manager = "p-am-" + u, sponsor = "p-sponsor-" + u, allianceManager = "p-am-b-" + u,
                owner = "p-owner-" + u;
        String name = "Secret alliance " + u;
        String admin = tokens.person("p-admin", "ALLIANCE_ADMIN");
        String allianceId = register(http, platform, admin, """
                {"name":"%s","partner":"Confidential Bio","type":"LICENSE","stage":"LATE","tier":"STRATEGIC",
                 "team":[{"role":"PARTNERSHIP_LEAD","personId":"%s"},{"role":"ALLIANCE_MANAGER","personId":"%s"},
                         {"role":"EXECUTIVE_SPONSOR","personId":"%s"}],
                 "governanceBodies":[{"code":"JSC","name":"Joint steering committee","memberIds":["%s","%s"],"cadence":"QUARTERLY"}]}
                """.formatted(name, lead, manager, sponsor, manager, sponsor));
        String allianceB = register(http, platform, admin, """
                {"name":"Matrix B %s","partner":"Matrix Partner","type":"LICENSE","stage":"EARLY","tier":"STANDARD",
                 "team":[{"role":"PARTNERSHIP_LEAD","personId":"%s"},{"role":"ALLIANCE_MANAGER","personId":"%s"},
                         {"role":"EXECUTIVE_SPONSOR","personId":"%s"}]}
                """.formatted(u, lead, allianceManager, sponsor));

        String departureId = "hr-" + UUID.randomUUID();
        HttpResponse<String> departure = http.send(platform.gateway(), "POST", "/api/v1/hr/events", tokens.client("workday", "hr.events:write"),
                "application/cloudevents+json", """
                        {"specversion":"1.0","id":"%s","source":"/workday","type":"hr.worker.terminated",
                         "data":{"personId":"%s","effectiveDate":"2026-01-01","reasonCode":"RESIGNATION"}}
                        """.formatted(departureId, manager));
        assertThat(departure.statusCode()).as(departure.body()).isEqualTo(202);

        String obligationTitle = "Secret diligence report " + u;
        JsonNode monthly = registerObligation(http, platform, admin, """
                {"allianceId":"%s","title":"%s","agreementId":"agr-m","clauseRef":"9.1","category":"DILIGENCE","type":"DILIGENCE",
                 "direction":"OWED_BY_US","ownerId":"%s","recurrence":{"frequency":"MONTHLY","firstDueDate":"2031-01-01","until":"2031-03-01"}}
                """.formatted(allianceB, obligationTitle, owner));
        JsonNode triggered = registerObligation(http, platform, admin, """
                {"allianceId":"%s","title":"Matrix milestone report %s","agreementId":"agr-m","clauseRef":"9.2","category":"DILIGENCE",
                 "type":"DILIGENCE","direction":"OWED_BY_US","ownerId":"%s","trigger":{"milestone":"First patient dosed","dueDaysAfter":30}}
                """.formatted(allianceB, u, owner));
        String obligationId = monthly.get("id").asString();

        String leadToken = tokens.person(lead, "EMPLOYEE");
        JsonNode[] item = new JsonNode[1];
        JsonNode[] impact = new JsonNode[1];
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            JsonNode inbox = JSON.readTree(http.send(platform.direct("notification-service"), "GET", "/api/v1/notifications", leadToken, null, null).body());
            assertThat(inbox.get("items")).hasSize(1);
            item[0] = inbox.get("items").get(0);
            JsonNode impacts = JSON.readTree(http.send(platform.direct("alliance-service"), "GET", "/api/v1/impacts?triggerEventId=" + departureId,
                    admin, null, null).body());
            assertThat(impacts).hasSize(1);
            impact[0] = impacts.get(0);
            assertThat(openActions(impact[0])).hasSizeGreaterThanOrEqualTo(2);
            // The team projection of obligation-service knows B's alliance manager.
            assertThat(http.send(platform.direct("obligation-service"), "GET", "/api/v1/obligations/" + obligationId,
                    tokens.person(allianceManager, "ALLIANCE_MANAGER"), null, null).statusCode()).isEqualTo(200);
        });
        List<String> actions = openActions(impact[0]);

        Map<String, String> placeholders = new HashMap<>();
        placeholders.put("allianceId", allianceId);
        placeholders.put("notificationId", item[0].get("id").asString());
        placeholders.put("impactId", impact[0].get("id").asString());
        placeholders.put("actionId", actions.get(0));
        placeholders.put("actionId2", actions.get(1));
        placeholders.put("triggerEventId", departureId);
        placeholders.put("obligationId", obligationId);
        placeholders.put("obligationOwner", owner);
        for (int i = 0; i < 3; i++) {
            placeholders.put("occurrence" + i, monthly.get("occurrences").get(i).get("id").asString());
        }
        placeholders.put("triggeredObligationId", triggered.get("id").asString());
        placeholders.put("triggeredOccurrence", triggered.get("occurrences").get(0).get("id").asString());
        return new SecurityMatrix.Fixture(allianceId, name, lead, manager, item[0].get("id").asString(), item[0].get("title").asString(),
                sponsor, allianceManager, owner, obligationTitle, Map.copyOf(placeholders));
    }

    private static String register(Http http, Platform platform, String admin, String body) {
        HttpResponse<String> created = http.send(platform.gateway(), "POST", "/api/v1/alliances", admin, "application/json", body);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return JSON.readTree(created.body()).get("id").asString();
    }

    private static JsonNode registerObligation(Http http, Platform platform, String admin, String body) {
        HttpResponse<String> created = http.send(platform.gateway(), "POST", "/api/v1/obligations", admin, "application/json", body);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return JSON.readTree(created.body());
    }

    private static List<String> openActions(JsonNode impact) {
        return impact.get("actions").valueStream().filter(a -> a.get("state").asString().equals("OPEN")).map(a -> a.get("id").asString()).toList();
    }
}
