package io.windshift.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Closing the loop through the gateway: a reorg's impact becomes actions; a new sponsor, a fulfilled notice
 * obligation and one dismissal by hand resolve it, and each person still has one notification for the reorg,
 * which now shows the progress.
 */
abstract class ClosingTheLoopScenario extends ProductFlowsScenario {

    @Test
    void aReorgsActionsAreClosedByFactsAndByHandUntilTheImpactIsResolved() throws Exception {
        String u = UUID.randomUUID().toString().substring(0, 8);
        String am = "p-am-" + u, lead = "p-lead-" + u, sponsor = "p-sponsor-" + u, cmo = "p-cmo-" + u, newSponsor = "p-new-" + u;
        String admin = tokens().person("p-admin", "ALLIANCE_ADMIN");
        String head = tokens().person("p-head", "HEAD_OF_ALLIANCE_MANAGEMENT");
        String amToken = tokens().person(am, "ALLIANCE_MANAGER");
        String hr = tokens().client("workday", "hr.events:write");
        hire(hr, u, am, lead, sponsor, cmo, newSponsor);
        String helios = create(admin, """
                {"name":"Vega %s","partner":"Vega Bio","asset":"VGA-%s","type":"CO_DEVELOPMENT","stage":"LATE","tier":"STRATEGIC",
                 "team":[{"role":"PARTNERSHIP_LEAD","personId":"%s"},{"role":"ALLIANCE_MANAGER","personId":"%s"},{"role":"EXECUTIVE_SPONSOR","personId":"%s"}],
                 "governanceBodies":[{"code":"JSC","memberIds":["%s","%s"]}],
                 "agreements":[{"agreementId":"agr-v","noticeClauses":[{"clauseRef":"9.1","seat":"EXECUTIVE_SPONSOR","noticeDays":14}]}]}
                """.formatted(u, u, lead, am, sponsor, sponsor, cmo));
        awaitObligationServiceKnows(admin, helios);

        String reorg = "hr-loop-" + u;
        HttpResponse<String> accepted = send("POST", "/api/v1/hr/events", hr, "application/cloudevents+json", """
                {"specversion":"1.0","id":"%s","source":"/workday","type":"hr.org.reorganized",
                 "data":{"reorgId":"R-%s","name":"R&D realignment","effectiveDate":"%s","departedWorkers":[{"personId":"%s"}],"movedWorkers":[]}}
                """.formatted(reorg, u, LocalDate.now(), sponsor), null);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);

        // The impact carries three open actions for the alliance manager.
        JsonNode[] impact = new JsonNode[1];
        await().atMost(FLOW_TIMEOUT).ignoreExceptions().pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            JsonNode impacts = json(send("GET", "/api/v1/impacts?triggerEventId=" + reorg, head, null, null, null));
            assertThat(impacts).hasSize(1);
            impact[0] = impacts.get(0);
            assertThat(impact[0].get("actions")).extracting(a -> a.get("kind").asString())
                    .containsExactlyInAnyOrder("SPONSOR_VACANT", "GOVERNANCE_SEAT_VACANT", "PARTNER_NOTICE_REQUIRED");
        });
        String impactId = impact[0].get("id").asString();
        assertThat(impact[0].get("status").asString()).isEqualTo("OPEN");
        assertThat(impact[0].get("actions")).allSatisfy(a -> assertThat(a.get("assigneeId").asString()).isEqualTo(am));
        JsonNode notice = action(impact[0], "PARTNER_NOTICE_REQUIRED");
        String noticeObligation = notice.get("noticeObligationId").asString();
        JsonNode mine = json(send("GET", "/api/v1/actions", amToken, null, null, null));
        assertThat(mine.get("total").asInt()).isEqualTo(3);

        // The notice obligation exists, linked to its action.
        JsonNode[] obligation = new JsonNode[1];
        await().atMost(FLOW_TIMEOUT).ignoreExceptions().pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            HttpResponse<String> found = send("GET", "/api/v1/obligations/" + noticeObligation, admin, null, null, null);
            assertThat(found.statusCode()).isEqualTo(200);
            obligation[0] = json(found);
        });
        assertThat(obligation[0].get("type").asString()).isEqualTo("PARTNER_NOTICE");
        assertThat(obligation[0].get("link").get("actionId").asString()).isEqualTo(notice.get("id").asString());

        // A new sponsor is named: Windshift closes the sponsor action itself.
        HttpResponse<String> assigned = send("PUT", "/api/v1/alliances/" + helios + "/roles/EXECUTIVE_SPONSOR", admin, "application/json",
                "{\"personId\":\"" + newSponsor + "\"}", null);
        assertThat(assigned.statusCode()).as(assigned.body()).isEqualTo(200);
        // The partner was told: fulfilling the notice obligation closes the notice action.
        String occurrence = obligation[0].get("occurrences").get(0).get("id").asString();
        HttpResponse<String> fulfilled = send("POST", "/api/v1/obligations/" + noticeObligation + "/occurrences/" + occurrence + "/fulfil", admin,
                "application/json", "{\"evidence\":\"letter to Vega Bio, ref VB-" + u + "\"}", null);
        assertThat(fulfilled.statusCode()).as(fulfilled.body()).isEqualTo(200);
        await().atMost(FLOW_TIMEOUT).ignoreExceptions().pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            JsonNode now = json(send("GET", "/api/v1/impacts/" + impactId, head, null, null, null));
            assertThat(action(now, "SPONSOR_VACANT").get("state").asString()).isEqualTo("DONE");
            assertThat(action(now, "PARTNER_NOTICE_REQUIRED").get("state").asString()).isEqualTo("DONE");
            assertThat(now.get("status").asString()).isEqualTo("IN_PROGRESS");
        });
        JsonNode closedBySystem = action(json(send("GET", "/api/v1/impacts/" + impactId, head, null, null, null)), "SPONSOR_VACANT");
        JsonNode last = closedBySystem.get("history").get(closedBySystem.get("history").size() - 1);
        assertThat(last.get("by").asString()).isEqualTo("system");
        assertThat(last.get("eventType").asString()).isEqualTo("alliance.role-assigned");

        // The JSC stays one member short: the alliance manager dismisses that action, with the reason.
        String seat = action(impact[0], "GOVERNANCE_SEAT_VACANT").get("id").asString();
        String dismiss = "/api/v1/impacts/" + impactId + "/actions/" + seat + "/dismiss";
        assertThat(send("POST", dismiss, tokens().person(cmo, "EMPLOYEE"), "application/json", "{\"reason\":\"x\"}", null).statusCode())
                .isEqualTo(403);
        assertThat(send("POST", dismiss, amToken, "application/json", "{}", null).statusCode()).isEqualTo(400);
        HttpResponse<String> dismissed = send("POST", dismiss, amToken, "application/json",
                "{\"reason\":\"The JSC continues with one member until the 2027 charter review\"}", null);
        assertThat(dismissed.statusCode()).as(dismissed.body()).isEqualTo(200);
        assertThat(json(dismissed).get("status").asString()).isEqualTo("RESOLVED");
        assertThat(send("POST", dismiss, amToken, "application/json", "{\"reason\":\"again\"}", null).statusCode()).isEqualTo(409);

        JsonNode progress = json(send("GET", "/api/v1/triggers/" + reorg + "/progress", head, null, null, null));
        assertThat(progress.get("resolved").asBoolean()).isTrue();
        assertThat(progress.get("actionsByState").get("DONE").asInt()).isEqualTo(2);
        assertThat(progress.get("actionsByState").get("DISMISSED").asInt()).isEqualTo(1);
        assertThat(progress.get("open").asInt()).isZero();

        // Still exactly one notification per person for the reorg, now showing that everything is closed.
        await().atMost(FLOW_TIMEOUT).ignoreExceptions().pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            for (String person : List.of(lead, am, "p-head")) {
                List<JsonNode> forReorg = notificationsFor(person, reorg);
                assertThat(forReorg).as(person).hasSize(1);
                JsonNode shown = forReorg.getFirst().get("progress");
                assertThat(shown.get("open").asInt()).as(person).isZero();
                assertThat(shown.get("resolvedImpacts").asInt()).as(person).isEqualTo(1);
            }
        });
    }

    private static JsonNode action(JsonNode impact, String kind) {
        for (JsonNode a : impact.get("actions")) {
            if (a.get("kind").asString().equals(kind)) {
                return a;
            }
        }
        throw new AssertionError("no " + kind + " action in " + impact);
    }
}
