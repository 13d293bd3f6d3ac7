package io.windshift.notification.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.windshift.contract.alliance.ChangeImpactAssessed;
import io.windshift.contract.alliance.ChangeImpactAssessed.Finding;
import io.windshift.contract.alliance.ChangeImpactResolved;
import io.windshift.contract.alliance.ImpactActionChanged;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Progress on impacts folded into the notification of the trigger: revision order, quiet merges, words, totals. */
class ProgressFoldingTest {

    static final Instant NOW = Instant.parse("2026-11-20T10:00:00Z");
    static final Instant LATER = NOW.plusSeconds(3600);
    static final LocalDate DUE = LocalDate.parse("2026-12-01");
    static final Reach REACH = new Reach(id -> "p-ana".equals(id) ? "Ana Ruiz (p-ana)" : id, Set.of("p-gone")::contains, List.of("p-head"));

    static ChangeImpactAssessed impact(String impactId, String allianceId, String name, String status, String... actions) {
        return new ChangeImpactAssessed(impactId, "hr-reorg", "hr.org.reorganized", allianceId, name, "STRATEGIC", "LATE", "HIGH", status,
                List.of(new Finding("SPONSOR_VACANT", "EXECUTIVE_SPONSOR", "p-gone", null)), List.of(actions), NOW, 1);
    }

    static ImpactActionChanged action(String impactId, String actionId, String title, String change, String state, String assignee, String by,
                                      String impactStatus, int total, int open, int done, int dismissed, int revision) {
        return new ImpactActionChanged(impactId, actionId, "hr-reorg", "hr.org.reorganized", "al-1", "Helios oncology", "STRATEGIC",
                "SPONSOR_VACANT", "EXECUTIVE_SPONSOR", "p-gone", title, change, state, assignee, null, DUE, null, null, null, null, by, null,
                null, null, NOW, impactStatus, new ImpactActionChanged.Progress(total, open, done, dismissed), revision);
    }

    static Notice progress(ImpactActionChanged changed, String eventId) {
        return ProgressNotices.progress(changed, eventId, NOW, List.of("p-lead"), REACH).getFirst();
    }

    static Notification heliosNotificationRead() {
        Notice first = ImpactNotices.of(impact("imp-1", "al-1", "Helios oncology", "OPEN", "Name a new executive sponsor", "Notify Helios Bio"),
                "e-1", NOW, NotificationRulesTest.HELIOS, REACH).getFirst();
        Notification n = Notification.first("n", first, NOW);
        n.markRead(NOW);
        return n;
    }

    @Test
    void progressIsQuietItKeepsTheNotificationReadTitledAndUnsent() {
        Notification n = heliosNotificationRead();
        int revisionBefore = n.contentRevision();
        String title = n.title();
        Severity severity = n.severity();

        Notice opened = progress(action("imp-1", "a-1", "Name a new executive sponsor", "OPENED", "OPEN", null, "system", "OPEN", 2, 2, 0, 0, 2), "e-2");
        assertThat(opened.quiet()).isTrue();
        assertThat(n.merge(opened, LATER)).isTrue();

        assertThat(n.readAt()).as("still read").isEqualTo(NOW);
        assertThat(n.contentRevision()).as("nothing to send again").isEqualTo(revisionBefore);
        assertThat(n.updatedAt()).isEqualTo(LATER);
        assertThat(n.title()).as("progress is not another change").isEqualTo(title);
        assertThat(n.severity()).isEqualTo(severity);
        assertThat(n.facts()).extracting(Fact::key).containsExactly("impact:imp-1", "progress:imp-1");
        assertThat(n.body()).contains("Helios oncology: 0 of 2 actions closed; open: Name a new executive sponsor (unassigned, due 2026-12-01)");
    }

    @Test
    void aHigherRevisionReplacesTheProgressAStaleOrRepeatedOneChangesNothing() {
        Notification n = heliosNotificationRead();
        n.merge(progress(action("imp-1", "a-1", "Name a new executive sponsor", "OPENED", "OPEN", null, "system", "OPEN", 3, 3, 0, 0, 2), "e-2"), NOW);
        n.merge(progress(action("imp-1", "a-1", "Name a new executive sponsor", "ASSIGNED", "OPEN", "p-ana", "p-lead", "IN_PROGRESS", 3, 3, 0, 0, 3),
                "e-3"), NOW);
        n.merge(progress(action("imp-1", "a-2", "Notify Helios Bio", "COMPLETED", "DONE", "p-lead", "system", "IN_PROGRESS", 3, 2, 1, 0, 5), "e-5"), NOW);
        n.merge(progress(action("imp-1", "a-3", "Brief the JSC", "DISMISSED", "DISMISSED", null, "p-lead", "IN_PROGRESS", 3, 1, 1, 1, 6), "e-6"), NOW);
        String line = "Helios oncology: 2 of 3 actions closed; open: Name a new executive sponsor (Ana Ruiz, due 2026-12-01).";
        assertThat(progressFact(n).line()).isEqualTo(line);

        Notice stale = progress(action("imp-1", "a-2", "Notify Helios Bio", "OPENED", "OPEN", null, "system", "OPEN", 3, 3, 0, 0, 4), "e-4");
        assertThat(n.merge(stale, NOW)).as("an older revision arriving late").isFalse();
        assertThat(n.merge(progress(action("imp-1", "a-3", "Brief the JSC", "DISMISSED", "DISMISSED", null, "p-lead", "IN_PROGRESS", 3, 1, 1, 1, 6),
                "e-6-again"), NOW)).as("the same revision again").isFalse();
        assertThat(progressFact(n).line()).isEqualTo(line);
        assertThat(progressFact(n).revision()).isEqualTo(6);
        assertThat(n.progress()).isEqualTo(new ProgressSummary(1, 0, 3, 1, 1, 1));
        assertThat(n.actions()).as("a closed action is no longer asked for").containsExactly("Name a new executive sponsor");
    }

    @Test
    void aResolvedImpactSaysSoAndAsksForNothingMoreEvenAtTheRevisionOfItsLastAction() {
        Notification n = heliosNotificationRead();
        n.merge(progress(action("imp-1", "a-1", "Name a new executive sponsor", "COMPLETED", "DONE", "p-ana", "p-ana", "IN_PROGRESS", 2, 1, 1, 0, 4),
                "e-4"), NOW);
        assertThat(n.actions()).containsExactly("Notify Helios Bio");

        Notice resolved = ProgressNotices.resolved(new ChangeImpactResolved("imp-1", "hr-reorg", "hr.org.reorganized", "al-1", "Helios oncology",
                "STRATEGIC", 1, 1, NOW, 4), "e-r", NOW, List.of("p-lead"), REACH).getFirst();
        assertThat(n.merge(resolved, LATER)).as("a resolution wins at the same revision").isTrue();
        assertThat(progressFact(n).line()).isEqualTo("Helios oncology: resolved, every action done or dismissed (1 done, 1 dismissed).");
        assertThat(n.actions()).isEmpty();
        assertThat(n.body()).doesNotContain("What to do");
        assertThat(n.readAt()).isEqualTo(NOW);
        assertThat(n.progress()).isEqualTo(new ProgressSummary(1, 1, 2, 0, 1, 1));

        Notice lateLastAction = progress(action("imp-1", "a-2", "Notify Helios Bio", "DISMISSED", "DISMISSED", null, "p-lead", "RESOLVED", 2, 0, 1, 1, 4),
                "e-4b");
        assertThat(n.merge(lateLastAction, NOW)).isFalse();
        assertThat(progressFact(n).progress().resolved()).isTrue();
    }

    @Test
    void progressTotalsAreSummedOverTheImpactsOfTheNotificationAndNullWithoutAny() {
        Notification n = heliosNotificationRead();
        assertThat(n.progress()).isNull();
        n.merge(ImpactNotices.of(impact("imp-2", "al-2", "Borealis", "OPEN", "Brief the team"), "e-b", NOW, NotificationRulesTest.BOREALIS, REACH)
                .getFirst(), NOW);
        n.merge(progress(action("imp-1", "a-1", "Name a new executive sponsor", "OPENED", "OPEN", null, "system", "OPEN", 2, 2, 0, 0, 2), "e-2"), NOW);
        n.merge(ProgressNotices.resolved(new ChangeImpactResolved("imp-2", "hr-reorg", "hr.org.reorganized", "al-2", "Borealis", "STANDARD", 3, 0,
                NOW, 7), "e-r2", NOW, List.of("p-lead"), REACH).getFirst(), NOW);

        assertThat(n.progress()).isEqualTo(new ProgressSummary(2, 1, 5, 2, 3, 0));
        assertThat(n.title()).isEqualTo("Changes on 2 of your alliances need action");
        assertThat(n.actions()).as("Borealis is resolved").containsExactly("Name a new executive sponsor", "Notify Helios Bio");
    }

    @Test
    void progressNeverStartsANotificationAndSkipsThoseWhoLeft() {
        List<Notice> notices = ProgressNotices.progress(action("imp-1", "a-1", "T", "OPENED", "OPEN", null, "system", "OPEN", 1, 1, 0, 0, 2), "e-2",
                NOW, List.of("p-lead", "p-gone", "p-lead"), REACH);
        assertThat(notices).extracting(Notice::recipientId).containsExactly("p-lead");
        assertThat(notices.getFirst().factKey()).isEqualTo("progress:imp-1");
        assertThat(notices.getFirst().triggerEventId()).isEqualTo("hr-reorg");
        assertThat(Inbox.notificationId(notices.getFirst().triggerEventId(), "p-lead")).as("the notification of the trigger")
                .isEqualTo(Inbox.notificationId("hr-reorg", "p-lead"));
    }

    @Test
    void anActionAssignedByHandIsToldToTheAssigneeOnlyAndNotQuietly() {
        Notice told = ProgressNotices.assigned(action("imp-1", "a-1", "Name a new executive sponsor", "ASSIGNED", "OPEN", "p-ana", "p-lead",
                "IN_PROGRESS", 2, 2, 0, 0, 3), "e-3", NOW, REACH).orElseThrow();
        assertThat(told.recipientId()).isEqualTo("p-ana");
        assertThat(told.quiet()).isFalse();
        assertThat(told.triggerEventId()).isEqualTo("hr-reorg");
        assertThat(told.title()).isEqualTo("Assigned to you on Helios oncology: Name a new executive sponsor");
        assertThat(told.line()).contains("p-lead assigned you \"Name a new executive sponsor\" on Helios oncology, due 2026-12-01");
        assertThat(told.actions()).containsExactly("Name a new executive sponsor");

        Notification theirs = Notification.first("n-ana", told, NOW);
        theirs.markRead(NOW);
        assertThat(theirs.merge(ProgressNotices.assigned(action("imp-1", "a-1", "Name a new executive sponsor", "ASSIGNED", "OPEN", "p-ana",
                "p-head", "IN_PROGRESS", 2, 2, 0, 0, 7), "e-7", NOW, REACH).orElseThrow(), LATER)).isTrue();
        assertThat(theirs.readAt()).as("assigned again: noticed again").isNull();

        assertThat(ProgressNotices.assigned(action("imp-1", "a-1", "T", "ASSIGNED", "OPEN", "p-ana", "system", "OPEN", 1, 1, 0, 0, 2), "e", NOW, REACH))
                .as("by the system").isEmpty();
        assertThat(ProgressNotices.assigned(action("imp-1", "a-1", "T", "ASSIGNED", "OPEN", "p-ana", "p-ana", "OPEN", 1, 1, 0, 0, 2), "e", NOW, REACH))
                .as("to oneself").isEmpty();
        assertThat(ProgressNotices.assigned(action("imp-1", "a-1", "T", "OPENED", "OPEN", "p-ana", "p-lead", "OPEN", 1, 1, 0, 0, 2), "e", NOW, REACH))
                .as("opened, not assigned").isEmpty();
        assertThat(ProgressNotices.assigned(action("imp-1", "a-1", "T", "ASSIGNED", "OPEN", "p-gone", "p-lead", "OPEN", 1, 1, 0, 0, 2), "e", NOW, REACH))
                .as("to someone who left").isEmpty();
    }

    @Test
    void aRevisionThatOnlyMovesTheImpactsStatusIsQuietAndAResolvedOneSuggestsNothing() {
        Notification n = heliosNotificationRead();
        int revisionBefore = n.contentRevision();
        Notice inProgress = ImpactNotices.of(revised("IN_PROGRESS", 2), "e-8", NOW, NotificationRulesTest.HELIOS, REACH).getFirst();
        assertThat(n.merge(inProgress, LATER)).isTrue();
        assertThat(n.readAt()).as("the same findings: nothing new").isEqualTo(NOW);
        assertThat(n.contentRevision()).isEqualTo(revisionBefore);

        Notice resolved = ImpactNotices.of(revised("RESOLVED", 3), "e-9", NOW, NotificationRulesTest.HELIOS, REACH).getFirst();
        assertThat(resolved.actions()).isEmpty();
        assertThat(resolved.rescinded()).isFalse();
        assertThat(n.merge(resolved, LATER)).isTrue();
        assertThat(n.readAt()).isEqualTo(NOW);
        assertThat(n.actions()).isEmpty();

        Notice newFinding = ImpactNotices.of(new ChangeImpactAssessed("imp-1", "hr-reorg", "hr.org.reorganized", "al-1", "Helios oncology", "STRATEGIC",
                "LATE", "HIGH", "IN_PROGRESS", List.of(new Finding("SPONSOR_VACANT", "EXECUTIVE_SPONSOR", "p-gone", null),
                new Finding("OBLIGATION_OWNER_VACANT", null, "p-gone", "Royalty report has no owner")), List.of("Name a new owner"), NOW, 4),
                "e-10", NOW, NotificationRulesTest.HELIOS, REACH).getFirst();
        assertThat(n.merge(newFinding, LATER)).isTrue();
        assertThat(n.readAt()).as("a new finding is news").isNull();
        assertThat(n.contentRevision()).isEqualTo(revisionBefore + 1);
    }

    private static ChangeImpactAssessed revised(String status, int revision) {
        return new ChangeImpactAssessed("imp-1", "hr-reorg", "hr.org.reorganized", "al-1", "Helios oncology", "STRATEGIC", "LATE", "HIGH", status,
                List.of(new Finding("SPONSOR_VACANT", "EXECUTIVE_SPONSOR", "p-gone", null)), List.of("Name a new executive sponsor", "Notify Helios Bio"),
                NOW, revision);
    }

    private static Fact progressFact(Notification n) {
        return n.facts().stream().filter(f -> f.key().equals("progress:imp-1")).findFirst().orElseThrow();
    }
}
