package io.windshift.obligation.teams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;

import io.windshift.contract.CloudEvent;
import io.windshift.contract.EventType;
import io.windshift.contract.Topics;
import io.windshift.contract.alliance.RoleVacated;
import io.windshift.contract.alliance.TeamMember;
import io.windshift.contract.hr.EventRescinded;
import io.windshift.contract.hr.OrgReorganized;
import io.windshift.contract.hr.WorkerTerminated;
import io.windshift.contract.obligation.OwnerAssigned;
import io.windshift.contract.obligation.OwnerVacated;
import io.windshift.messaging.testing.TopicProbe;
import io.windshift.obligation.ObligationServiceIntegrationTest;
import io.windshift.obligation.register.ObligationRegister;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Owners who leave (termination, reorg, role vacated) and rescinds. Partner notices: see PartnerNoticesIT. */
class OwnersWhoLeaveIT extends ObligationServiceIntegrationTest {

    @Autowired ObligationRegister register;

    String report(String allianceId, String owner) throws Exception {
        return registerObligation("""
                {"allianceId":"%s","title":"Annual diligence report","agreementId":"AGR-7","clauseRef":"5.4","category":"DILIGENCE",
                 "type":"DILIGENCE","direction":"OWED_BY_US","ownerId":"%s","dueDate":"%s"}
                """.formatted(allianceId, owner, clock.today().plusDays(120)));
    }

    static long distinctIds(TopicProbe probe, String obligationId, EventType type) {
        return eventsOf(probe, obligationId, type).stream().map(CloudEvent::id).distinct().count();
    }

    @Test
    void aTerminationVacatesTheOwnerOnceAcrossTheEventsOfTheSameDepartureAndARescindRestoresThem() throws Exception {
        String owner = "p-owner-" + UUID.randomUUID();
        String allianceId = allianceWithTeam(new TeamMember("PROGRAM_MANAGER", owner));
        String first = report(allianceId, owner);
        String second = report("al-" + UUID.randomUUID(), owner);
        try (TopicProbe probe = new TopicProbe(bootstrap, Topics.OBLIGATION)) {
            String hrId = publish(Topics.HR, owner, EventType.HR_WORKER_TERMINATED, new WorkerTerminated(owner, clock.today(), "RESIGNATION"));
            // alliance-service then vacates the role the person held, carrying the same trigger.
            String vacatedId = publish(Topics.ALLIANCE, allianceId, EventType.ALLIANCE_ROLE_VACATED, new RoleVacated(allianceId, "Helios",
                    "STRATEGIC", "LATE", "PROGRAM_MANAGER", owner, "TERMINATED", clock.today(), hrId, 2));
            // Counted by event id: the outbox relays at least once, consumers drop a repeated id.
            await().atMost(Duration.ofSeconds(15)).until(() -> distinctIds(probe, first, EventType.OBLIGATION_OWNER_VACATED) == 1
                    && distinctIds(probe, second, EventType.OBLIGATION_OWNER_VACATED) == 1);
            await().atMost(Duration.ofSeconds(10)).until(() -> teams.find(allianceId).map(t -> !t.involves(owner)).orElse(false));
            assertThat(vacatedId).isNotNull();
            OwnerVacated vacated = eventsOf(probe, first, EventType.OBLIGATION_OWNER_VACATED).getFirst().dataAs(OwnerVacated.class);
            assertThat(vacated.triggerEventId()).isEqualTo(hrId);
            assertThat(vacated.previousOwnerId()).isEqualTo(owner);
            mvc.perform(get("/api/v1/obligations/" + first).with(admin()))
                    .andExpect(jsonPath("$.ownerVacated").value(true))
                    .andExpect(jsonPath("$.vacatedBy").value(hrId));

            String rescindId = publish(Topics.HR, hrId, EventType.HR_EVENT_RESCINDED, new EventRescinded(hrId));
            await().atMost(Duration.ofSeconds(15)).until(() -> distinctIds(probe, first, EventType.OBLIGATION_OWNER_ASSIGNED) == 1
                    && distinctIds(probe, second, EventType.OBLIGATION_OWNER_ASSIGNED) == 1);
            OwnerAssigned assigned = eventsOf(probe, second, EventType.OBLIGATION_OWNER_ASSIGNED).getFirst().dataAs(OwnerAssigned.class);
            assertThat(assigned.ownerId()).isEqualTo(owner);
            assertThat(assigned.triggerEventId()).isEqualTo(rescindId);
            assertThat(register.get(first).ownerId()).isEqualTo(owner);
            assertThat(distinctIds(probe, first, EventType.OBLIGATION_OWNER_VACATED)).isEqualTo(1);
        }
    }

    @Test
    void aReorgDepartureVacatesAndARedeliveryChangesNothing() throws Exception {
        String owner = "p-owner-" + UUID.randomUUID();
        String id = report("al-" + UUID.randomUUID(), owner);
        String kept = report("al-" + UUID.randomUUID(), "p-stays-" + UUID.randomUUID());
        try (TopicProbe probe = new TopicProbe(bootstrap, Topics.OBLIGATION)) {
            String reorgId = "hr-" + UUID.randomUUID();
            CloudEvent reorg = CloudEvent.of(reorgId, EventType.HR_ORG_REORGANIZED, "/workday", "r-1", clock.instant(),
                    new OrgReorganized("r-" + UUID.randomUUID(), "Oncology split", clock.today(), List.of(),
                            List.of(new OrgReorganized.DepartedWorker(owner))), null);
            publish(Topics.HR, "r-1", reorg);
            publish(Topics.HR, "r-1", reorg);
            await().atMost(Duration.ofSeconds(15)).until(() -> eventsOf(probe, id, EventType.OBLIGATION_OWNER_VACATED).size() == 1);
            assertThat(eventsOf(probe, id, EventType.OBLIGATION_OWNER_VACATED).getFirst().dataAs(OwnerVacated.class).triggerEventId())
                    .isEqualTo(reorgId);
            // A marker after the duplicate: once it is through, a second owner-vacated would be too.
            String marker = "p-marker-" + UUID.randomUUID();
            String markerObligation = report("al-" + UUID.randomUUID(), marker);
            publish(Topics.HR, marker, EventType.HR_WORKER_TERMINATED, new WorkerTerminated(marker, clock.today(), null));
            await().atMost(Duration.ofSeconds(15)).until(() -> eventsOf(probe, markerObligation, EventType.OBLIGATION_OWNER_VACATED).size() == 1);
            assertThat(distinctIds(probe, id, EventType.OBLIGATION_OWNER_VACATED)).isEqualTo(1);
            assertThat(eventsOf(probe, kept, EventType.OBLIGATION_OWNER_VACATED)).isEmpty();
        }
    }

    @Test
    void aRoleVacatedOnlyVacatesObligationsOfThatAlliance() throws Exception {
        String owner = "p-owner-" + UUID.randomUUID();
        String allianceId = allianceWithTeam(new TeamMember("FINANCE_LEAD", owner));
        String here = report(allianceId, owner);
        String elsewhere = report("al-" + UUID.randomUUID(), owner);
        String transferId = "hr-" + UUID.randomUUID();
        try (TopicProbe probe = new TopicProbe(bootstrap, Topics.OBLIGATION)) {
            publish(Topics.ALLIANCE, allianceId, EventType.ALLIANCE_ROLE_VACATED, new RoleVacated(allianceId, "Helios", "STRATEGIC", "LATE",
                    "FINANCE_LEAD", owner, "TRANSFERRED", clock.today(), transferId, 2));
            await().atMost(Duration.ofSeconds(15)).until(() -> eventsOf(probe, here, EventType.OBLIGATION_OWNER_VACATED).size() == 1);
            assertThat(eventsOf(probe, here, EventType.OBLIGATION_OWNER_VACATED).getFirst().dataAs(OwnerVacated.class).triggerEventId())
                    .isEqualTo(transferId);
            assertThat(register.get(elsewhere).ownerId()).isEqualTo(owner);
        }
    }
}
