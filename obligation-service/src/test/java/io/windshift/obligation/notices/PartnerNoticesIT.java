package io.windshift.obligation.notices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.windshift.contract.CloudEvent;
import io.windshift.contract.EventType;
import io.windshift.contract.Topics;
import io.windshift.contract.alliance.ImpactActionChanged;
import io.windshift.contract.alliance.KeyRoleChanged;
import io.windshift.contract.alliance.PartnerNotice;
import io.windshift.contract.alliance.TeamMember;
import io.windshift.contract.obligation.OccurrenceClosed;
import io.windshift.contract.obligation.OwnerAssigned;
import io.windshift.messaging.testing.TopicProbe;
import io.windshift.obligation.ObligationServiceIntegrationTest;
import io.windshift.obligation.register.ActionLink;
import io.windshift.obligation.register.Obligation;
import io.windshift.obligation.register.ObligationRegister;
import io.windshift.obligation.register.Occurrence;
import io.windshift.obligation.register.OccurrenceState;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Partner notices from the impact actions alliance-service opens for them, on the real broker: one notice
 * obligation per action however often it is delivered, waived when a person dismisses the action, handed
 * over when it is reassigned; key-role changes no longer create notices of their own.
 */
class PartnerNoticesIT extends ObligationServiceIntegrationTest {

    @Autowired ObligationRegister register;

    String trigger = "hr-" + UUID.randomUUID();
    String impactId = "imp-" + trigger;

    ImpactActionChanged action(String allianceId, String actionId, String change, String state, String seat, String assigneeId,
                               String previousAssigneeId, LocalDate due, String title, String by, String note, int revision) {
        return new ImpactActionChanged(impactId, actionId, trigger, "hr.worker.terminated", allianceId, "Helios oncology", "STRATEGIC",
                PartnerNotices.KIND, seat, "p-departed", title, change, state, assigneeId, previousAssigneeId, due, "agr-3", "4.2",
                "ob-notice-" + actionId, null, by, note, null, null, clock.instant(), "OPEN",
                new ImpactActionChanged.Progress(1, "OPEN".equals(state) ? 1 : 0, 0, "DISMISSED".equals(state) ? 1 : 0), revision);
    }

    CloudEvent event(String allianceId, ImpactActionChanged action) {
        return CloudEvent.of("ev-" + UUID.randomUUID(), EventType.ALLIANCE_IMPACT_ACTION_CHANGED, "/alliance", allianceId, clock.instant(),
                action, null);
    }

    List<Obligation> notices(String allianceId) {
        return register.list(allianceId).stream().filter(o -> o.type().name().equals("PARTNER_NOTICE")).toList();
    }

    @Test
    void aGovernanceSeatNoticeIsRegisteredOnceLinkedToItsActionAndWaivedWhenAPersonDismissesIt() throws Exception {
        String am = "p-am-" + UUID.randomUUID();
        String assignee = "p-lead-" + UUID.randomUUID();
        String allianceId = allianceWithTeam(new TeamMember("ALLIANCE_MANAGER", am), new TeamMember("PARTNERSHIP_LEAD", assignee));
        String actionId = "act-" + UUID.randomUUID();
        String noticeId = "ob-notice-" + actionId;
        LocalDate due = clock.today().plusDays(14);
        String title = "Notify Helios Bio by " + due + " under section 4.2 of agr-3";
        CloudEvent opened = event(allianceId, action(allianceId, actionId, "OPENED", "OPEN", "GOVERNANCE:JSC", assignee, null, due, title,
                "system", null, 1));
        try (TopicProbe probe = new TopicProbe(bootstrap, Topics.OBLIGATION)) {
            // Delivered three times (the outbox relays at least once), then once more under a new event id.
            publish(Topics.ALLIANCE, allianceId, opened);
            publish(Topics.ALLIANCE, allianceId, opened);
            publish(Topics.ALLIANCE, allianceId, opened);
            publish(Topics.ALLIANCE, allianceId, event(allianceId, action(allianceId, actionId, "OPENED", "OPEN", "GOVERNANCE:JSC", assignee,
                    null, due, title, "system", null, 1)));
            // A marker on the same key (same partition, so handled after them): once it is there, they were all handled.
            String markerAction = "act-marker-" + UUID.randomUUID();
            publish(Topics.ALLIANCE, allianceId, event(allianceId, action(allianceId, markerAction, "OPENED", "OPEN", "EXECUTIVE_SPONSOR",
                    null, null, due.plusDays(1), null, "system", null, 1)));
            await().atMost(Duration.ofSeconds(15)).until(() -> register.find("ob-notice-" + markerAction).isPresent());

            assertThat(notices(allianceId)).extracting(Obligation::id).containsExactlyInAnyOrder(noticeId, "ob-notice-" + markerAction);
            Obligation notice = register.get(noticeId);
            assertThat(notice.link()).isEqualTo(new ActionLink(impactId, actionId));
            assertThat(notice.ownerId()).isEqualTo(assignee);
            assertThat(notice.title()).isEqualTo(title);
            assertThat(notice.category().name()).isEqualTo("GOVERNANCE");
            assertThat(notice.direction().name()).isEqualTo("OWED_BY_US");
            assertThat(notice.agreementId()).isEqualTo("agr-3");
            assertThat(notice.clauseRef()).isEqualTo("4.2");
            assertThat(notice.sourceEventId()).isEqualTo(trigger);
            List<Occurrence> occurrences = register.occurrencesOf(notice);
            assertThat(occurrences).hasSize(1);
            assertThat(occurrences.getFirst().dueDate()).isEqualTo(due);
            // Without an assignee the alliance manager from the team projection owns it, under the seat's wording.
            Obligation marker = register.get("ob-notice-" + markerAction);
            assertThat(marker.ownerId()).isEqualTo(am);
            assertThat(marker.title()).isEqualTo("Notify the partner of the executive sponsor change on Helios oncology");

            mvc.perform(get("/api/v1/obligations/" + noticeId).with(person(assignee, "EMPLOYEE")))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.type").value("PARTNER_NOTICE"))
                    .andExpect(jsonPath("$.link.impactId").value(impactId))
                    .andExpect(jsonPath("$.link.actionId").value(actionId))
                    .andExpect(jsonPath("$.ownerId").value(assignee))
                    .andExpect(jsonPath("$.status").value("DUE_SOON"))
                    .andExpect(jsonPath("$.nextDueDate").value(due.toString()))
                    .andExpect(jsonPath("$.occurrences[0].dueDate").value(due.toString()));
            await().atMost(Duration.ofSeconds(10)).until(() -> eventsOf(probe, noticeId, EventType.OBLIGATION_REGISTERED).size() >= 1);

            // A person dismisses the action: the notice is waived with their reason, once, however often that is delivered.
            CloudEvent dismissed = event(allianceId, action(allianceId, actionId, "DISMISSED", "DISMISSED", "GOVERNANCE:JSC", assignee, null,
                    due, title, am, "Helios Bio was told at the JSC of March", 2));
            publish(Topics.ALLIANCE, allianceId, dismissed);
            publish(Topics.ALLIANCE, allianceId, dismissed);
            publish(Topics.ALLIANCE, allianceId, event(allianceId, dismissed.dataAs(ImpactActionChanged.class)));
            await().atMost(Duration.ofSeconds(15)).until(() -> eventsOf(probe, noticeId, EventType.OBLIGATION_WAIVED).size() >= 1);
            OccurrenceClosed waived = eventsOf(probe, noticeId, EventType.OBLIGATION_WAIVED).getFirst().dataAs(OccurrenceClosed.class);
            assertThat(waived.evidence()).isEqualTo("Helios Bio was told at the JSC of March");
            // A marker after the redeliveries: a second waiver would have been tried (and refused) before it.
            String after = "act-after-" + UUID.randomUUID();
            publish(Topics.ALLIANCE, allianceId, event(allianceId, action(allianceId, after, "OPENED", "OPEN", "ALLIANCE_MANAGER", am, null,
                    due, null, "system", null, 1)));
            await().atMost(Duration.ofSeconds(15)).until(() -> register.find("ob-notice-" + after).isPresent());
            Occurrence closed = register.occurrencesOf(register.get(noticeId)).getFirst();
            assertThat(closed.state()).isEqualTo(OccurrenceState.WAIVED);
            assertThat(closed.history()).filteredOn(h -> h.action().equals("WAIVED")).hasSize(1)
                    .first().satisfies(h -> assertThat(h.by()).isEqualTo(am));
            assertThat(eventsOf(probe, noticeId, EventType.OBLIGATION_WAIVED).stream().map(CloudEvent::id).distinct()).hasSize(1);
            mvc.perform(get("/api/v1/obligations/" + noticeId).with(admin()))
                    .andExpect(jsonPath("$.status").value("WAIVED"))
                    .andExpect(jsonPath("$.occurrences[0].status").value("WAIVED"));
        }
    }

    @Test
    void aReassignedActionHandsTheNoticeOverAndADismissalBySystemWaivesNothing() throws Exception {
        String am = "p-am-" + UUID.randomUUID();
        String allianceId = allianceWithTeam(new TeamMember("ALLIANCE_MANAGER", am));
        String actionId = "act-" + UUID.randomUUID();
        String noticeId = "ob-notice-" + actionId;
        LocalDate due = clock.today().plusDays(30);
        publish(Topics.ALLIANCE, allianceId, event(allianceId, action(allianceId, actionId, "OPENED", "OPEN", "ALLIANCE_MANAGER", am, null,
                due, null, "system", null, 1)));
        await().atMost(Duration.ofSeconds(15)).until(() -> register.find(noticeId).isPresent());
        assertThat(register.get(noticeId).title()).isEqualTo("Notify the partner of the alliance manager change on Helios oncology");

        String interim = "p-interim-" + UUID.randomUUID();
        try (TopicProbe probe = new TopicProbe(bootstrap, Topics.OBLIGATION)) {
            publish(Topics.ALLIANCE, allianceId, event(allianceId, action(allianceId, actionId, "ASSIGNED", "OPEN", "ALLIANCE_MANAGER", interim,
                    am, due, null, am, null, 2)));
            await().atMost(Duration.ofSeconds(15)).until(() -> interim.equals(register.get(noticeId).ownerId()));
            await().atMost(Duration.ofSeconds(10)).until(() -> eventsOf(probe, noticeId, EventType.OBLIGATION_OWNER_ASSIGNED).size() >= 1);
            OwnerAssigned assigned = eventsOf(probe, noticeId, EventType.OBLIGATION_OWNER_ASSIGNED).getFirst().dataAs(OwnerAssigned.class);
            assertThat(assigned.previousOwnerId()).isEqualTo(am);
        }

        // Windshift dismissed it itself (a fact arrived): the obligation is left as it is.
        publish(Topics.ALLIANCE, allianceId, event(allianceId, action(allianceId, actionId, "DISMISSED", "DISMISSED", "ALLIANCE_MANAGER",
                interim, null, due, null, "system", "rescinded", 3)));
        String marker = "act-marker-" + UUID.randomUUID();
        publish(Topics.ALLIANCE, allianceId, event(allianceId, action(allianceId, marker, "OPENED", "OPEN", "ALLIANCE_MANAGER", am, null,
                due, null, "system", null, 1)));
        await().atMost(Duration.ofSeconds(15)).until(() -> register.find("ob-notice-" + marker).isPresent());
        assertThat(register.occurrencesOf(register.get(noticeId)).getFirst().state()).isEqualTo(OccurrenceState.OPEN);
    }

    @Test
    void aSponsorChangeNoLongerCreatesANoticeByItselfButStillMovesTheSeat() throws Exception {
        String am = "p-am-" + UUID.randomUUID();
        String allianceId = allianceWithTeam(new TeamMember("ALLIANCE_MANAGER", am), new TeamMember("EXECUTIVE_SPONSOR", "p-old"));
        String newSponsor = "p-new-" + UUID.randomUUID();
        KeyRoleChanged changed = new KeyRoleChanged(allianceId, "Helios oncology", "STRATEGIC", "LATE", "EXECUTIVE_SPONSOR", "p-old", newSponsor,
                "ASSIGNED", clock.today(), List.of(new PartnerNotice("AGR-7", "12.3", 30, clock.today().plusDays(30)),
                new PartnerNotice("AGR-8", "4.1", 10, clock.today().plusDays(10))), trigger, 3);
        publish(Topics.ALLIANCE, allianceId, EventType.ALLIANCE_SPONSOR_CHANGED, changed);
        // The seat moved in the projection: the event was handled.
        await().atMost(Duration.ofSeconds(15)).until(() -> teams.find(allianceId).map(t -> t.holds(newSponsor, "EXECUTIVE_SPONSOR")).orElse(false));
        assertThat(register.list(allianceId)).isEmpty();

        // The notice comes from the action alliance-service opens for it, and the new sponsor sees it.
        String actionId = "act-" + UUID.randomUUID();
        publish(Topics.ALLIANCE, allianceId, event(allianceId, action(allianceId, actionId, "OPENED", "OPEN", "EXECUTIVE_SPONSOR", am, null,
                clock.today().plusDays(30), null, "system", null, 1)));
        await().atMost(Duration.ofSeconds(15)).until(() -> register.list(allianceId).size() == 1);
        mvc.perform(get("/api/v1/obligations").param("allianceId", allianceId).with(person(newSponsor, "EXECUTIVE_SPONSOR")))
                .andExpect(jsonPath("$.total").value(1))
                .andExpect(jsonPath("$.items[0].link.actionId").value(actionId));
    }
}
