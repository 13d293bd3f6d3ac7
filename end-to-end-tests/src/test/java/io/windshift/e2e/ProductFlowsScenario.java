package io.windshift.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The product's flows (SPEC "Flows that must work end to end"), through the gateway with real tokens, on real
 * Kafka, with every service in its own JVM: a reorg, a sponsor change, a milestone coming due and being paid,
 * and the capacity rule.
 */
abstract class ProductFlowsScenario extends ThinPathScenario {

    static final Duration FLOW_TIMEOUT = Duration.ofSeconds(60);

    @Test
    void reorgGivesOneImpactPerAllianceFlagsOwnedObligationsAndOneNotificationPerPersonListingAllTheirAlliances() throws Exception {
        String u = UUID.randomUUID().toString().substring(0, 8);
        String am = "p-am-" + u, sponsor = "p-sponsor-" + u, lead1 = "p-lead1-" + u, lead2 = "p-lead2-" + u, lead3 = "p-lead3-" + u,
                am2 = "p-am2-" + u, cmo = "p-cmo-" + u;
        String admin = tokens().person("p-admin", "ALLIANCE_ADMIN");
        String hr = tokens().client("workday", "hr.events:write");
        hire(hr, u, am, sponsor, lead1, lead2, lead3, am2, cmo);

        String helios = create(admin, """
                {"name":"Helios %s","partner":"Helios Bio","asset":"HLX-%s","type":"CO_DEVELOPMENT","stage":"LATE","tier":"STRATEGIC",
                 "team":[{"role":"PARTNERSHIP_LEAD","personId":"%s"},{"role":"ALLIANCE_MANAGER","personId":"%s"},{"role":"EXECUTIVE_SPONSOR","personId":"%s"}],
                 "governanceBodies":[{"code":"JSC","memberIds":["%s","%s"]}],
                 "agreements":[{"agreementId":"agr-h","noticeClauses":[{"clauseRef":"4.2","seat":"ALLIANCE_MANAGER","noticeDays":14}]}]}
                """.formatted(u, u, lead1, am, sponsor, sponsor, cmo));
        String nova = create(admin, """
                {"name":"Nova %s","partner":"Nova Tx","asset":"NVX-%s","type":"RESEARCH","stage":"EARLY","tier":"STRATEGIC",
                 "team":[{"role":"PARTNERSHIP_LEAD","personId":"%s"},{"role":"ALLIANCE_MANAGER","personId":"%s"},{"role":"EXECUTIVE_SPONSOR","personId":"%s"}]}
                """.formatted(u, u, lead2, am, sponsor));
        String quiet = create(admin, """
                {"name":"Quiet %s","partner":"Quiet Bio","type":"LICENSE","stage":"EARLY","tier":"STANDARD",
                 "team":[{"role":"PARTNERSHIP_LEAD","personId":"%s"},{"role":"ALLIANCE_MANAGER","personId":"%s"}]}
                """.formatted(u, lead3, am2));
        String obligation = registerObligation(admin, helios, am, "Phase 3 milestone payment " + u, LocalDate.now().plusDays(90));

        String reorg = "hr-reorg-" + u;
        HttpResponse<String> accepted = send("POST", "/api/v1/hr/events", hr, "application/cloudevents+json", """
                {"specversion":"1.0","id":"%s","source":"/workday","type":"hr.org.reorganized",
                 "data":{"reorgId":"R-%s","name":"Oncology realignment","effectiveDate":"%s",
                         "departedWorkers":[{"personId":"%s"}],"movedWorkers":[{"personId":"%s","toOrgUnitId":"ou-x","newManagerId":"%s"}]}}
                """.formatted(reorg, u, LocalDate.now(), am, cmo, sponsor), null);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);

        // One impact per affected alliance; the departed manager's obligation joins Helios's impact.
        String head = tokens().person("p-head", "HEAD_OF_ALLIANCE_MANAGEMENT");
        await().atMost(FLOW_TIMEOUT).ignoreExceptions().pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            JsonNode impacts = json(send("GET", "/api/v1/impacts?triggerEventId=" + reorg, head, null, null, null));
            assertThat(impacts).hasSize(2);
            assertThat(kinds(impacts, helios)).contains("ALLIANCE_MANAGER_VACANT", "PARTNER_NOTICE_REQUIRED", "OBLIGATION_OWNER_VACANT");
            assertThat(kinds(impacts, nova)).contains("ALLIANCE_MANAGER_VACANT");
        });
        JsonNode flagged = json(send("GET", "/api/v1/obligations/" + obligation, head, null, null, null));
        assertThat(flagged.get("ownerVacated").asBoolean()).isTrue();
        assertThat(flagged.get("vacatedBy").asString()).isEqualTo(reorg);
        assertThat(json(send("GET", "/api/v1/alliances/" + quiet, head, null, null, null)).get("vacantRoles")).isEmpty();

        // Exactly one notification per person for the reorg, listing all of that person's affected alliances.
        await().atMost(FLOW_TIMEOUT).ignoreExceptions().pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            assertThat(allianceIdsOfOnlyNotification(sponsor, reorg)).containsExactlyInAnyOrder(helios, nova);
            assertThat(allianceIdsOfOnlyNotification("p-head", reorg)).containsExactlyInAnyOrder(helios, nova);
            assertThat(allianceIdsOfOnlyNotification(lead1, reorg)).containsExactly(helios);
            assertThat(allianceIdsOfOnlyNotification(lead2, reorg)).containsExactly(nova);
        });
        assertThat(notificationsFor(am, reorg)).isEmpty();
        assertThat(notificationsFor(am2, reorg)).isEmpty();
        traceFollowsTheReorgThroughEveryService(reorg, hr, head, Set.of(helios, nova), obligation, am, Set.of(sponsor, "p-head", lead1, lead2));
    }

    /** GET /api/v1/events/{id}/trace: all of it for the head, ids only for the client that posted it, nothing for anyone else. */
    void traceFollowsTheReorgThroughEveryService(String reorg, String hr, String head, Set<String> alliances, String obligation, String owner,
                                                Set<String> told) throws Exception {
        String path = "/api/v1/events/" + reorg + "/trace";
        await().atMost(FLOW_TIMEOUT).ignoreExceptions().pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            JsonNode trace = json(send("GET", path, head, null, null, null));
            assertThat(trace.get("accepted").get("clientId").asString()).isEqualTo("workday");
            assertThat(trace.get("accepted").get("type").asString()).isEqualTo("hr.org.reorganized");
            assertThat(trace.get("accepted").get("service").asString()).isEqualTo("alliance-service");
            assertThat(values(trace.get("appliedBy"), "consumer")).contains("alliance-service.hr", "obligation-service.hr", "notification-service.hr");
            assertThat(values(trace.get("impacts"), "allianceId")).containsExactlyInAnyOrderElementsOf(alliances);
            assertThat(trace.get("actions")).isNotEmpty();
            assertThat(values(trace.get("obligations"), "id")).contains(obligation);
            // The departed owner's obligation: owner vacated by this reorg (so it has no owner any more).
            assertThat(values(trace.get("obligations"), "detail")).anySatisfy(d -> assertThat(d).contains("OWNER_VACATED").contains(owner));
            assertThat(values(trace.get("notifications"), "personId")).containsAll(told);
            assertThat(values(trace.get("deliveries"), "state")).isNotEmpty();
            assertThat(trace.get("unavailable")).isEmpty();
        });
        JsonNode full = json(send("GET", path, head, null, null, null));
        JsonNode idsOnly = json(send("GET", path, hr, null, null, null));
        System.out.println("event trace of " + reorg + " as the head of alliance management: " + full.toPrettyString());
        System.out.println("event trace of " + reorg + " as the client that posted it: " + idsOnly.toPrettyString());
        for (String section : List.of("impacts", "actions", "obligations", "notifications", "deliveries")) {
            assertThat(values(idsOnly.get(section), "id")).as(section).containsExactlyInAnyOrderElementsOf(values(full.get(section), "id"));
            for (JsonNode item : idsOnly.get(section)) {
                assertThat(item.get("personId").isNull()).as(section + " " + item).isTrue();
                assertThat(item.get("detail").isNull()).as(section + " " + item).isTrue();
            }
        }
        assertThat(send("GET", path, tokens().client("successfactors", "hr.events:write"), null, null, null).statusCode()).isEqualTo(404);
        assertThat(send("GET", path, tokens().person(owner, "ALLIANCE_MANAGER"), null, null, null).statusCode()).isEqualTo(403);
        assertThat(send("GET", "/api/v1/events/never-posted-" + reorg + "/trace", head, null, null, null).statusCode()).isEqualTo(404);
    }

    static List<String> values(JsonNode items, String field) {
        List<String> values = new ArrayList<>();
        items.forEach(i -> values.add(i.get(field).isNull() ? null : i.get(field).asString()));
        return values;
    }

    @Test
    void aNewSponsorTellsTheTeamAndTheGovernanceBodyAndCreatesTheNoticeObligation() throws Exception {
        String u = UUID.randomUUID().toString().substring(0, 8);
        String lead = "p-lead-" + u, oldSponsor = "p-s1-" + u, newSponsor = "p-s2-" + u, jscMember = "p-jsc-" + u, am = "p-am-" + u;
        String admin = tokens().person("p-admin", "ALLIANCE_ADMIN");
        String alliance = create(admin, """
                {"name":"Aster %s","partner":"Aster Therapeutics","type":"LICENSE","stage":"COMMERCIAL","tier":"STANDARD",
                 "team":[{"role":"PARTNERSHIP_LEAD","personId":"%s"},{"role":"ALLIANCE_MANAGER","personId":"%s"},{"role":"EXECUTIVE_SPONSOR","personId":"%s"}],
                 "governanceBodies":[{"code":"JSC","memberIds":["%s"]}],
                 "agreements":[{"agreementId":"agr-a","noticeClauses":[{"clauseRef":"12.4","seat":"EXECUTIVE_SPONSOR","noticeDays":30}]}]}
                """.formatted(u, lead, am, oldSponsor, jscMember));
        // obligation-service must know the alliance before it can attach the notice obligation's owner.
        awaitObligationServiceKnows(admin, alliance);

        HttpResponse<String> assigned = send("PUT", "/api/v1/alliances/" + alliance + "/roles/EXECUTIVE_SPONSOR", admin, "application/json",
                "{\"personId\":\"" + newSponsor + "\"}", null);
        assertThat(assigned.statusCode()).as(assigned.body()).isEqualTo(200);

        String due = LocalDate.now().plusDays(30).toString();
        await().atMost(FLOW_TIMEOUT).ignoreExceptions().pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            for (String person : List.of(lead, am, jscMember, newSponsor)) {
                JsonNode items = json(send("GET", "/api/v1/notifications", tokens().person(person, "EMPLOYEE"), null, null, null)).get("items");
                assertThat(items).as(person).anySatisfy(i -> {
                    assertThat(i.get("type").asString()).isEqualTo("alliance.sponsor-changed");
                    assertThat(i.get("allianceIds").get(0).asString()).isEqualTo(alliance);
                });
            }
            JsonNode obligations = json(send("GET", "/api/v1/obligations?allianceId=" + alliance, admin, null, null, null)).get("items");
            assertThat(obligations).anySatisfy(o -> {
                assertThat(o.get("type").asString()).isEqualTo("PARTNER_NOTICE");
                assertThat(o.get("occurrences").get(0).get("dueDate").asString()).isEqualTo(due);
            });
        });
    }

    @Test
    void aMilestoneComingDueRemindsOwnerAndFinanceLeadOnceAndInvoicePaidClosesIt() throws Exception {
        String u = UUID.randomUUID().toString().substring(0, 8);
        String owner = "p-owner-" + u, finance = "p-fin-" + u;
        String admin = tokens().person("p-admin", "ALLIANCE_ADMIN");
        String alliance = create(admin, """
                {"name":"Cygnus %s","partner":"Cygnus Pharma","type":"CO_DEVELOPMENT","stage":"LATE","tier":"STANDARD",
                 "team":[{"role":"PARTNERSHIP_LEAD","personId":"%s"},{"role":"FINANCE_LEAD","personId":"%s"}]}
                """.formatted(u, owner, finance));
        // Due in 5 days: the 7-day reminder is the nearest lead time already passed and fires once.
        String obligation = registerObligation(admin, alliance, owner, "Milestone payment " + u, LocalDate.now().plusDays(5));

        await().atMost(FLOW_TIMEOUT).ignoreExceptions().pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            for (String person : List.of(owner, finance)) {
                JsonNode items = json(send("GET", "/api/v1/notifications", tokens().person(person, "EMPLOYEE"), null, null, null)).get("items");
                assertThat(items).as(person).filteredOn(i -> i.get("type").asString().equals("obligation.milestone-due")).hasSize(1);
            }
        });

        String invoice = """
                {"specversion":"1.0","id":"fin-%s","source":"/sap","type":"finance.invoice.paid",
                 "data":{"invoiceId":"inv-%s","obligationId":"%s","amount":2500000.00,"currency":"USD","paidAt":"%s"}}
                """.formatted(u, u, obligation, Instant.now());
        HttpResponse<String> paid = send("POST", "/api/v1/finance/events", tokens().client("sap", "finance.events:write"),
                "application/cloudevents+json", invoice, null);
        assertThat(paid.statusCode()).as(paid.body()).isEqualTo(202);
        await().atMost(FLOW_TIMEOUT).ignoreExceptions().pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            JsonNode occurrence = json(send("GET", "/api/v1/obligations/" + obligation, admin, null, null, null)).get("occurrences").get(0);
            assertThat(occurrence.get("status").asString()).isEqualTo("FULFILLED");
            assertThat(occurrence.get("timeliness").asString()).isEqualTo("EARLY");
        });
        // Still one reminder each: the scheduler ran many passes meanwhile.
        for (String person : List.of(owner, finance)) {
            JsonNode items = json(send("GET", "/api/v1/notifications", tokens().person(person, "EMPLOYEE"), null, null, null)).get("items");
            assertThat(items).filteredOn(i -> i.get("type").asString().equals("obligation.milestone-due")).hasSize(1);
        }
    }

    @Test
    void aSixthStrategicAllianceForOneManagerIsRefused() throws Exception {
        String am = "p-busy-" + UUID.randomUUID();
        String admin = tokens().person("p-admin", "ALLIANCE_ADMIN");
        for (int i = 1; i <= 5; i++) {
            create(admin, strategic("Load " + i + " " + am, am));
        }
        HttpResponse<String> sixth = send("POST", "/api/v1/alliances", admin, "application/json", strategic("Sixth " + am, am), null);
        assertThat(sixth.statusCode()).as(sixth.body()).isEqualTo(409);
        assertThat(json(sixth).get("errors").get(0).get("field").asString()).isEqualTo("team");
        JsonNode load = json(send("GET", "/api/v1/portfolio/manager-load", admin, null, null, null));
        assertThat(load).filteredOn(l -> l.get("managerId").asString().equals(am)).singleElement()
                .satisfies(l -> assertThat(l.get("strategicAlliances").asInt()).isEqualTo(5));
    }

    private static String strategic(String name, String am) {
        return """
                {"name":"%s","partner":"P","type":"LICENSE","stage":"EARLY","tier":"STRATEGIC",
                 "team":[{"role":"PARTNERSHIP_LEAD","personId":"p-l"},{"role":"ALLIANCE_MANAGER","personId":"%s"}]}
                """.formatted(name, am);
    }

    void hire(String hr, String u, String... people) throws Exception {
        List<String> events = new ArrayList<>();
        for (String person : people) {
            events.add("""
                    {"specversion":"1.0","id":"hire-%s","source":"/workday","type":"hr.worker.hired",
                     "data":{"personId":"%s","name":"Person %s","email":"%s@example.com","orgUnitId":"ou-1","managerId":"p-head","effectiveDate":"2024-01-01"}}
                    """.formatted(person, person, person, person));
        }
        HttpResponse<String> hired = send("POST", "/api/v1/hr/events", hr, "application/cloudevents-batch+json", "[" + String.join(",", events) + "]", null);
        assertThat(hired.statusCode()).as(hired.body()).isEqualTo(202);
    }

    String create(String admin, String body) throws Exception {
        HttpResponse<String> created = send("POST", "/api/v1/alliances", admin, "application/json", body, null);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json(created).get("id").asString();
    }

    /** Registers a milestone payment, once obligation-service's projection knows the alliance. */
    private String registerObligation(String admin, String allianceId, String owner, String title, LocalDate due) throws Exception {
        String body = """
                {"allianceId":"%s","title":"%s","agreementId":"agr-1","clauseRef":"7.1(b)","category":"FINANCIAL","type":"MILESTONE_PAYMENT",
                 "direction":"OWED_BY_US","ownerId":"%s","amount":2500000.00,"currency":"USD","dueDate":"%s"}
                """.formatted(allianceId, title, owner, due);
        String[] id = new String[1];
        await().atMost(FLOW_TIMEOUT).ignoreExceptions().pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
            HttpResponse<String> created = send("POST", "/api/v1/obligations", admin, "application/json", body, null);
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            id[0] = json(created).get("id").asString();
        });
        return id[0];
    }

    void awaitObligationServiceKnows(String admin, String allianceId) {
        await().atMost(FLOW_TIMEOUT).ignoreExceptions().pollInterval(Duration.ofMillis(300)).untilAsserted(() ->
                assertThat(send("GET", "/api/v1/obligations?allianceId=" + allianceId, admin, null, null, null).statusCode()).isEqualTo(200));
    }

    private List<String> allianceIdsOfOnlyNotification(String person, String trigger) throws Exception {
        List<JsonNode> mine = notificationsFor(person, trigger);
        assertThat(mine).as("notifications of " + person + " for " + trigger).hasSize(1);
        List<String> ids = new ArrayList<>();
        mine.getFirst().get("allianceIds").forEach(n -> ids.add(n.asString()));
        return ids;
    }

    List<JsonNode> notificationsFor(String person, String trigger) throws Exception {
        JsonNode items = json(send("GET", "/api/v1/notifications?size=100", tokens().person(person, "EMPLOYEE"), null, null, null)).get("items");
        List<JsonNode> mine = new ArrayList<>();
        items.forEach(i -> {
            if (trigger.equals(i.get("sourceEventId").asString())) {
                mine.add(i);
            }
        });
        return mine;
    }

    private static List<String> kinds(JsonNode impacts, String allianceId) {
        List<String> kinds = new ArrayList<>();
        impacts.forEach(i -> {
            if (i.get("allianceId").asString().equals(allianceId)) {
                i.get("impacts").forEach(f -> kinds.add(f.get("kind").asString()));
            }
        });
        return kinds;
    }

    static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }
}
