package io.windshift.notification.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.windshift.contract.alliance.RoleVacated;
import io.windshift.notification.audience.AllianceTeam;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RoleVacancyNoticesTest {

    static final AllianceTeam TEAM = new AllianceTeam("al-1", "Helios oncology", "STRATEGIC", "LATE", Map.of(
            "PARTNERSHIP_LEAD", List.of("p-lead"),
            "ALLIANCE_MANAGER", List.of("p-am"),
            "EXECUTIVE_SPONSOR", List.of("p-sponsor"),
            "FINANCE_LEAD", List.of("p-fin")), 3);

    static RoleVacated vacated(String role, String person, String tier, String stage) {
        return new RoleVacated("al-1", "Helios oncology", tier, stage, role, person, "TERMINATED", LocalDate.parse("2026-12-01"), "hr-1", 4);
    }

    @Test
    void theAccountablePeopleExceptTheOneWhoLeftAreTold() {
        List<Notice> notices = RoleVacancyNotices.of(vacated("ALLIANCE_MANAGER", "p-am", "STRATEGIC", "LATE"), "evt-1", Instant.now(), TEAM, RulesFixtures.reach());
        assertThat(notices).extracting(Notice::recipientId).containsExactly("p-lead", "p-sponsor");
        assertThat(notices).allSatisfy(n -> {
            assertThat(n.triggerEventId()).isEqualTo("hr-1");
            assertThat(n.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(n.title()).isEqualTo("Alliance manager role vacated on Helios oncology");
            assertThat(n.line()).contains("p-am left the alliance manager role", "effective 2026-12-01");
            assertThat(n.actions()).containsExactly("Name a new alliance manager for Helios oncology");
            assertThat(n.link()).isEqualTo("/api/v1/alliances/al-1");
        });
    }

    @Test
    void severityFollowsTierStageAndRole() {
        assertThat(RoleVacancyNotices.severity("STRATEGIC", "EARLY", "EXECUTIVE_SPONSOR")).isEqualTo(Severity.CRITICAL);
        assertThat(RoleVacancyNotices.severity("STRATEGIC", "EARLY", "LEGAL")).isEqualTo(Severity.HIGH);
        assertThat(RoleVacancyNotices.severity("STANDARD", "COMMERCIAL", "PARTNERSHIP_LEAD")).isEqualTo(Severity.HIGH);
        assertThat(RoleVacancyNotices.severity("STANDARD", "EARLY", "PARTNERSHIP_LEAD")).isEqualTo(Severity.MEDIUM);
        assertThat(RoleVacancyNotices.severity("LOW_TOUCH", "DISCOVERY", "PROGRAM_MANAGER")).isEqualTo(Severity.LOW);
    }

    @Test
    void notificationsOfOneTriggerGroupAndIgnoreARepeatedFact() {
        Notice first = new Notice("p-lead", "hr-1", "evt-1", "alliance.role-vacated", Severity.HIGH, "A vacated", "line 1", "al-1");
        Notice second = new Notice("p-lead", "hr-1", "evt-2", "alliance.role-vacated", Severity.CRITICAL, "B vacated", "line 2", "al-2");
        Notification notification = Notification.first("n-1", first, Instant.now());
        notification.markRead(Instant.now());

        assertThat(notification.alreadyHas(first)).isTrue();
        notification.merge(second, Instant.now());

        assertThat(notification.allianceIds()).containsExactly("al-1", "al-2");
        assertThat(notification.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(notification.body()).isEqualTo("line 1\nline 2");
        assertThat(notification.merge(second, Instant.now())).as("the same fact again changes nothing").isFalse();
        assertThat(notification.title()).isEqualTo("Changes on 2 of your alliances need action");
        assertThat(notification.readAt()).as("new facts make it unread again").isNull();
        assertThat(Inbox.notificationId("hr-1", "p-lead")).isEqualTo(Inbox.notificationId("hr-1", "p-lead"))
                .isNotEqualTo(Inbox.notificationId("hr-1", "p-sponsor"));
    }
}
