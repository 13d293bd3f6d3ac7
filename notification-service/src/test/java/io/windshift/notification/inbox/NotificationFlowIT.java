package io.windshift.notification.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.windshift.contract.CloudEvent;
import io.windshift.contract.EventIds;
import io.windshift.contract.EventType;
import io.windshift.contract.alliance.ChangeImpactAssessed;
import io.windshift.contract.alliance.ChangeImpactAssessed.Finding;
import io.windshift.contract.alliance.GovernanceBody;
import io.windshift.contract.alliance.KeyRoleChanged;
import io.windshift.contract.alliance.PartnerNotice;
import io.windshift.contract.alliance.RoleVacated;
import io.windshift.contract.hr.WorkerTerminated;
import io.windshift.contract.obligation.MilestoneDue;
import io.windshift.contract.obligation.OccurrenceClosed;
import io.windshift.contract.obligation.OccurrenceRescheduled;
import io.windshift.contract.obligation.OwnerVacated;
import io.windshift.notification.NotificationIntegrationTest;
import io.windshift.notification.delivery.DeliveryWorker;
import io.windshift.notification.escalation.EscalationJob;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MvcResult;

/** Every rule end to end on the real broker: grouping per trigger, revisions, rescinds, cancellation, escalation. */
class NotificationFlowIT extends NotificationIntegrationTest {

    static final Duration WAIT = Duration.ofSeconds(20);

    @Autowired Inbox inbox;
    @Autowired DeliveryWorker worker;
    @Autowired EscalationJob escalation;
    @Autowired io.windshift.notification.audience.Audience audience;

    @Test
    void aReorgGivesEachPersonOneNotificationListingAllTheirAlliancesEvenWhenEverythingIsRedelivered() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String lead = "p-lead-" + run, am = "p-am-" + run, sponsor = "p-sponsor-" + run;
        String a = "al-a-" + run, b = "al-b-" + run;
        publish(registered(a, "Helios " + run, "STRATEGIC", List.of(member("PARTNERSHIP_LEAD", lead), member("ALLIANCE_MANAGER", am),
                member("EXECUTIVE_SPONSOR", sponsor)), List.of()));
        publish(registered(b, "Borealis " + run, "STANDARD", List.of(member("PARTNERSHIP_LEAD", lead), member("ALLIANCE_MANAGER", am)), List.of()));
        awaitProjected(a, b);
        CloudEvent terminated = CloudEvent.of(EventIds.random(), EventType.HR_WORKER_TERMINATED, "/test", am, now(),
                new WorkerTerminated(am, LocalDate.parse("2026-12-01"), "RESIGNED"), null);
        String trigger = terminated.id();
        List<CloudEvent> caused = List.of(
                vacated(a, "Helios " + run, "STRATEGIC", am, trigger, 2),
                vacated(b, "Borealis " + run, "STANDARD", am, trigger, 2),
                impact(trigger, a, "Helios " + run, "STRATEGIC", 1, "OPEN", "CRITICAL", am, "Name a new alliance manager for Helios"),
                impact(trigger, b, "Borealis " + run, "STANDARD", 1, "OPEN", "MEDIUM", am, "Name a new alliance manager for Borealis"),
                CloudEvent.of(EventIds.derived(trigger, "ob-" + run), EventType.OBLIGATION_OWNER_VACATED, "/test", "ob-" + run, now(),
                        new OwnerVacated("ob-" + run, b, "Royalty report " + run, am, "TERMINATED", trigger), null),
                impact(trigger, b, "Borealis " + run, "STANDARD", 2, "OPEN", "HIGH", am, "Name a new owner for Royalty report"));
        publish(terminated);
        for (int round = 0; round < 2; round++) {
            caused.forEach(this::publish);
        }

        await().atMost(WAIT).untilAsserted(() -> mvc.perform(get("/api/v1/notifications").with(person(lead)))
                .andExpect(jsonPath("$.items", hasSize(1)))
                .andExpect(jsonPath("$.items[0].id").value(Inbox.notificationId(trigger, lead)))
                .andExpect(jsonPath("$.items[0].sourceEventId").value(trigger))
                .andExpect(jsonPath("$.items[0].allianceIds", containsInAnyOrder(a, b)))
                .andExpect(jsonPath("$.items[0].severity").value("CRITICAL"))
                .andExpect(jsonPath("$.items[0].title").value("Changes on 2 of your alliances need action"))
                .andExpect(jsonPath("$.items[0].body", containsString("Name a new owner for Royalty report")))
                .andExpect(jsonPath("$.items[0].body", containsString("no longer owns \"Royalty report " + run)))
                .andExpect(jsonPath("$.items[0].links", containsInAnyOrder("/api/v1/impacts/imp-" + trigger + "-" + a,
                        "/api/v1/impacts/imp-" + trigger + "-" + b, "/api/v1/alliances/" + a, "/api/v1/alliances/" + b, "/api/v1/obligations/ob-" + run))));
        await().atMost(WAIT).untilAsserted(() -> mvc.perform(get("/api/v1/notifications").with(person(sponsor)))
                .andExpect(jsonPath("$.items", hasSize(1)))
                .andExpect(jsonPath("$.items[0].allianceIds", containsInAnyOrder(a))));
        mvc.perform(get("/api/v1/notifications/" + Inbox.notificationId(trigger, "p-head")).with(person("p-head")))
                .andExpect(status().isOk()).andExpect(jsonPath("$.allianceIds", containsInAnyOrder(a)));
        mvc.perform(get("/api/v1/notifications").with(person(am))).andExpect(jsonPath("$.items", hasSize(0)));

        publish(impact(trigger, a, "Helios " + run, "STRATEGIC", 3, "RESCINDED", "CRITICAL", am));
        publish(impact(trigger, b, "Borealis " + run, "STANDARD", 3, "RESCINDED", "HIGH", am));
        await().atMost(WAIT).ignoreException(java.util.NoSuchElementException.class).untilAsserted(() -> assertThat(inbox.find(lead, Inbox.notificationId(trigger, lead)).orElseThrow().body())
                .contains("affected Helios " + run + " was rescinded", "affected Borealis " + run + " was rescinded"));
        mvc.perform(get("/api/v1/notifications").with(person(lead))).andExpect(jsonPath("$.items", hasSize(1)));
    }

    @Test
    void aSponsorChangeReachesTheTeamAndTheGovernanceBodyOnceEachWithThePartnerNoticeDueDate() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String lead = "p-lead-" + run, jsc = "p-jsc-" + run, newSponsor = "p-new-" + run, al = "al-" + run;
        publish(registered(al, "Aurora " + run, "STRATEGIC", List.of(member("PARTNERSHIP_LEAD", lead), member("EXECUTIVE_SPONSOR", "p-old-" + run)),
                List.of(new GovernanceBody("JSC", "Joint steering committee", List.of(jsc, lead), List.of("partner@example.com"), "QUARTERLY", null))));
        String eventId = EventIds.random();
        publish(CloudEvent.of(eventId, EventType.ALLIANCE_SPONSOR_CHANGED, "/test", al, now(), new KeyRoleChanged(al, "Aurora " + run, "STRATEGIC",
                "LATE", "EXECUTIVE_SPONSOR", "p-old-" + run, newSponsor, "ASSIGNED", LocalDate.parse("2026-11-20"),
                List.of(new PartnerNotice("AGR-9", "12.3", 30, LocalDate.parse("2026-12-20"))), eventId, 2), null));

        for (String who : List.of(lead, jsc, newSponsor)) {
            await().atMost(WAIT).untilAsserted(() -> mvc.perform(get("/api/v1/notifications").with(person(who)))
                    .andExpect(jsonPath("$.items", hasSize(1)))
                    .andExpect(jsonPath("$.items[0].type").value("alliance.sponsor-changed"))
                    .andExpect(jsonPath("$.items[0].sourceEventId").value(eventId))
                    .andExpect(jsonPath("$.items[0].body", containsString("by 2026-12-20"))));
        }
    }

    @Test
    void remindersOfAFulfilledOrMovedOccurrenceAreCancelledBeforeDeliveryAndTheNewDateIsRemindedInstead() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String owner = "p-owner-" + run, fin = "p-fin-" + run, al = "al-" + run;
        publish(hired(owner, owner + "@example.com", null));
        publish(hired(fin, fin + "@example.com", null));
        publish(registered(al, "Zephyr " + run, "STANDARD", List.of(member("PARTNERSHIP_LEAD", "p-pl-" + run), member("FINANCE_LEAD", fin)), List.of()));
        awaitProjected(al);
        LocalDate d1 = LocalDate.parse("2027-01-10"), d2 = LocalDate.parse("2027-02-10"), d3 = LocalDate.parse("2027-03-10");
        publish(due(al, "oc1-" + run, owner, d1, 7));
        publish(due(al, "oc2-" + run, owner, d2, 30));
        await().atMost(WAIT).untilAsserted(() -> mvc.perform(get("/api/v1/notifications").with(person(fin))).andExpect(jsonPath("$.items", hasSize(2))));

        publish(CloudEvent.of(EventIds.random(), EventType.OBLIGATION_FULFILLED, "/test", "ob-oc1-" + run, now(), new OccurrenceClosed("ob-oc1-" + run,
                "oc1-" + run, al, "Milestone", d1, now(), "EARLY", new BigDecimal("100"), "EUR", "invoice INV-1", null), null));
        publish(CloudEvent.of(EventIds.random(), EventType.OBLIGATION_RESCHEDULED, "/test", "ob-oc2-" + run, now(),
                new OccurrenceRescheduled("ob-oc2-" + run, "oc2-" + run, al, "Milestone", d2, d3), null));
        await().atMost(WAIT).untilAsserted(() -> assertThat(inbox.page(owner, false, 0, 10))
                .allSatisfy(n -> {
                    assertThat(n.cancelledAt()).isNotNull();
                    assertThat(n.deliveries()).extracting(d -> d.status().name()).containsOnly("CANCELLED");
                    assertThat(n.body()).containsAnyOf("Reminder withdrawn: fulfilled", "Reminder withdrawn: moved from 2027-02-10 to 2027-03-10");
                }));
        publish(due(al, "oc2-" + run, owner, d3, 30));
        await().atMost(WAIT).untilAsserted(() -> assertThat(inbox.page(owner, false, 0, 10)).hasSize(3));

        while (worker.drain() > 0) {
            // Other tests' pending deliveries share the queue; drain it all.
        }
        await().atMost(WAIT).untilAsserted(() -> assertThat(mailsTo(owner + "@example.com")).hasSize(1));
        MimeMessage mail = mailsTo(owner + "@example.com").getFirst();
        assertThat(mail.getSubject()).contains("due in 30 days");
        assertThat(mail.getContent().toString()).contains("due on 2027-03-10", "/api/v1/obligations/ob-oc2-" + run);
        assertThat(mailsTo(fin + "@example.com")).hasSize(1);
        Notification delivered = inbox.page(owner, false, 0, 10).stream().filter(n -> n.cancelledAt() == null).findFirst().orElseThrow();
        assertThat(delivered.deliveries()).singleElement().satisfies(d -> {
            assertThat(d.channel()).isEqualTo("EMAIL");
            assertThat(d.status()).isEqualTo(Delivery.Status.SENT);
            assertThat(d.attempts()).isEqualTo(1);
        });
        worker.drain();
        assertThat(mailsTo(owner + "@example.com")).as("sent once").hasSize(1);
    }

    @Test
    void aReminderThatArrivesBeforeTheAlliancesRegistrationReachesTheFinanceLeadOnceTheTeamIsKnown() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String owner = "p-owner-" + run, fin = "p-fin-" + run, al = "al-late-" + run;
        publish(due(al, "oc-" + run, owner, LocalDate.parse("2027-01-10"), 7));
        await().atMost(WAIT).untilAsserted(() -> mvc.perform(get("/api/v1/notifications").with(person(owner))).andExpect(jsonPath("$.items", hasSize(1))));
        mvc.perform(get("/api/v1/notifications").with(person(fin))).andExpect(jsonPath("$.items", hasSize(0)));

        publish(registered(al, "Late " + run, "STANDARD", List.of(member("PARTNERSHIP_LEAD", "p-pl-" + run), member("FINANCE_LEAD", fin)), List.of()));
        await().atMost(WAIT).untilAsserted(() -> mvc.perform(get("/api/v1/notifications").with(person(fin))).andExpect(jsonPath("$.items", hasSize(1))));
        mvc.perform(get("/api/v1/notifications").with(person(owner))).andExpect(jsonPath("$.items", hasSize(1)));
    }

    @Test
    void anUnreadCriticalNotificationEscalatesToTheManagerOnceAndAReadOneDoesNot() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String lead = "p-lead-" + run, boss = "p-boss-" + run, sponsor = "p-sponsor-" + run, al = "al-" + run;
        publish(hired(lead, null, boss));
        publish(hired(sponsor, null, boss));
        publish(registered(al, "Nimbus " + run, "STRATEGIC", List.of(member("PARTNERSHIP_LEAD", lead), member("EXECUTIVE_SPONSOR", sponsor)), List.of()));
        String trigger = "hr-" + run;
        publish(impact(trigger, al, "Nimbus " + run, "STRATEGIC", 1, "OPEN", "CRITICAL", "p-gone-" + run, "Name a new alliance manager"));
        await().atMost(WAIT).until(() -> inbox.find(sponsor, Inbox.notificationId(trigger, sponsor)).isPresent()
                && inbox.find(lead, Inbox.notificationId(trigger, lead)).isPresent());
        mvc.perform(post("/api/v1/notifications/" + Inbox.notificationId(trigger, sponsor) + "/read").with(person(sponsor))).andExpect(status().isOk());

        time().advance(Duration.ofHours(3));
        escalation.escalateDue();
        assertThat(inbox.find(lead, Inbox.notificationId(trigger, lead)).orElseThrow().escalatedAt()).isNull();

        time().advance(Duration.ofHours(2));
        escalation.escalateDue();
        escalation.escalateDue();
        mvc.perform(get("/api/v1/notifications/" + Inbox.notificationId(trigger, lead)).with(person(lead)))
                .andExpect(jsonPath("$.escalated").value(true));
        assertThat(inbox.find(sponsor, Inbox.notificationId(trigger, sponsor)).orElseThrow().escalatedAt()).as("read in time").isNull();
        mvc.perform(get("/api/v1/notifications").with(person(boss)))
                .andExpect(jsonPath("$.items", hasSize(1)))
                .andExpect(jsonPath("$.items[0].title").value(containsString("Escalated")))
                .andExpect(jsonPath("$.items[0].body", containsString(lead + ") has not acted")));
        assertThat(inbox.find(boss, Inbox.notificationId(trigger, boss)).orElseThrow().facts()).hasSize(1);
    }

    @Test
    void aDepartedPersonReceivesNothingUntilHrRescindsTheDeparture() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String lead = "p-lead-" + run, al = "al-" + run;
        publish(hired(lead, lead + "@example.com", null));
        String witness = "p-am-" + run;
        publish(registered(al, "Cirrus " + run, "STANDARD", List.of(member("PARTNERSHIP_LEAD", lead), member("ALLIANCE_MANAGER", witness)), List.of()));
        CloudEvent terminated = CloudEvent.of(EventIds.random(), EventType.HR_WORKER_TERMINATED, "/test", lead, now(),
                new WorkerTerminated(lead, LocalDate.parse("2026-12-01"), "RESIGNED"), null);
        publish(terminated);
        await().atMost(WAIT).until(() -> audience.departed(lead));
        publish(impact("t1-" + run, al, "Cirrus " + run, "STANDARD", 1, "OPEN", "HIGH", "p-x", "Act"));
        // The witness hears about t1, so t1 has been handled before HR takes the departure back.
        await().atMost(WAIT).until(() -> inbox.find(witness, Inbox.notificationId("t1-" + run, witness)).isPresent());

        publish(CloudEvent.of(EventIds.random(), EventType.HR_EVENT_RESCINDED, "/test", lead, now(),
                new io.windshift.contract.hr.EventRescinded(terminated.id()), null));
        await().atMost(WAIT).until(() -> !audience.departed(lead));
        publish(impact("t2-" + run, al, "Cirrus " + run, "STANDARD", 1, "OPEN", "HIGH", "p-x", "Act"));
        await().atMost(WAIT).untilAsserted(() -> mvc.perform(get("/api/v1/notifications").with(person(lead)))
                .andExpect(jsonPath("$.items", hasSize(1)))
                .andExpect(jsonPath("$.items[0].sourceEventId").value("t2-" + run)));
    }

    @Test
    void preferencesAreAPersonsOwnAndValidatedField() throws Exception {
        String me = "p-prefs-" + UUID.randomUUID();
        mvc.perform(get("/api/v1/preferences").with(person(me))).andExpect(status().isOk())
                .andExpect(jsonPath("$.channels.ALLIANCE_CHANGE", containsInAnyOrder("IN_APP", "EMAIL")));
        mvc.perform(put("/api/v1/preferences").with(person(me)).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"timeZone\":\"Mars/Olympus\",\"channels\":{\"ALLIANCE_CHANGE\":[\"IN_APP\",\"WEBHOOK\"]},\"quietHoursStart\":\"25:00\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", containsInAnyOrder("timeZone", "quietHoursStart", "quietHoursEnd", "webhookUrl")));
        mvc.perform(get("/api/v1/preferences").with(person(me))).andExpect(jsonPath("$.timeZone").value("UTC"));
        mvc.perform(put("/api/v1/preferences").with(person(me)).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"timeZone\":\"Europe/Zurich\",\"channels\":{\"OBLIGATION\":[\"IN_APP\",\"WEBHOOK\",\"EMAIL\"]},"
                                + "\"minimumSeverity\":\"MEDIUM\",\"quietHoursStart\":\"22:00\",\"quietHoursEnd\":\"07:00\",\"digestEnabled\":true,"
                                + "\"webhookUrl\":\"https://hooks.example.com/x\"}"))
                .andExpect(status().isOk());
        mvc.perform(get("/api/v1/preferences").with(person(me)))
                .andExpect(jsonPath("$.timeZone").value("Europe/Zurich"))
                .andExpect(jsonPath("$.channels.OBLIGATION[1]").value("WEBHOOK"))
                .andExpect(jsonPath("$.quietHoursEnd").value("07:00"));
        mvc.perform(get("/api/v1/preferences")).andExpect(status().isUnauthorized());
        mvc.perform(get("/api/v1/preferences").with(jwt().jwt(j -> j.subject("hr-system").claim("scope", "hr.events:write"))))
                .andExpect(status().isForbidden());
    }

    /** Mass assignment and oversize values (OWASP API3/API4): refused naming the field, nothing stored. */
    @Test
    void preferencesBindNoServerOwnedFieldAndRefuseOversizeValuesStoringNothing() throws Exception {
        String me = "p-prefs-" + UUID.randomUUID();
        String other = "p-someone-else-" + UUID.randomUUID();
        // mass assignment: whose preferences these are comes from the token, never from the body
        mvc.perform(put("/api/v1/preferences").with(person(me)).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"timeZone\":\"Europe/Zurich\",\"recipientId\":\"" + other + "\",\"personId\":\"" + other + "\"}"))
                .andExpect(status().isOk());
        mvc.perform(get("/api/v1/preferences").with(person(other))).andExpect(jsonPath("$.timeZone").value("UTC"));
        mvc.perform(put("/api/v1/preferences").with(person(me)).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"timeZone\":\"Asia/Tokyo\",\"webhookUrl\":\"https://hooks.example.com/" + "x".repeat(3000) + "\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", containsInAnyOrder("webhookUrl")));
        mvc.perform(get("/api/v1/preferences").with(person(me)))
                .andExpect(jsonPath("$.timeZone").value("Europe/Zurich"))
                .andExpect(jsonPath("$.webhookUrl").doesNotExist());
    }

    @Test
    void theLiveStreamPushesChangesAndArchivedItemsLeaveTheInbox() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String lead = "p-lead-" + run, al = "al-" + run;
        publish(registered(al, "Stratus " + run, "STANDARD", List.of(member("PARTNERSHIP_LEAD", lead)), List.of()));
        MvcResult stream = mvc.perform(get("/api/v1/notifications/stream").with(person(lead))).andExpect(request().asyncStarted()).andReturn();
        String trigger = "hr-" + run;
        publish(impact(trigger, al, "Stratus " + run, "STANDARD", 1, "OPEN", "MEDIUM", "p-x", "Check the team"));
        String id = Inbox.notificationId(trigger, lead);
        await().atMost(WAIT).untilAsserted(() -> assertThat(stream.getResponse().getContentAsString())
                .contains("event:ready", "event:notification", "\"id\":\"" + id + "\""));

        mvc.perform(get("/api/v1/notifications/unread-count").with(person(lead))).andExpect(jsonPath("$.unreadCount").value(1));
        mvc.perform(post("/api/v1/notifications/" + id + "/archive").with(person(lead))).andExpect(status().isOk())
                .andExpect(jsonPath("$.archivedAt").isNotEmpty());
        mvc.perform(get("/api/v1/notifications").with(person(lead))).andExpect(jsonPath("$.items", hasSize(0)));
        mvc.perform(get("/api/v1/notifications?archived=true").with(person(lead))).andExpect(jsonPath("$.items", hasSize(1)));
        mvc.perform(get("/api/v1/notifications/unread-count").with(person(lead))).andExpect(jsonPath("$.unreadCount").value(0));
    }

    @Test
    void aPersonOpensAFewLiveStreamsNotAFlood() throws Exception {
        String me = "p-tabs-" + UUID.randomUUID();
        for (int i = 0; i < 5; i++) {
            mvc.perform(get("/api/v1/notifications/stream").with(person(me))).andExpect(request().asyncStarted());
        }
        mvc.perform(get("/api/v1/notifications/stream").with(person(me)))
                .andExpect(status().isTooManyRequests())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(jsonPath("$.status").value(429));
        // Another person is not affected.
        mvc.perform(get("/api/v1/notifications/stream").with(person("p-other-" + UUID.randomUUID()))).andExpect(request().asyncStarted());
    }

    /** Obligation events travel on another topic than alliance events: let the team projection catch up first. */
    private void awaitProjected(String... allianceIds) {
        await().atMost(WAIT).until(() -> Arrays.stream(allianceIds).allMatch(id -> audience.team(id).isPresent()));
    }

    private List<MimeMessage> mailsTo(String address) {
        return Arrays.stream(SMTP.getReceivedMessages()).filter(m -> {
            try {
                return Arrays.stream(m.getRecipients(Message.RecipientType.TO)).anyMatch(r -> r.toString().equals(address));
            } catch (jakarta.mail.MessagingException e) {
                return false;
            }
        }).toList();
    }

    CloudEvent vacated(String allianceId, String name, String tier, String person, String trigger, long version) {
        return CloudEvent.of(EventIds.derived(trigger, allianceId, "vacated"), EventType.ALLIANCE_ROLE_VACATED, "/test", allianceId, now(),
                new RoleVacated(allianceId, name, tier, "LATE", "ALLIANCE_MANAGER", person, "TERMINATED", LocalDate.parse("2026-12-01"), trigger, version), null);
    }

    CloudEvent impact(String trigger, String allianceId, String name, String tier, int revision, String status, String severity, String gone,
                      String... actions) {
        return CloudEvent.of(EventIds.derived(trigger, allianceId, "impact", Integer.toString(revision)), EventType.ALLIANCE_CHANGE_IMPACT_ASSESSED,
                "/test", allianceId, now(), new ChangeImpactAssessed("imp-" + trigger + "-" + allianceId, trigger, "hr.worker.terminated", allianceId,
                        name, tier, "LATE", severity, status, List.of(new Finding("ALLIANCE_MANAGER_VACANT", "ALLIANCE_MANAGER", gone, null)),
                        List.of(actions), now(), revision), null);
    }

    CloudEvent due(String allianceId, String occurrenceId, String owner, LocalDate dueDate, int lead) {
        return CloudEvent.of(EventIds.derived(occurrenceId, dueDate.toString(), Integer.toString(lead)), EventType.OBLIGATION_MILESTONE_DUE, "/test",
                "ob-" + occurrenceId, now(), new MilestoneDue("ob-" + occurrenceId, occurrenceId, allianceId, "Milestone " + occurrenceId,
                        "MILESTONE_PAYMENT", owner, null, dueDate, lead, new BigDecimal("100"), "EUR", "7.1"), null);
    }
}
