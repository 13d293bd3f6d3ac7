package io.windshift.obligation.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.windshift.contract.CloudEvent;
import io.windshift.contract.EventType;
import io.windshift.contract.Topics;
import io.windshift.contract.hr.WorkerHired;
import io.windshift.contract.obligation.MilestoneDue;
import io.windshift.contract.obligation.ObligationOverdue;
import io.windshift.contract.obligation.OccurrenceRescheduled;
import io.windshift.messaging.testing.TopicProbe;
import io.windshift.obligation.ObligationServiceIntegrationTest;
import io.windshift.obligation.people.Workforce;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

/** Time travel through the scheduler on the real broker: lead times, overdue escalation, catch-up, triggers, recurrence. */
class ReminderSchedulerIT extends ObligationServiceIntegrationTest {

    @Autowired ReminderScheduler scheduler;
    @Autowired Workforce workforce;
    @Autowired org.springframework.data.mongodb.core.MongoTemplate mongo;

    /** (type, occurrence, lead days or -1 for overdue, due date) of every reminder on the topic for one obligation. */
    record Reminder(String type, String occurrenceId, int lead, LocalDate dueDate) {
    }

    static List<Reminder> reminders(TopicProbe probe, String obligationId) {
        return eventsOf(probe, obligationId).stream().filter(e -> e.type().equals(EventType.OBLIGATION_MILESTONE_DUE.wireName())
                || e.type().equals(EventType.OBLIGATION_OVERDUE.wireName())).map(ReminderSchedulerIT::reminder).toList();
    }

    static Reminder reminder(CloudEvent e) {
        if (e.type().equals(EventType.OBLIGATION_OVERDUE.wireName())) {
            ObligationOverdue o = e.dataAs(ObligationOverdue.class);
            return new Reminder("overdue", o.occurrenceId(), -1, o.dueDate());
        }
        MilestoneDue m = e.dataAs(MilestoneDue.class);
        return new Reminder("milestone-due", m.occurrenceId(), m.leadTimeDays(), m.dueDate());
    }

    /** Moves the clock to one hour past 00:00 UTC of {@code day} and runs a pass. */
    void runOn(LocalDate day) {
        clock.travelTo(day.atStartOfDay(ZoneOffset.UTC).toInstant().plus(Duration.ofHours(1)));
        scheduler.runOnce();
    }

    @Test
    void remindsAtEachLeadTimeOnceThenEscalatesToTheOwnersManager() throws Exception {
        String owner = "p-owner-" + UUID.randomUUID();
        String boss = "p-boss-" + UUID.randomUUID();
        publish(Topics.HR, owner, EventType.HR_WORKER_HIRED, new WorkerHired(owner, "Olga Owner", null, "ou-1", boss, clock.today()));
        await().atMost(Duration.ofSeconds(10)).until(() -> workforce.managerOf(owner).isPresent());
        LocalDate due = clock.today().plusDays(40);
        String id = registerObligation(milestonePayment("al-" + UUID.randomUUID(), owner, due.toString(), "100", "EUR"));

        try (TopicProbe probe = new TopicProbe(bootstrap, Topics.OBLIGATION)) {
            scheduler.runOnce();
            runOn(due.minusDays(31));
            assertThat(reminders(probe, id)).isEmpty();
            for (LocalDate day : List.of(due.minusDays(30), due.minusDays(7), due.minusDays(1), due.plusDays(1))) {
                runOn(day);
                scheduler.runOnce();
            }
            runOn(due.plusDays(10));
            await().atMost(Duration.ofSeconds(10)).until(() -> reminders(probe, id).size() >= 4);
            assertThat(reminders(probe, id)).containsExactly(
                    new Reminder("milestone-due", id + "-1", 30, due), new Reminder("milestone-due", id + "-1", 7, due),
                    new Reminder("milestone-due", id + "-1", 1, due), new Reminder("overdue", id + "-1", -1, due));
            ObligationOverdue overdue = eventsOf(probe, id, EventType.OBLIGATION_OVERDUE).getFirst().dataAs(ObligationOverdue.class);
            assertThat(overdue.ownerManagerId()).isEqualTo(boss);
            assertThat(overdue.ownerId()).isEqualTo(owner);
            assertThat(eventsOf(probe, id)).extracting(CloudEvent::id).doesNotHaveDuplicates();
        }
        mvc.perform(get("/api/v1/obligations/" + id).with(admin()))
                .andExpect(jsonPath("$.occurrences[0].status").value("OVERDUE"))
                .andExpect(jsonPath("$.occurrences[0].history[*].action").value(org.hamcrest.Matchers.hasItems("REMINDED", "OVERDUE")));
    }

    @Test
    void afterDowntimeOnlyTheNearestPassedLeadTimeIsSent() throws Exception {
        LocalDate due = clock.today().plusDays(45);
        String id = registerObligation(milestonePayment("al-" + UUID.randomUUID(), "p-owner", due.toString(), "100", "EUR"));
        try (TopicProbe probe = new TopicProbe(bootstrap, Topics.OBLIGATION)) {
            // Down from before the 30-day reminder until three days before the due date: 30 and 7 passed, 7 is sent.
            runOn(due.minusDays(3));
            scheduler.runOnce();
            await().atMost(Duration.ofSeconds(10)).until(() -> !reminders(probe, id).isEmpty());
            // Down again until well past the due date: only the escalation.
            runOn(due.plusDays(20));
            await().atMost(Duration.ofSeconds(10)).until(() -> reminders(probe, id).size() >= 2);
            assertThat(reminders(probe, id)).containsExactly(new Reminder("milestone-due", id + "-1", 7, due),
                    new Reminder("overdue", id + "-1", -1, due));
        }
    }

    /**
     * Registration indexes the reminder before it saves the occurrence (a crash leaves a stale hint, never a lost
     * reminder). A pass that runs in between must keep the fresh hint, not drop it as stale: the reminder was lost
     * that way on a busy machine (the e2e milestone flow).
     */
    @Test
    void aPassBetweenTheIndexEntryAndItsOccurrenceKeepsTheEntryAndTheReminderIsSent() throws Exception {
        LocalDate due = clock.today().plusDays(5);
        String id = registerObligation(milestonePayment("al-" + UUID.randomUUID(), "p-owner", due.toString(), "100", "EUR"));
        org.bson.Document saved = mongo.getCollection("occurrences").findOneAndDelete(com.mongodb.client.model.Filters.eq("_id", id + "-1"));
        assertThat(saved).isNotNull();
        try (TopicProbe probe = new TopicProbe(bootstrap, Topics.OBLIGATION)) {
            scheduler.runOnce();
            mongo.getCollection("occurrences").insertOne(saved);
            scheduler.runOnce();
            await().atMost(Duration.ofSeconds(10)).until(() -> !reminders(probe, id).isEmpty());
            assertThat(reminders(probe, id)).containsExactly(new Reminder("milestone-due", id + "-1", 7, due));
        }
    }

    @Test
    void aMilestoneTriggerMakesThePaymentDueNDaysLater() throws Exception {
        String id = registerObligation("""
                {"allianceId":"al-%s","title":"Milestone on first patient dosed","agreementId":"AGR-7","clauseRef":"7.2(c)",
                 "category":"FINANCIAL","type":"MILESTONE_PAYMENT","direction":"OWED_TO_US","ownerId":"p-owner","leadTimes":[7,1],
                 "amount":1000000,"currency":"USD","trigger":{"milestone":"first patient dosed in Phase 3","dueDaysAfter":45}}
                """.formatted(UUID.randomUUID()));
        LocalDate achieved = clock.today();
        LocalDate due = achieved.plusDays(45);
        try (TopicProbe probe = new TopicProbe(bootstrap, Topics.OBLIGATION)) {
            runOn(clock.today().plusDays(100));
            assertThat(reminders(probe, id)).isEmpty();
            mvc.perform(post("/api/v1/obligations/" + id + "/occurrences/" + id + "-1/trigger").with(admin())
                            .contentType(MediaType.APPLICATION_JSON).content("{\"achievedOn\":\"%s\",\"note\":\"site 12\"}".formatted(achieved)))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.occurrences[0].dueDate").value(due.toString()));
            await().atMost(Duration.ofSeconds(10)).until(() -> eventsOf(probe, id, EventType.OBLIGATION_RESCHEDULED).size() == 1);
            assertThat(eventsOf(probe, id, EventType.OBLIGATION_RESCHEDULED).getFirst().dataAs(OccurrenceRescheduled.class).dueDate()).isEqualTo(due);
            // Recorded late (the clock is already past the due date): it escalates at once, once.
            scheduler.runOnce();
            scheduler.runOnce();
            await().atMost(Duration.ofSeconds(10)).until(() -> !reminders(probe, id).isEmpty());
            assertThat(reminders(probe, id)).containsExactly(new Reminder("overdue", id + "-1", -1, due));
        }
    }

    @Test
    void aRescheduleReplansTheReminders() throws Exception {
        LocalDate due = clock.today().plusDays(40);
        String id = registerObligation(milestonePayment("al-" + UUID.randomUUID(), "p-owner", due.toString(), "100", "EUR"));
        try (TopicProbe probe = new TopicProbe(bootstrap, Topics.OBLIGATION)) {
            runOn(due.minusDays(30));
            LocalDate moved = due.plusDays(60);
            mvc.perform(put("/api/v1/obligations/" + id + "/occurrences/" + id + "-1/due-date").with(admin())
                            .contentType(MediaType.APPLICATION_JSON).content("{\"dueDate\":\"%s\",\"reason\":\"partner asked\"}".formatted(moved)))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.occurrences[0].nextReminderLeadDays").value(30))
                    .andExpect(jsonPath("$.occurrences[0].nextReminderAt").value(moved.minusDays(30) + "T00:00:00Z"));
            runOn(due.minusDays(7));
            runOn(due.minusDays(1));
            runOn(moved.minusDays(30));
            await().atMost(Duration.ofSeconds(10)).until(() -> reminders(probe, id).size() >= 2);
            assertThat(reminders(probe, id)).containsExactly(new Reminder("milestone-due", id + "-1", 30, due),
                    new Reminder("milestone-due", id + "-1", 30, moved));
            OccurrenceRescheduled rescheduled = eventsOf(probe, id, EventType.OBLIGATION_RESCHEDULED).getFirst().dataAs(OccurrenceRescheduled.class);
            assertThat(rescheduled.previousDueDate()).isEqualTo(due);
            assertThat(rescheduled.dueDate()).isEqualTo(moved);
        }
    }

    @Test
    void everyOccurrenceOfARecurrenceRemindsOnItsOwn() throws Exception {
        LocalDate first = clock.today().plusDays(20);
        LocalDate until = first.plusMonths(2);
        String id = registerObligation("""
                {"allianceId":"al-%s","title":"Monthly supply forecast","agreementId":"SUP-1","clauseRef":"4.1","category":"SUPPLY",
                 "type":"SUPPLY_FORECAST","direction":"OWED_BY_US","ownerId":"p-owner","leadTimes":[7],
                 "recurrence":{"frequency":"MONTHLY","firstDueDate":"%s","until":"%s"}}
                """.formatted(UUID.randomUUID(), first, until));
        try (TopicProbe probe = new TopicProbe(bootstrap, Topics.OBLIGATION)) {
            for (int n = 0; n < 3; n++) {
                LocalDate due = first.plusMonths(n);
                runOn(due.minusDays(7));
                runOn(due.plusDays(1));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> reminders(probe, id).size() >= 6);
            assertThat(reminders(probe, id)).containsExactly(
                    new Reminder("milestone-due", id + "-1", 7, first), new Reminder("overdue", id + "-1", -1, first),
                    new Reminder("milestone-due", id + "-2", 7, first.plusMonths(1)), new Reminder("overdue", id + "-2", -1, first.plusMonths(1)),
                    new Reminder("milestone-due", id + "-3", 7, until), new Reminder("overdue", id + "-3", -1, until));
        }
    }
}
