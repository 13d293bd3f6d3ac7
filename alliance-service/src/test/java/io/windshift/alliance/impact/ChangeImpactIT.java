package io.windshift.alliance.impact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.windshift.alliance.AllianceServiceIntegrationTest;
import io.windshift.alliance.people.ScheduledHrEvents;
import io.windshift.contract.CloudEvent;
import io.windshift.contract.EventIds;
import io.windshift.contract.EventJson;
import io.windshift.contract.EventType;
import io.windshift.contract.Topics;
import io.windshift.contract.alliance.ChangeImpactAssessed;
import io.windshift.contract.obligation.OwnerVacated;
import io.windshift.messaging.publish.EventPublisher;
import io.windshift.messaging.testing.TopicProbe;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;

/** Reorgs, terminations, rescinds and future-dated changes on a real broker, through alliance-service's API. */
class ChangeImpactIT extends AllianceServiceIntegrationTest {

    @Autowired ScheduledHrEvents scheduled;
    @Autowired EventPublisher publisher;
    @Value("${spring.kafka.bootstrap-servers}") String bootstrap;

    @Test
    void aReorgGivesOneImpactPerAffectedAllianceHoweverManyOfItsPeopleMoved() throws Exception {
        String u = UUID.randomUUID().toString().substring(0, 8);
        String am = "p-am-" + u, lead = "p-lead-" + u, sponsor = "p-sponsor-" + u, cmo = "p-cmo-" + u, ptl = "p-ptl-" + u;
        String helios = register("""
                {"name":"Helios %s","partner":"Helios Bio","asset":"HLX-201","type":"CO_DEVELOPMENT","stage":"LATE","tier":"STRATEGIC",
                 "team":[{"role":"PARTNERSHIP_LEAD","personId":"%s"},{"role":"ALLIANCE_MANAGER","personId":"%s"},
                         {"role":"EXECUTIVE_SPONSOR","personId":"%s"}],
                 "governanceBodies":[{"code":"JSC","name":"Joint steering committee","memberIds":["%s","%s"],"cadence":"QUARTERLY"}],
                 "agreements":[{"agreementId":"agr-3","noticeClauses":[{"clauseRef":"4.2","seat":"ALLIANCE_MANAGER","noticeDays":14}]}]}
                """.formatted(u, lead, am, sponsor, sponsor, cmo));
        String nova = register(alliance("Nova " + u, "STRATEGIC", "EARLY", seats("PARTNERSHIP_LEAD", ptl, "ALLIANCE_MANAGER", am)));
        String quiet = register(alliance("Quiet " + u, "STANDARD", "EARLY", seats("PARTNERSHIP_LEAD", "p-other-" + u)));
        String reorgId = "hr-" + UUID.randomUUID();

        try (TopicProbe probe = new TopicProbe(bootstrap, Topics.ALLIANCE)) {
            postHr("""
                    {"specversion":"1.0","id":"%s","source":"/workday","type":"hr.org.reorganized",
                     "data":{"reorgId":"R-%s","name":"Oncology realignment","effectiveDate":"2026-12-01",
                             "movedWorkers":[{"personId":"%s","toOrgUnitId":"ou-com","newManagerId":"p-vp"}],
                             "departedWorkers":[{"personId":"%s"},{"personId":"%s"}]}}
                    """.formatted(reorgId, u, ptl, am, cmo));

            await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                    mvc.perform(get("/api/v1/impacts").param("triggerEventId", reorgId).with(person("head", "HEAD_OF_ALLIANCE_MANAGEMENT")))
                            .andExpect(jsonPath("$", hasSize(2)))
                            .andExpect(jsonPath("$[?(@.allianceId == '%s')].impacts[*].kind".formatted(helios), containsInAnyOrder(
                                    "ALLIANCE_MANAGER_VACANT", "PARTNER_NOTICE_REQUIRED", "GOVERNANCE_SEAT_VACANT")))
                            .andExpect(jsonPath("$[?(@.allianceId == '%s')].impacts[*].kind".formatted(nova), containsInAnyOrder(
                                    "ALLIANCE_MANAGER_VACANT", "ROLE_HOLDER_MOVED"))));
            mvc.perform(get("/api/v1/impacts").param("triggerEventId", reorgId).with(person("head", "HEAD_OF_ALLIANCE_MANAGEMENT")))
                    .andExpect(jsonPath("$[0].allianceId").value(helios))
                    .andExpect(jsonPath("$[0].severity").value("CRITICAL"))
                    .andExpect(jsonPath("$[0].triggerType").value("hr.org.reorganized"))
                    .andExpect(jsonPath("$[0].suggestedActions", hasItem(containsString(
                            "Name an interim alliance manager for Helios " + u))))
                    .andExpect(jsonPath("$[0].suggestedActions", hasItem(containsString("notify Helios Bio by 2026-12-15 under section 4.2 of agr-3"))))
                    .andExpect(jsonPath("$[?(@.allianceId == '%s')]".formatted(quiet), hasSize(0)));
            mvc.perform(get("/api/v1/alliances/" + helios).with(person("admin", "ALLIANCE_ADMIN")))
                    .andExpect(jsonPath("$.vacantRoles", contains("ALLIANCE_MANAGER")))
                    .andExpect(jsonPath("$.governanceBodies[0].memberIds", contains(sponsor)));

            await().atMost(Duration.ofSeconds(10)).until(() -> impactsOn(probe, reorgId).size() == 2);
            assertThat(impactsOn(probe, reorgId)).allSatisfy(a -> assertThat(a.revision()).isEqualTo(1));
            assertThat(probe.records()).filteredOn(r -> "alliance.manager-changed".equals(TopicProbe.header(r, "ce_type")))
                    .filteredOn(r -> r.key().equals(helios)).singleElement();

            // The people on the team see the impact; a stranger does not.
            mvc.perform(get("/api/v1/impacts").param("triggerEventId", reorgId).with(person(sponsor, "EMPLOYEE")))
                    .andExpect(jsonPath("$", hasSize(1))).andExpect(jsonPath("$[0].allianceId").value(helios));
            mvc.perform(get("/api/v1/impacts").param("triggerEventId", reorgId).with(person("p-stranger", "ALLIANCE_MANAGER")))
                    .andExpect(jsonPath("$", hasSize(0)));

            // An obligation owned by the departed manager joins the same impact as a new revision.
            String impactId = ChangeImpact.idOf(reorgId, helios);
            publisher.publish(Topics.OBLIGATION, "ob-9", CloudEvent.of(EventIds.random(), EventType.OBLIGATION_OWNER_VACATED, "/test", "ob-9",
                    Instant.now(), new OwnerVacated("ob-9", helios, "Phase 3 milestone payment", am, "DEPARTED_IN_REORG", reorgId), null));
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                    mvc.perform(get("/api/v1/impacts/" + impactId).with(person("admin", "ALLIANCE_ADMIN")))
                            .andExpect(jsonPath("$.impacts[*].kind", hasItem("OBLIGATION_OWNER_VACANT")))
                            .andExpect(jsonPath("$.actions[*].kind", hasItem("OBLIGATION_OWNER_VACANT")))
                            .andExpect(jsonPath("$.suggestedActions", hasItem(containsString("Reassign obligation 'Phase 3 milestone payment'")))));

            // HR rescinds the reorg: seats come back, the impacts say so.
            String rescindId = "hr-" + UUID.randomUUID();
            postHr("""
                    {"specversion":"1.0","id":"%s","source":"/workday","type":"hr.event.rescinded","data":{"rescindedEventId":"%s"}}
                    """.formatted(rescindId, reorgId));
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                    mvc.perform(get("/api/v1/impacts").param("triggerEventId", reorgId).with(person("admin", "ALLIANCE_ADMIN")))
                            .andExpect(jsonPath("$[*].status", contains("RESCINDED", "RESCINDED"))));
            mvc.perform(get("/api/v1/alliances/" + helios).with(person("admin", "ALLIANCE_ADMIN")))
                    .andExpect(jsonPath("$.vacantRoles", hasSize(0)))
                    .andExpect(jsonPath("$.team[?(@.role == 'ALLIANCE_MANAGER')].personId", contains(am)))
                    .andExpect(jsonPath("$.governanceBodies[0].memberIds", containsInAnyOrder(sponsor, cmo)));
            mvc.perform(get("/api/v1/impacts/" + impactId).with(person("admin", "ALLIANCE_ADMIN")))
                    .andExpect(jsonPath("$.notes", hasItem(am + " restored as ALLIANCE_MANAGER")))
                    .andExpect(jsonPath("$.suggestedActions[0]", containsString("No action needed")));
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    impactsOn(probe, reorgId).stream().filter(i -> i.status().equals("RESCINDED")).count() == 2);
        }
    }

    @Test
    void aFutureDatedDepartureWaitsForItsDateAndIsAppliedOnceAndARescindBeforeThenCancelsIt() throws Exception {
        String u = UUID.randomUUID().toString().substring(0, 8);
        String am = "p-am-" + u, am2 = "p-am2-" + u;
        String alliance = register(alliance("Future " + u, "STRATEGIC", "LATE", seats("PARTNERSHIP_LEAD", "p-l-" + u, "ALLIANCE_MANAGER", am)));
        String other = register(alliance("Other " + u, "STRATEGIC", "LATE", seats("PARTNERSHIP_LEAD", "p-l2-" + u, "ALLIANCE_MANAGER", am2)));
        LocalDate in5Days = LocalDate.now(clock).plusDays(5);
        String departure = "hr-" + UUID.randomUUID();
        String cancelled = "hr-" + UUID.randomUUID();

        mvc.perform(post("/api/v1/hr/events").with(client("workday", "hr.events:write")).contentType(CLOUDEVENT)
                        .content(terminated(departure, am, in5Days)))
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.scheduled", contains(departure)));
        postHr(terminated(cancelled, am2, in5Days));
        postHr("""
                {"specversion":"1.0","id":"hr-%s","source":"/workday","type":"hr.event.rescinded","data":{"rescindedEventId":"%s"}}
                """.formatted(UUID.randomUUID(), cancelled));
        assertThat(scheduled.statusOf(departure)).isEqualTo(ScheduledHrEvents.Status.SCHEDULED);
        assertThat(scheduled.statusOf(cancelled)).isEqualTo(ScheduledHrEvents.Status.RESCINDED);
        assertThat(scheduled.releaseDue()).isZero();

        clock.travelTo(in5Days);
        assertThat(scheduled.releaseDue()).isEqualTo(1);
        assertThat(scheduled.releaseDue()).isZero();

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                mvc.perform(get("/api/v1/alliances/" + alliance).with(person("admin", "ALLIANCE_ADMIN")))
                        .andExpect(jsonPath("$.vacantRoles", contains("ALLIANCE_MANAGER"))));
        mvc.perform(get("/api/v1/impacts").param("triggerEventId", departure).with(person("admin", "ALLIANCE_ADMIN")))
                .andExpect(jsonPath("$", hasSize(1)));
        mvc.perform(get("/api/v1/alliances/" + other).with(person("admin", "ALLIANCE_ADMIN")))
                .andExpect(jsonPath("$.vacantRoles", hasSize(0)));
        assertThat(scheduled.statusOf(cancelled)).isEqualTo(ScheduledHrEvents.Status.RESCINDED);
    }

    @Test
    void namingASponsorThroughTheApiRecordsThePartnerNoticeItMakesDue() throws Exception {
        String u = UUID.randomUUID().toString().substring(0, 8);
        String id = register("""
                {"name":"Sponsor %s","partner":"Aster Bio","type":"LICENSE","stage":"COMMERCIAL","tier":"STANDARD",
                 "team":[{"role":"PARTNERSHIP_LEAD","personId":"p-l-%s"},{"role":"EXECUTIVE_SPONSOR","personId":"p-s1-%s"}],
                 "agreements":[{"agreementId":"agr-9","noticeClauses":[{"clauseRef":"12.4","seat":"EXECUTIVE_SPONSOR","noticeDays":30}]}]}
                """.formatted(u, u, u));
        try (TopicProbe probe = new TopicProbe(bootstrap, Topics.ALLIANCE)) {
            mvc.perform(put("/api/v1/alliances/" + id + "/roles/EXECUTIVE_SPONSOR").with(person("admin", "ALLIANCE_ADMIN"))
                            .contentType(MediaType.APPLICATION_JSON).content("{\"personId\":\"p-s2-" + u + "\"}"))
                    .andExpect(status().isOk());
            await().atMost(Duration.ofSeconds(10)).until(() -> probe.records().stream()
                    .anyMatch(r -> r.key().equals(id) && "alliance.sponsor-changed".equals(TopicProbe.header(r, "ce_type"))));
            String trigger = probe.records().stream().filter(r -> r.key().equals(id) && "alliance.sponsor-changed".equals(TopicProbe.header(r, "ce_type")))
                    .map(r -> TopicProbe.header(r, "ce_id")).findFirst().orElseThrow();
            String due = LocalDate.now(clock).plusDays(30).toString();
            mvc.perform(get("/api/v1/impacts").param("triggerEventId", trigger).with(person("admin", "ALLIANCE_ADMIN")))
                    .andExpect(jsonPath("$", hasSize(1)))
                    .andExpect(jsonPath("$[0].triggerType").value("alliance.sponsor-changed"))
                    .andExpect(jsonPath("$[0].impacts[0].kind").value("PARTNER_NOTICE_REQUIRED"))
                    .andExpect(jsonPath("$[0].suggestedActions[0]", containsString("Notify Aster Bio by " + due + " under section 12.4")));
        }
    }

    @Test
    void aSixthStrategicAllianceForOneManagerIsRefusedUnderTheDefaultPolicy() throws Exception {
        String am = "p-busy-" + UUID.randomUUID();
        for (int i = 1; i <= 5; i++) {
            register(alliance("Load " + i + " " + am, "STRATEGIC", "EARLY", seats("PARTNERSHIP_LEAD", "p-l", "ALLIANCE_MANAGER", am)));
        }
        register(alliance("Standard " + am, "STANDARD", "EARLY", seats("PARTNERSHIP_LEAD", "p-l", "ALLIANCE_MANAGER", am)));
        mvc.perform(post("/api/v1/alliances").with(person("admin", "ALLIANCE_ADMIN")).contentType(MediaType.APPLICATION_JSON)
                        .content(alliance("Sixth " + am, "STRATEGIC", "EARLY", seats("PARTNERSHIP_LEAD", "p-l", "ALLIANCE_MANAGER", am))))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.errors[0].field").value("team"))
                .andExpect(jsonPath("$.detail", containsString("would lead 6 STRATEGIC alliances; capacity is 5")));
        String other = register(alliance("Elsewhere " + am, "STRATEGIC", "EARLY", seats("PARTNERSHIP_LEAD", "p-l", "ALLIANCE_MANAGER", "p-free")));
        mvc.perform(put("/api/v1/alliances/" + other + "/roles/ALLIANCE_MANAGER").with(person("admin", "ALLIANCE_ADMIN"))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"personId\":\"" + am + "\"}"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.errors[0].field").value("personId"));
        mvc.perform(get("/api/v1/portfolio/manager-load").with(person("head", "HEAD_OF_ALLIANCE_MANAGEMENT")))
                .andExpect(jsonPath("$[?(@.managerId == '%s')].strategicAlliances".formatted(am), contains(5)))
                .andExpect(jsonPath("$[?(@.managerId == '%s')].overCapacity".formatted(am), contains(false)));
        mvc.perform(get("/api/v1/alliances/" + other).with(person("admin", "ALLIANCE_ADMIN")))
                .andExpect(jsonPath("$.team[?(@.role == 'ALLIANCE_MANAGER')].personId", contains("p-free")));
    }

    @Test
    void aReprioritisationOfAnAssetAssessesEveryAllianceOnIt() throws Exception {
        String u = UUID.randomUUID().toString().substring(0, 8);
        String asset = "AST-" + u;
        String first = register("""
                {"name":"First %s","partner":"Partner One","asset":"%s","type":"LICENSE","stage":"LATE","tier":"STANDARD",
                 "team":[{"role":"PARTNERSHIP_LEAD","personId":"p-l-%s"}]}""".formatted(u, asset, u));
        String second = register("""
                {"name":"Second %s","partner":"Partner Two","asset":"%s","type":"LICENSE","stage":"LATE","tier":"STANDARD",
                 "team":[{"role":"PARTNERSHIP_LEAD","personId":"p-l2-%s"},{"role":"ALLIANCE_MANAGER","personId":"p-am-%s"}]}""".formatted(u, asset, u, u));
        String trigger = com.jayway.jsonpath.JsonPath.read(mvc.perform(post("/api/v1/portfolio/reprioritisations")
                        .with(person("head", "HEAD_OF_ALLIANCE_MANAGEMENT")).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"asset\":\"" + asset + "\",\"tier\":\"STRATEGIC\",\"reason\":\"Phase 3 read-out\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.allianceIds", containsInAnyOrder(first, second)))
                .andReturn().getResponse().getContentAsString(), "$.triggerEventId");

        mvc.perform(get("/api/v1/impacts").param("triggerEventId", trigger).with(person("admin", "ALLIANCE_ADMIN")))
                .andExpect(jsonPath("$", hasSize(1)))
                .andExpect(jsonPath("$[0].allianceId").value(first))
                .andExpect(jsonPath("$[0].impacts[0].kind").value("ALLIANCE_MANAGER_VACANT"));
        mvc.perform(get("/api/v1/alliances/" + second).with(person("admin", "ALLIANCE_ADMIN")))
                .andExpect(jsonPath("$.tier").value("STRATEGIC"));
        mvc.perform(post("/api/v1/portfolio/reprioritisations").with(person("head", "HEAD_OF_ALLIANCE_MANAGEMENT"))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"asset\":\"" + asset + "\",\"reason\":\"nothing\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("tier"));
        mvc.perform(post("/api/v1/portfolio/reprioritisations").with(person("p-am-" + u, "ALLIANCE_MANAGER"))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"asset\":\"" + asset + "\",\"tier\":\"LOW_TOUCH\",\"reason\":\"x\"}"))
                .andExpect(status().isForbidden());
    }

    @Test
    void aCorrectionIsARescindPlusTheCorrectedEventAppliedInOrder() throws Exception {
        String u = UUID.randomUUID().toString().substring(0, 8);
        String sponsor = "p-s-" + u;
        String alliance = register(alliance("Correction " + u, "STANDARD", "EARLY", seats("PARTNERSHIP_LEAD", "p-l-" + u, "EXECUTIVE_SPONSOR", sponsor)));
        String original = "hr-" + UUID.randomUUID();
        String corrected = "hr-" + UUID.randomUUID();
        postHr(terminated(original, sponsor, LocalDate.parse("2026-12-01")));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                mvc.perform(get("/api/v1/impacts").param("triggerEventId", original).with(person("admin", "ALLIANCE_ADMIN")))
                        .andExpect(jsonPath("$", hasSize(1))));

        // HR corrects the effective date: rescind the original and send the corrected event, in one batch.
        mvc.perform(post("/api/v1/hr/events").with(client("workday", "hr.events:write"))
                        .contentType(MediaType.parseMediaType("application/cloudevents-batch+json"))
                        .content("[" + """
                                {"specversion":"1.0","id":"hr-%s","source":"/workday","type":"hr.event.rescinded","data":{"rescindedEventId":"%s"}}
                                """.formatted(UUID.randomUUID(), original) + "," + terminated(corrected, sponsor, LocalDate.parse("2026-12-05")) + "]"))
                .andExpect(status().isAccepted());

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            mvc.perform(get("/api/v1/impacts").param("triggerEventId", original).with(person("admin", "ALLIANCE_ADMIN")))
                    .andExpect(jsonPath("$[0].status").value("RESCINDED"));
            mvc.perform(get("/api/v1/impacts").param("triggerEventId", corrected).with(person("admin", "ALLIANCE_ADMIN")))
                    .andExpect(jsonPath("$", hasSize(1)))
                    .andExpect(jsonPath("$[0].status").value("OPEN"))
                    .andExpect(jsonPath("$[0].impacts[0].kind").value("SPONSOR_VACANT"));
            // The impact is stored just before the alliance it describes (so a crash between them cannot lose it).
            mvc.perform(get("/api/v1/alliances/" + alliance).with(person("admin", "ALLIANCE_ADMIN")))
                    .andExpect(jsonPath("$.team[?(@.role == 'EXECUTIVE_SPONSOR')]", hasSize(0)))
                    .andExpect(jsonPath("$.history[?(@.endedBy == '%s')].until".formatted(corrected), contains("2026-12-05")));
        });
    }

    static String terminated(String id, String personId, LocalDate effective) {
        return """
                {"specversion":"1.0","id":"%s","source":"/workday","type":"hr.worker.terminated",
                 "data":{"personId":"%s","effectiveDate":"%s","reasonCode":"RESIGNATION"}}
                """.formatted(id, personId, effective);
    }

    private static List<ChangeImpactAssessed> impactsOn(TopicProbe probe, String trigger) {
        return probe.records().stream().filter(r -> "alliance.change-impact-assessed".equals(TopicProbe.header(r, "ce_type")))
                .map(r -> EventJson.read(r.value()).dataAs(ChangeImpactAssessed.class))
                .filter(i -> i.triggerEventId().equals(trigger))
                .collect(java.util.stream.Collectors.toMap(ChangeImpactAssessed::impactId, i -> i, (a, b) -> a.revision() >= b.revision() ? a : b))
                .values().stream().toList();
    }
}
