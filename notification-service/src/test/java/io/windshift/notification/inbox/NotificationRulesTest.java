package io.windshift.notification.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.windshift.contract.alliance.ChangeImpactAssessed;
import io.windshift.contract.alliance.ChangeImpactAssessed.Finding;
import io.windshift.contract.alliance.KeyRoleChanged;
import io.windshift.contract.alliance.ManagerOverCapacity;
import io.windshift.contract.alliance.PartnerNotice;
import io.windshift.contract.obligation.MilestoneDue;
import io.windshift.contract.obligation.ObligationOverdue;
import io.windshift.contract.obligation.OwnerVacated;
import io.windshift.notification.audience.AllianceTeam;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every rule: who is told, how urgently, with which words, actions and link, and how facts group. */
class NotificationRulesTest {

    static final Instant NOW = Instant.parse("2026-11-20T10:00:00Z");
    static final AllianceTeam HELIOS = new AllianceTeam("al-1", "Helios", "STRATEGIC", "LATE", Map.of(
            "PARTNERSHIP_LEAD", List.of("p-lead"), "ALLIANCE_MANAGER", List.of("p-am"), "EXECUTIVE_SPONSOR", List.of("p-gone"),
            "FINANCE_LEAD", List.of("p-fin"), "LEGAL", List.of("p-legal")), 3, List.of("p-jsc", "p-lead"));
    static final AllianceTeam BOREALIS = new AllianceTeam("al-2", "Borealis", "STANDARD", "EARLY", Map.of(
            "PARTNERSHIP_LEAD", List.of("p-lead"), "ALLIANCE_MANAGER", List.of("p-am2")), 1);

    static ChangeImpactAssessed impact(String impactId, AllianceTeam team, int revision, String status, String severity, String... actions) {
        return new ChangeImpactAssessed(impactId, "hr-reorg", "hr.org.reorganized", team.allianceId(), team.name(), team.tier(), team.stage(),
                severity, status, List.of(new Finding("SPONSOR_VACANT", "EXECUTIVE_SPONSOR", "p-gone", null),
                new Finding("ALLIANCE_MANAGER_VACANT", "ALLIANCE_MANAGER", "p-am", "Alliance manager p-am departed")), List.of(actions), NOW, revision);
    }

    @Test
    void anImpactGoesToLeadManagerAndSponsorMinusTheDepartedPlusHeadsForStrategic() {
        List<Notice> notices = ImpactNotices.of(impact("imp-1", HELIOS, 1, "OPEN", "CRITICAL", "Name a new sponsor"), "e-1", NOW, HELIOS, RulesFixtures.reach());
        assertThat(notices).extracting(Notice::recipientId).containsExactly("p-lead", "p-head");
        Notice notice = notices.getFirst();
        assertThat(notice.triggerEventId()).isEqualTo("hr-reorg");
        assertThat(notice.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(notice.title()).isEqualTo("Reorganisation affects Helios");
        assertThat(notice.line()).contains("sponsor vacant executive sponsor (p-gone)", "Alliance manager p-am departed", "STRATEGIC, LATE");
        assertThat(notice.actions()).containsExactly("Name a new sponsor");
        assertThat(notice.link()).isEqualTo("/api/v1/impacts/imp-1");

        List<Notice> standard = ImpactNotices.of(impact("imp-2", BOREALIS, 1, "OPEN", "MEDIUM"), "e-2", NOW, BOREALIS, RulesFixtures.reach());
        assertThat(standard).extracting(Notice::recipientId).as("p-am is named in the findings; no heads for STANDARD").containsExactly("p-lead", "p-am2");
    }

    @Test
    void severalFactsOnOneAllianceKeepTheFirstTitleAndSayThereIsMore() {
        Notice vacated = RoleVacancyNotices.of(new io.windshift.contract.alliance.RoleVacated("al-1", "Helios", "STRATEGIC", "LATE", "ALLIANCE_MANAGER",
                "p-am", "TERMINATED", LocalDate.parse("2026-12-01"), "hr-reorg", 4), "e-0", NOW, HELIOS, RulesFixtures.reach()).getFirst();
        Notification n = Notification.first("n", vacated, NOW);
        n.merge(ImpactNotices.of(impact("imp-1", HELIOS, 1, "OPEN", "HIGH"), "e-1", NOW, HELIOS, RulesFixtures.reach()).getFirst(), NOW);
        assertThat(n.title()).isEqualTo("Alliance manager role vacated on Helios and 1 more change");
        assertThat(n.allianceIds()).containsExactly("al-1");
    }

    @Test
    void anOverCapacityManagerNamedInAFindingIsStillTold() {
        ChangeImpactAssessed overloaded = new ChangeImpactAssessed("imp-9", "hr-reorg", "hr.org.reorganized", "al-2", "Borealis", "STANDARD", "EARLY",
                "HIGH", "OPEN", List.of(new Finding("MANAGER_OVER_CAPACITY", "ALLIANCE_MANAGER", "p-am2", "p-am2 would lead 6 STRATEGIC alliances")),
                List.of("Rebalance"), NOW, 1);
        assertThat(ImpactNotices.of(overloaded, "e-9", NOW, BOREALIS, RulesFixtures.reach())).extracting(Notice::recipientId)
                .containsExactly("p-lead", "p-am2");
    }

    @Test
    void impactsOfOneTriggerFoldIntoOneNotificationThatGrowsIsRevisedAndSaysWhenRescinded() {
        Notice helios = ImpactNotices.of(impact("imp-1", HELIOS, 1, "OPEN", "HIGH", "Name a new sponsor"), "e-1", NOW, HELIOS, RulesFixtures.reach()).getFirst();
        Notice borealis = ImpactNotices.of(impact("imp-2", BOREALIS, 1, "OPEN", "MEDIUM", "Brief the team"), "e-2", NOW, BOREALIS, RulesFixtures.reach()).getFirst();
        Notification n = Notification.first("n", helios, NOW);
        assertThat(n.merge(borealis, NOW)).isTrue();
        assertThat(n.allianceIds()).containsExactly("al-1", "al-2");
        assertThat(n.title()).isEqualTo("Changes on 2 of your alliances need action");
        assertThat(n.severity()).isEqualTo(Severity.HIGH);
        assertThat(n.body()).contains("Helios", "Borealis", "What to do:", "- Name a new sponsor", "- Brief the team");

        Notice revised = ImpactNotices.of(impact("imp-1", HELIOS, 2, "OPEN", "CRITICAL", "Name a new sponsor", "Name a new owner"), "e-3", NOW, HELIOS,
                RulesFixtures.reach()).getFirst();
        assertThat(n.merge(revised, NOW)).isTrue();
        assertThat(n.facts()).hasSize(2);
        assertThat(n.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(n.actions()).contains("Name a new owner");
        Notice stale = ImpactNotices.of(impact("imp-1", HELIOS, 1, "OPEN", "LOW"), "e-old", NOW, HELIOS, RulesFixtures.reach()).getFirst();
        assertThat(n.merge(stale, NOW)).as("an older revision arriving late changes nothing").isFalse();

        n.merge(ImpactNotices.of(impact("imp-1", HELIOS, 3, "RESCINDED", "CRITICAL"), "e-4", NOW, HELIOS, RulesFixtures.reach()).getFirst(), NOW);
        n.merge(ImpactNotices.of(impact("imp-2", BOREALIS, 2, "RESCINDED", "MEDIUM"), "e-5", NOW, BOREALIS, RulesFixtures.reach()).getFirst(), NOW);
        assertThat(n.title()).isEqualTo("Rescinded: no action needed on Helios, Borealis");
        assertThat(n.body()).contains("was rescinded").doesNotContain("What to do");
    }

    @Test
    void aSponsorChangeReachesTeamAndGovernanceWithPartnerNoticesAndDueDates() {
        KeyRoleChanged changed = new KeyRoleChanged("al-1", "Helios", "STRATEGIC", "LATE", "EXECUTIVE_SPONSOR", "p-old", "p-new", "ASSIGNED",
                LocalDate.parse("2026-11-20"), List.of(new PartnerNotice("AGR-7", "4.2", 30, LocalDate.parse("2026-12-20"))), "evt-s", 5);
        List<Notice> notices = KeyRoleNotices.of(changed, "alliance.sponsor-changed", "evt-s", NOW, HELIOS, RulesFixtures.reach());
        assertThat(notices).extracting(Notice::recipientId)
                .containsExactlyInAnyOrder("p-lead", "p-am", "p-fin", "p-legal", "p-jsc", "p-new");
        Notice n = notices.getFirst();
        assertThat(n.triggerEventId()).isEqualTo("evt-s");
        assertThat(n.title()).isEqualTo("New executive sponsor on Helios");
        assertThat(n.line()).contains("p-new is now executive sponsor of Helios, replacing p-old", "agreement AGR-7 clause 4.2 within 30 days, by 2026-12-20");
        assertThat(n.actions()).first().asString().contains("partner notice", "2026-12-20");
        assertThat(n.severity()).isEqualTo(Severity.HIGH);

        KeyRoleChanged managerGone = new KeyRoleChanged("al-1", "Helios", "STRATEGIC", "LATE", "ALLIANCE_MANAGER", "p-am", null, "TERMINATED",
                LocalDate.parse("2026-11-20"), List.of(), "hr-1", 6);
        List<Notice> manager = KeyRoleNotices.of(managerGone, "alliance.manager-changed", "evt-m", NOW, HELIOS, RulesFixtures.reach());
        assertThat(manager).extracting(Notice::recipientId).doesNotContain("p-jsc", "p-gone").contains("p-lead");
        assertThat(manager.getFirst().triggerEventId()).isEqualTo("hr-1");
        assertThat(manager.getFirst().severity()).isEqualTo(Severity.CRITICAL);
    }

    @Test
    void overCapacityTellsTheManagerAndTheHeadsListingEveryAlliance() {
        ManagerOverCapacity over = new ManagerOverCapacity("p-am", 6, 5, List.of("al-1", "al-2"), "t-1");
        List<Notice> notices = KeyRoleNotices.overCapacity(over, "evt-c", NOW, RulesFixtures.reach());
        Notification forManager = null;
        for (Notice notice : notices.stream().filter(x -> x.recipientId().equals("p-am")).toList()) {
            if (forManager == null) {
                forManager = Notification.first("n", notice, NOW);
            } else {
                forManager.merge(notice, NOW);
            }
        }
        assertThat(notices).extracting(Notice::recipientId).containsOnly("p-am", "p-head");
        assertThat(forManager.allianceIds()).containsExactly("al-1", "al-2");
        assertThat(forManager.body()).contains("6 STRATEGIC alliances, above the capacity of 5");
    }

    @Test
    void remindersGoToOwnerFinanceLeadAndReviewerAndOverdueAlsoToTheOwnersManager() {
        MilestoneDue due = new MilestoneDue("ob-1", "oc-1", "al-1", "Phase 3 milestone", "MILESTONE_PAYMENT", "p-owner", "p-rev",
                LocalDate.parse("2026-12-01"), 7, new BigDecimal("5000000"), "USD", "7.1");
        List<Notice> reminders = ObligationNotices.milestoneDue(due, "md-7", NOW, HELIOS, RulesFixtures.reach());
        assertThat(reminders).extracting(Notice::recipientId).containsExactly("p-owner", "p-fin", "p-rev");
        assertThat(reminders.getFirst().triggerEventId()).as("one notification per occurrence and lead time").isEqualTo("md-7");
        assertThat(reminders.getFirst().severity()).isEqualTo(Severity.MEDIUM);
        assertThat(reminders.getFirst().line()).contains("due on 2026-12-01", "5000000 USD");
        assertThat(reminders.getFirst().link()).isEqualTo("/api/v1/obligations/ob-1");
        assertThat(reminders.getFirst().occurrenceId()).isEqualTo("oc-1");

        ObligationOverdue overdue = new ObligationOverdue("ob-1", "oc-1", "al-1", "Phase 3 milestone", "p-owner", "p-boss",
                LocalDate.parse("2026-12-01"), new BigDecimal("5000000"), "USD");
        List<Notice> escalations = ObligationNotices.overdue(overdue, "od-1", NOW, HELIOS, RulesFixtures.reach());
        assertThat(escalations).extracting(Notice::recipientId).containsExactly("p-owner", "p-fin", "p-boss");
        assertThat(escalations.getFirst().severity()).isEqualTo(Severity.CRITICAL);
    }

    @Test
    void ownerVacatedJoinsTheNotificationOfItsTrigger() {
        OwnerVacated vacated = new OwnerVacated("ob-1", "al-1", "Royalty report", "p-am", "TERMINATED", "hr-reorg");
        List<Notice> notices = ObligationNotices.ownerVacated(vacated, "ov-1", NOW, HELIOS, RulesFixtures.reach());
        assertThat(notices).extracting(Notice::recipientId).containsExactly("p-lead");
        Notice impact = ImpactNotices.of(impact("imp-1", HELIOS, 1, "OPEN", "HIGH"), "e-1", NOW, HELIOS, RulesFixtures.reach()).getFirst();
        assertThat(Inbox.notificationId(notices.getFirst().triggerEventId(), "p-lead")).isEqualTo(Inbox.notificationId(impact.triggerEventId(), "p-lead"));
    }
}
