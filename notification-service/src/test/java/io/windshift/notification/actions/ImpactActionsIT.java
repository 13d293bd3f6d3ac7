package io.windshift.notification.actions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.windshift.contract.CloudEvent;
import io.windshift.contract.EventIds;
import io.windshift.contract.EventType;
import io.windshift.contract.alliance.ChangeImpactAssessed;
import io.windshift.contract.alliance.ChangeImpactAssessed.Finding;
import io.windshift.contract.alliance.ChangeImpactResolved;
import io.windshift.contract.alliance.ImpactActionChanged;
import io.windshift.notification.NotificationIntegrationTest;
import io.windshift.notification.audience.Audience;
import io.windshift.notification.delivery.DeliveryWorker;
import io.windshift.notification.inbox.Fact;
import io.windshift.notification.inbox.Inbox;
import io.windshift.notification.inbox.Notification;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Impact actions end to end on the real broker: progress folds quietly into the one notification each person
 * has for the trigger (through redeliveries and an older revision arriving late), a hand assignment is told to the
 * assignee, and deadlines remind the assignee once and escalate to their manager once, with two instances passing.
 */
class ImpactActionsIT extends NotificationIntegrationTest {

    static final Duration WAIT = Duration.ofSeconds(20);

    @Autowired Inbox inbox;
    @Autowired Audience audience;
    @Autowired DeliveryWorker worker;
    @Autowired ActionDeadlines deadlines;
    @Autowired ActionDeadlineJob job;

    @Test
    void progressFoldsQuietlyIntoTheOneNotificationEachPersonHasForTheTrigger() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String lead = "p-lead-" + run, sponsor = "p-sponsor-" + run, am = "p-am-" + run, ana = "p-ana-" + run, al = "al-" + run;
        String name = "Helios " + run;
        publish(hired(lead, lead + "@example.com", null));
        publish(hired(ana, ana + "@example.com", null));
        publish(registered(al, name, "STRATEGIC", List.of(member("PARTNERSHIP_LEAD", lead), member("ALLIANCE_MANAGER", am),
                member("EXECUTIVE_SPONSOR", sponsor)), List.of()));
        await().atMost(WAIT).until(() -> audience.team(al).isPresent() && audience.person(ana).isPresent() && audience.person(lead).isPresent());
        String trigger = "hr-" + run, impactId = "imp-" + run;
        LocalDate due = LocalDate.ofInstant(now(), ZoneOffset.UTC).plusDays(20);
        publish(impact(trigger, impactId, al, name, "Name a new alliance manager", "Notify the partner"));
        String leads = Inbox.notificationId(trigger, lead);
        await().atMost(WAIT).until(() -> inbox.find(lead, leads).isPresent() && inbox.find(sponsor, Inbox.notificationId(trigger, sponsor)).isPresent()
                && inbox.find("p-head", Inbox.notificationId(trigger, "p-head")).isPresent());
        mvc.perform(post("/api/v1/notifications/" + leads + "/read").with(person(lead))).andExpect(status().isOk());
        drainAll();
        await().atMost(WAIT).untilAsserted(() -> assertThat(mailsTo(lead)).hasSize(1));

        CloudEvent completedA2 = action(trigger, impactId, al, name, "a2-" + run, "Notify the partner", "COMPLETED", "DONE", lead, lead, due,
                "IN_PROGRESS", 2, 1, 1, 0, 5);
        List<CloudEvent> changes = List.of(
                action(trigger, impactId, al, name, "a1-" + run, "Name a new alliance manager", "OPENED", "OPEN", null, "system", due, "OPEN", 2, 2, 0, 0, 2),
                action(trigger, impactId, al, name, "a2-" + run, "Notify the partner", "OPENED", "OPEN", lead, "system", due, "OPEN", 2, 2, 0, 0, 3),
                action(trigger, impactId, al, name, "a1-" + run, "Name a new alliance manager", "ASSIGNED", "OPEN", ana, lead, due, "IN_PROGRESS", 2, 2, 0, 0, 4),
                completedA2,
                completedA2,
                // Older than what is held (revision 3 < 5), arriving late under a new id: changes nothing, tells nobody.
                newId(action(trigger, impactId, al, name, "a2-" + run, "Notify the partner", "ASSIGNED", "OPEN", "p-x-" + run, lead, due, "IN_PROGRESS",
                        2, 2, 0, 0, 3)));
        changes.forEach(this::publish);
        await().atMost(WAIT).untilAsserted(() -> mvc.perform(get("/api/v1/notifications/" + leads).with(person(lead)))
                .andExpect(jsonPath("$.progress.open").value(1))
                .andExpect(jsonPath("$.progress.done").value(1))
                .andExpect(jsonPath("$.body", containsString(name + ": 1 of 2 actions closed; open: Name a new alliance manager (Name " + ana + ", due " + due + ")")))
                .andExpect(jsonPath("$.actions", hasSize(1)))
                .andExpect(jsonPath("$.actions[0]").value("Name a new alliance manager")));
        mvc.perform(get("/api/v1/notifications").with(person(ana)))
                .andExpect(jsonPath("$.items", hasSize(1)))
                .andExpect(jsonPath("$.items[0].id").value(Inbox.notificationId(trigger, ana)))
                .andExpect(jsonPath("$.items[0].body", containsString("assigned you \"Name a new alliance manager\" on " + name)));

        CloudEvent resolved = CloudEvent.of(EventIds.derived(impactId, "resolved"), EventType.ALLIANCE_CHANGE_IMPACT_RESOLVED, "/test", al, now(),
                new ChangeImpactResolved(impactId, trigger, "hr.worker.terminated", al, name, "STRATEGIC", 2, 0, now(), 6), null);
        publish(action(trigger, impactId, al, name, "a1-" + run, "Name a new alliance manager", "COMPLETED", "DONE", ana, ana, due, "RESOLVED", 2, 0, 2, 0, 6));
        publish(newId(completedA2));
        publish(resolved);
        publish(resolved);

        for (String who : List.of(lead, sponsor, ana)) {
            await().atMost(WAIT).untilAsserted(() -> mvc.perform(get("/api/v1/notifications").with(person(who)))
                    .andExpect(jsonPath("$.items", hasSize(1)))
                    .andExpect(jsonPath("$.items[0].sourceEventId").value(trigger))
                    .andExpect(jsonPath("$.items[0].progress.impacts").value(1))
                    .andExpect(jsonPath("$.items[0].progress.resolvedImpacts").value(1))
                    .andExpect(jsonPath("$.items[0].progress.actions").value(2))
                    .andExpect(jsonPath("$.items[0].progress.open").value(0))
                    .andExpect(jsonPath("$.items[0].progress.done").value(2))
                    .andExpect(jsonPath("$.items[0].progress.dismissed").value(0))
                    .andExpect(jsonPath("$.items[0].actions", hasSize(0)))
                    .andExpect(jsonPath("$.items[0].body", containsString(name + ": resolved, every action done or dismissed"))));
        }
        mvc.perform(get("/api/v1/notifications/" + Inbox.notificationId(trigger, "p-head")).with(person("p-head")))
                .andExpect(jsonPath("$.progress.resolvedImpacts").value(1));
        mvc.perform(get("/api/v1/notifications").with(person("p-x-" + run))).andExpect(jsonPath("$.items", hasSize(0)));
        Notification leadsNow = inbox.find(lead, leads).orElseThrow();
        assertThat(leadsNow.readAt()).as("progress does not make it unread").isNotNull();
        assertThat(leadsNow.facts()).extracting(Fact::key).containsExactly("impact:" + impactId, "progress:" + impactId);
        mvc.perform(get("/api/v1/notifications/unread-count").with(person(lead))).andExpect(jsonPath("$.unreadCount").value(0));

        drainAll();
        await().atMost(WAIT).untilAsserted(() -> assertThat(mailsTo(ana)).hasSize(1));
        assertThat(mailsTo(lead)).as("progress is not sent again").hasSize(1);
        assertThat(deadlines.find("a1-" + run).orElseThrow().state()).isEqualTo("DONE");
        assertThat(deadlines.find("a2-" + run).orElseThrow()).satisfies(d -> {
            assertThat(d.state()).isEqualTo("DONE");
            assertThat(d.revision()).isEqualTo(5);
            assertThat(d.assigneeId()).isEqualTo(lead);
        });
    }

    @Test
    void anOpenActionIsRemindedToItsAssigneeOnceAndEscalatedToTheirManagerOnceWhateverRunsThePass() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String lead = "p-lead-" + run, ana = "p-ana-" + run, boss = "p-boss-" + run, al = "al-" + run;
        String name = "Nimbus " + run;
        publish(hired(ana, ana + "@example.com", boss));
        publish(hired(boss, null, null));
        publish(registered(al, name, "STANDARD", List.of(member("PARTNERSHIP_LEAD", lead)), List.of()));
        await().atMost(WAIT).until(() -> audience.team(al).isPresent() && audience.managerOf(ana).isPresent());
        String trigger = "hr-dl-" + run, impactId = "imp-dl-" + run, a1 = "a1-" + run, a2 = "a2-" + run;
        LocalDate due = LocalDate.ofInstant(now(), ZoneOffset.UTC).plusDays(5);
        publish(impact(trigger, impactId, al, name, "Name a new sponsor", "Brief the team"));
        publish(action(trigger, impactId, al, name, a1, "Name a new sponsor", "OPENED", "OPEN", ana, "system", due, "OPEN", 2, 2, 0, 0, 2));
        publish(action(trigger, impactId, al, name, a2, "Brief the team", "OPENED", "OPEN", ana, "system", due, "OPEN", 2, 2, 0, 0, 3));
        publish(action(trigger, impactId, al, name, a2, "Brief the team", "COMPLETED", "DONE", ana, ana, due, "IN_PROGRESS", 2, 1, 1, 0, 4));
        await().atMost(WAIT).until(() -> deadlines.find(a1).isPresent() && deadlines.find(a2).map(d -> "DONE".equals(d.state())).orElse(false));

        ActionDeadlineJob second = new ActionDeadlineJob(deadlines, inbox, audience, clock, Duration.ofMinutes(2));
        assertThat(bothPass(second)).as("nothing due yet").isZero();
        String anas = Inbox.notificationId(trigger, ana);
        assertThat(inbox.find(ana, anas)).isEmpty();

        time().set(DeadlineRules.remindAt(due, Duration.ofDays(2)).plus(Duration.ofHours(1)));
        assertThat(bothPass(second) + bothPass(second)).as("one reminder, claimed by one instance").isEqualTo(1);
        Notification reminded = inbox.find(ana, anas).orElseThrow();
        assertThat(reminded.facts()).extracting(Fact::key).containsExactly("action-reminder:" + a1 + ":" + due);
        assertThat(reminded.title()).isEqualTo("Due in 2 days on " + name + ": Name a new sponsor");
        assertThat(reminded.readAt()).isNull();
        assertThat(deadlines.find(a1).orElseThrow().remindedTo()).isEqualTo(ana);
        drainAll();
        await().atMost(WAIT).untilAsserted(() -> assertThat(mailsTo(ana)).hasSize(1));
        assertThat(mailsTo(ana).getFirst().getSubject()).contains("Due in 2 days");

        time().set(DeadlineRules.escalateAt(due).plus(Duration.ofHours(1)));
        assertThat(bothPass(second) + bothPass(second)).as("one escalation").isEqualTo(1);
        mvc.perform(get("/api/v1/notifications").with(person(boss)))
                .andExpect(jsonPath("$.items", hasSize(1)))
                .andExpect(jsonPath("$.items[0].id").value(Inbox.notificationId(trigger, boss)))
                .andExpect(jsonPath("$.items[0].category").value("ESCALATION"))
                .andExpect(jsonPath("$.items[0].title").value("Overdue on " + name + ": Name a new sponsor"))
                .andExpect(jsonPath("$.items[0].body", containsString("it is assigned to Name " + ana + " (" + ana + "), escalated to you")));
        assertThat(inbox.find(boss, Inbox.notificationId(trigger, boss)).orElseThrow().facts()).hasSize(1);
        assertThat(inbox.find(ana, anas).orElseThrow().facts()).as("reminded once, and not about the action done in time")
                .extracting(Fact::key).containsExactly("action-reminder:" + a1 + ":" + due);
        assertThat(deadlines.find(a1).orElseThrow().escalatedTo()).isEqualTo(boss);

        time().advance(Duration.ofDays(3));
        assertThat(bothPass(second)).as("nothing more to do").isZero();
        drainAll();
        assertThat(mailsTo(ana)).hasSize(1);
    }

    /** Both instances run a pass at the same moment; returns how many pieces of work they claimed together. */
    private int bothPass(ActionDeadlineJob second) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            int claimed = 0;
            for (Future<Integer> f : pool.invokeAll(List.<Callable<Integer>>of(job::runOnce, second::runOnce))) {
                claimed += f.get();
            }
            return claimed;
        } finally {
            pool.shutdownNow();
        }
    }

    /** The same change under another event id: past the consumer's dedupe, so only the revision can stop it. */
    private static CloudEvent newId(CloudEvent e) {
        return new CloudEvent(e.specversion(), EventIds.random(), e.source(), e.type(), e.subject(), e.time(), e.datacontenttype(), e.data(),
                e.traceparent());
    }

    private void drainAll() {
        while (worker.drain() > 0) {
            // Other tests' deliveries share the queue.
        }
    }

    private List<MimeMessage> mailsTo(String personId) {
        String address = personId + "@example.com";
        return Arrays.stream(SMTP.getReceivedMessages()).filter(m -> {
            try {
                return Arrays.stream(m.getRecipients(Message.RecipientType.TO)).anyMatch(r -> r.toString().equals(address));
            } catch (jakarta.mail.MessagingException e) {
                return false;
            }
        }).toList();
    }

    private CloudEvent impact(String trigger, String impactId, String allianceId, String name, String... actions) {
        return CloudEvent.of(EventIds.derived(impactId, "1"), EventType.ALLIANCE_CHANGE_IMPACT_ASSESSED, "/test", allianceId, now(),
                new ChangeImpactAssessed(impactId, trigger, "hr.worker.terminated", allianceId, name, "STRATEGIC", "LATE", "HIGH", "OPEN",
                        List.of(new Finding("ALLIANCE_MANAGER_VACANT", "ALLIANCE_MANAGER", "p-am-gone", null)), List.of(actions), now(), 1), null);
    }

    private CloudEvent action(String trigger, String impactId, String allianceId, String name, String actionId, String title, String change,
                              String state, String assignee, String by, LocalDate due, String impactStatus, int total, int open, int done,
                              int dismissed, int revision) {
        return CloudEvent.of(EventIds.derived(impactId, actionId, Integer.toString(revision)), EventType.ALLIANCE_IMPACT_ACTION_CHANGED, "/test",
                allianceId, now(), new ImpactActionChanged(impactId, actionId, trigger, "hr.worker.terminated", allianceId, name, "STRATEGIC",
                        "ALLIANCE_MANAGER_VACANT", "ALLIANCE_MANAGER", "p-am-gone", title, change, state, assignee, null, due, null, null, null, null,
                        by, null, null, null, now(), impactStatus, new ImpactActionChanged.Progress(total, open, done, dismissed), revision), null);
    }
}
