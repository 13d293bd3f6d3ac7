package io.windshift.alliance.impact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.windshift.alliance.AllianceServiceIntegrationTest;
import io.windshift.contract.CloudEvent;
import io.windshift.contract.EventIds;
import io.windshift.contract.EventType;
import io.windshift.contract.Topics;
import io.windshift.contract.obligation.OccurrenceClosed;
import io.windshift.contract.obligation.OwnerAssigned;
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

/**
 * Actions on real Kafka: a departure opens them, the facts that settle them close them by the system (in either
 * arrival order, once however often they are delivered), and people complete, dismiss and assign the rest.
 */
class ImpactActionsIT extends AllianceServiceIntegrationTest {

    @Autowired ChangeImpacts impacts;
    @Autowired EventPublisher publisher;
    @Value("${spring.kafka.bootstrap-servers}") String bootstrap;

    @Test
    void aDepartureBecomesWorkThatFactsAndPeopleFinish() throws Exception {
        String u = UUID.randomUUID().toString().substring(0, 8);
        String am = "p-am-" + u, lead = "p-lead-" + u, sponsor = "p-sponsor-" + u, cmo = "p-cmo-" + u, newSponsor = "p-new-" + u;
        String helios = register("""
                {"name":"Helios %s","partner":"Helios Bio","asset":"HLX-%s","type":"CO_DEVELOPMENT","stage":"LATE","tier":"STRATEGIC",
                 "team":[{"role":"PARTNERSHIP_LEAD","personId":"%s"},{"role":"ALLIANCE_MANAGER","personId":"%s"},
                         {"role":"EXECUTIVE_SPONSOR","personId":"%s"}],
                 "governanceBodies":[{"code":"JSC","name":"Joint steering committee","memberIds":["%s","%s"],"cadence":"QUARTERLY"}],
                 "agreements":[{"agreementId":"agr-3","noticeClauses":[{"clauseRef":"4.2","seat":"EXECUTIVE_SPONSOR","noticeDays":14},
                                                                     {"clauseRef":"4.3","seat":"GOVERNANCE_MEMBER","noticeDays":30}]}]}
                """.formatted(u, u, lead, am, sponsor, sponsor, cmo));
        String departure = "hr-" + UUID.randomUUID();
        String impactId = ChangeImpact.idOf(departure, helios);

        try (TopicProbe probe = new TopicProbe(bootstrap, Topics.ALLIANCE)) {
            postHr(ChangeImpactIT.terminated(departure, sponsor, LocalDate.parse("2027-01-08")));

            // Sponsor seat, JSC seat and two partner notices: four open actions for the alliance manager.
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(impacts.find(impactId)).isPresent());
            ChangeImpact assessed = impacts.find(impactId).orElseThrow();
            assertThat(assessed.status()).isEqualTo(ChangeImpact.Status.OPEN);
            assertThat(assessed.actions()).extracting(a -> a.kind().name()).containsExactlyInAnyOrder("SPONSOR_VACANT", "GOVERNANCE_SEAT_VACANT",
                    "PARTNER_NOTICE_REQUIRED", "PARTNER_NOTICE_REQUIRED");
            assertThat(assessed.actions()).allSatisfy(a -> assertThat(a.assigneeId()).isEqualTo(am));
            ImpactAction sponsorSeat = action(assessed, "SPONSOR_VACANT", null);
            ImpactAction sponsorNotice = action(assessed, "PARTNER_NOTICE_REQUIRED", "4.2");
            ImpactAction jscNotice = action(assessed, "PARTNER_NOTICE_REQUIRED", "4.3");
            ImpactAction jscSeat = action(assessed, "GOVERNANCE_SEAT_VACANT", null);
            // 2027-01-10 is a Sunday: five business days later is Friday the 15th; the notices are due on their dates.
            assertThat(sponsorSeat.dueDate()).isEqualTo(LocalDate.parse("2027-01-15"));
            assertThat(sponsorNotice.dueDate()).isEqualTo(LocalDate.parse("2027-01-22"));
            assertThat(jscNotice.dueDate()).isEqualTo(LocalDate.parse("2027-02-07"));
            assertThat(jscNotice.noticeObligationId()).startsWith("ob-notice-");

            // "My open actions" for the alliance manager, paged in the store.
            mvc.perform(get("/api/v1/actions").with(person(am, "ALLIANCE_MANAGER")))
                    .andExpect(status().isOk()).andExpect(jsonPath("$.total").value(4)).andExpect(jsonPath("$.items", hasSize(4)))
                    .andExpect(jsonPath("$.items[0].dueDate").value("2027-01-15"));
            mvc.perform(get("/api/v1/actions").param("dueBefore", "2027-01-20").with(person(am, "ALLIANCE_MANAGER")))
                    .andExpect(jsonPath("$.total").value(1));
            mvc.perform(get("/api/v1/actions").param("status", "LATER").with(person(am, "ALLIANCE_MANAGER")))
                    .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("status"));

            // A new sponsor is named through the API: the sponsor action closes by the system, naming the event.
            mvc.perform(put("/api/v1/alliances/" + helios + "/roles/EXECUTIVE_SPONSOR").with(person("admin", "ALLIANCE_ADMIN"))
                    .contentType(MediaType.APPLICATION_JSON).content("{\"personId\":\"" + newSponsor + "\"}")).andExpect(status().isOk());
            await().atMost(Duration.ofSeconds(20)).until(() -> !action(impacts.find(impactId).orElseThrow(), "SPONSOR_VACANT", null).isOpen());
            ImpactAction filled = action(impacts.find(impactId).orElseThrow(), "SPONSOR_VACANT", null);
            assertThat(filled.state()).isEqualTo(ImpactAction.State.DONE);
            assertThat(filled.history().getLast().by()).isEqualTo("system");
            assertThat(filled.history().getLast().eventType()).isEqualTo("alliance.role-assigned");
            assertThat(impacts.find(impactId).orElseThrow().status()).isEqualTo(ChangeImpact.Status.IN_PROGRESS);

            // The notice obligation is fulfilled: delivered three times, it closes the notice action once.
            CloudEvent fulfilled = CloudEvent.of(EventIds.random(), EventType.OBLIGATION_FULFILLED, "/test", sponsorNotice.noticeObligationId(),
                    Instant.now(), new OccurrenceClosed(sponsorNotice.noticeObligationId(), sponsorNotice.noticeObligationId() + "-1", helios,
                            "Notify the partner", sponsorNotice.dueDate(), Instant.now(), "ON_TIME", null, null, "letter sent", null), null);
            for (int i = 0; i < 3; i++) {
                publisher.publish(Topics.OBLIGATION, sponsorNotice.noticeObligationId(), fulfilled);
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> !action(impacts.find(impactId).orElseThrow(), "PARTNER_NOTICE_REQUIRED", "4.2").isOpen());

            // A new JSC member fills the governance seat.
            mvc.perform(put("/api/v1/alliances/" + helios + "/governance-bodies/JSC").with(person("admin", "ALLIANCE_ADMIN"))
                    .contentType(MediaType.APPLICATION_JSON).content("""
                            {"code":"JSC","name":"Joint steering committee","memberIds":["%s","%s"],"cadence":"QUARTERLY"}
                            """.formatted(cmo, newSponsor))).andExpect(status().isOk());
            await().atMost(Duration.ofSeconds(20)).until(() -> !action(impacts.find(impactId).orElseThrow(), "GOVERNANCE_SEAT_VACANT", null).isOpen());

            // People act: who may not is refused and learns nothing; a reason is required; closing twice is a conflict.
            String dismiss = "/api/v1/impacts/" + impactId + "/actions/" + jscNotice.id() + "/dismiss";
            mvc.perform(post(dismiss).with(person("p-stranger", "ALLIANCE_MANAGER")).contentType(MediaType.APPLICATION_JSON)
                    .content("{\"reason\":\"x\"}")).andExpect(status().isForbidden());
            mvc.perform(post(dismiss).with(person(newSponsor, "EMPLOYEE")).contentType(MediaType.APPLICATION_JSON)
                    .content("{\"reason\":\"x\"}")).andExpect(status().isForbidden());
            mvc.perform(post(dismiss).with(person(am, "ALLIANCE_MANAGER")).contentType(MediaType.APPLICATION_JSON).content("{}"))
                    .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("reason"));
            mvc.perform(post("/api/v1/impacts/" + impactId + "/actions/" + jscNotice.id() + "/assign").with(person(am, "ALLIANCE_MANAGER"))
                    .contentType(MediaType.APPLICATION_JSON).content("{\"personId\":\"" + lead + "\"}"))
                    .andExpect(status().isOk()).andExpect(jsonPath("$.actions[?(@.id == '%s')].assigneeId".formatted(jscNotice.id())).value(lead));
            assertThat(impacts.find(impactId).orElseThrow().status()).isEqualTo(ChangeImpact.Status.IN_PROGRESS);
            mvc.perform(post(dismiss).with(person(lead, "EMPLOYEE")).contentType(MediaType.APPLICATION_JSON)
                    .content("{\"reason\":\"Helios waived notice of JSC changes in the 2026 side letter\"}"))
                    .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("RESOLVED"));
            mvc.perform(post(dismiss).with(person(lead, "EMPLOYEE")).contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"again\"}"))
                    .andExpect(status().isConflict()).andExpect(jsonPath("$.state").value("DISMISSED"));

            mvc.perform(get("/api/v1/triggers/" + departure + "/progress").with(person("head", "HEAD_OF_ALLIANCE_MANAGEMENT")))
                    .andExpect(status().isOk()).andExpect(jsonPath("$.resolved").value(true)).andExpect(jsonPath("$.actions").value(4))
                    .andExpect(jsonPath("$.actionsByState.DONE").value(3)).andExpect(jsonPath("$.actionsByState.DISMISSED").value(1))
                    .andExpect(jsonPath("$.percentClosed").value(100));
            mvc.perform(get("/api/v1/impacts").param("triggerEventId", departure).param("status", "RESOLVED").with(person("admin", "ALLIANCE_ADMIN")))
                    .andExpect(jsonPath("$", hasSize(1)));
            mvc.perform(get("/api/v1/impacts").param("triggerEventId", departure).param("status", "OPEN").with(person("admin", "ALLIANCE_ADMIN")))
                    .andExpect(jsonPath("$", hasSize(0)));

            ChangeImpact resolved = impacts.find(impactId).orElseThrow();
            assertThat(action(resolved, "PARTNER_NOTICE_REQUIRED", "4.2").history()).extracting(ImpactAction.Change::change)
                    .containsExactly("OPENED", "COMPLETED");
            // Every change was announced, the resolution once.
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                assertThat(ofType(probe, "alliance.change-impact-resolved", helios)).hasSize(1);
                assertThat(ofType(probe, "alliance.impact-action-changed", helios)).hasSizeGreaterThanOrEqualTo(4 + 4 + 1);
            });
        }
    }

    @Test
    void anObligationsNewOwnerClosesItsActionWhicheverArrivesFirst() throws Exception {
        String u = UUID.randomUUID().toString().substring(0, 8);
        String am = "p-am-" + u;
        String alliance = register(alliance("Borealis " + u, "STANDARD", "EARLY", seats("PARTNERSHIP_LEAD", "p-pl-" + u, "ALLIANCE_MANAGER", am)));
        String vacatedFirst = "trig-a-" + u, assignedFirst = "trig-b-" + u;

        // Usual order: the owner leaves, then someone takes the obligation over.
        publish("ob-a-" + u, EventType.OBLIGATION_OWNER_VACATED, new OwnerVacated("ob-a-" + u, alliance, "Royalty report", "p-gone", "TERMINATED",
                vacatedFirst));
        String first = ChangeImpact.idOf(vacatedFirst, alliance);
        await().atMost(Duration.ofSeconds(20)).until(() -> impacts.find(first).isPresent());
        assertThat(impacts.find(first).orElseThrow().actions()).singleElement().satisfies(a -> assertThat(a.isOpen()).isTrue());
        CloudEvent takeover = event("ob-a-" + u, EventType.OBLIGATION_OWNER_ASSIGNED,
                new OwnerAssigned("ob-a-" + u, alliance, "Royalty report", am, "p-gone", "evt-" + u, vacatedFirst));
        for (int i = 0; i < 3; i++) {
            publisher.publish(Topics.OBLIGATION, "ob-a-" + u, takeover);
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> impacts.find(first).orElseThrow().status() == ChangeImpact.Status.RESOLVED);
        assertThat(impacts.find(first).orElseThrow().actions().getFirst().history()).extracting(ImpactAction.Change::eventId)
                .containsExactly(null, takeover.id());

        // Reverse order: the takeover is seen before the vacancy; the action opens already settled.
        publish("ob-b-" + u, EventType.OBLIGATION_OWNER_ASSIGNED, new OwnerAssigned("ob-b-" + u, alliance, "Supply report", am, "p-gone",
                "evt2-" + u, assignedFirst));
        publish("ob-b-" + u, EventType.OBLIGATION_OWNER_VACATED, new OwnerVacated("ob-b-" + u, alliance, "Supply report", "p-gone", "TERMINATED",
                assignedFirst));
        String second = ChangeImpact.idOf(assignedFirst, alliance);
        await().atMost(Duration.ofSeconds(20)).until(() -> impacts.find(second).map(i -> i.status() == ChangeImpact.Status.RESOLVED).orElse(false));
        assertThat(impacts.find(second).orElseThrow().actions()).singleElement().satisfies(a -> {
            assertThat(a.state()).isEqualTo(ImpactAction.State.DONE);
            assertThat(a.history().getLast().by()).isEqualTo("system");
        });

        // An owner assigned for an unrelated, older vacancy settles nothing here.
        publish("ob-c-" + u, EventType.OBLIGATION_OWNER_ASSIGNED, new OwnerAssigned("ob-c-" + u, alliance, "Audit", am, null, "evt3-" + u,
                "an-older-trigger"));
        publish("ob-c-" + u, EventType.OBLIGATION_OWNER_VACATED, new OwnerVacated("ob-c-" + u, alliance, "Audit", "p-gone", "TERMINATED", "trig-c-" + u));
        String third = ChangeImpact.idOf("trig-c-" + u, alliance);
        await().atMost(Duration.ofSeconds(20)).until(() -> impacts.find(third).isPresent());
        mvc.perform(get("/api/v1/impacts/" + third).with(person(am, "ALLIANCE_MANAGER")))
                .andExpect(jsonPath("$.status").value("OPEN")).andExpect(jsonPath("$.actions[*].state", containsInAnyOrder("OPEN")));
    }

    private void publish(String key, EventType type, Object payload) {
        publisher.publish(Topics.OBLIGATION, key, event(key, type, payload));
    }

    private static CloudEvent event(String key, EventType type, Object payload) {
        return CloudEvent.of(EventIds.random(), type, "/test", key, Instant.now(), payload, null);
    }

    static ImpactAction action(ChangeImpact impact, String kind, String clauseRef) {
        return impact.actions().stream().filter(a -> a.kind().name().equals(kind))
                .filter(a -> clauseRef == null || clauseRef.equals(a.clauseRef())).findFirst().orElseThrow();
    }

    private static List<?> ofType(TopicProbe probe, String type, String key) {
        return probe.records().stream().filter(r -> type.equals(TopicProbe.header(r, "ce_type"))).filter(r -> key.equals(r.key())).toList();
    }
}
