package io.windshift.notification.inbox;

import io.windshift.contract.alliance.ChangeImpactAssessed;
import io.windshift.contract.alliance.ChangeImpactAssessed.Finding;
import io.windshift.notification.audience.AllianceTeam;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A change impact on one alliance, told to its partnership lead, alliance manager and executive sponsor
 * (never to the people the findings name as gone) and, for STRATEGIC alliances, to the heads of alliance
 * management. All impacts of one trigger fold into one notification per person; a revision replaces the
 * earlier text of the same impact; a rescind says so. {@code status} OPEN and IN_PROGRESS read alike; a RESOLVED
 * impact suggests nothing more; a revision that only changes the status is quiet. Progress on the impact's actions is folded in by {@link ProgressNotices}.
 */
public final class ImpactNotices {

    static final List<String> AUDIENCE_ROLES = List.of("PARTNERSHIP_LEAD", "ALLIANCE_MANAGER", "EXECUTIVE_SPONSOR");
    static final Set<String> VACANCIES = Set.of("SPONSOR_VACANT", "ALLIANCE_MANAGER_VACANT", "LEAD_VACANT", "GOVERNANCE_SEAT_VACANT",
            "OBLIGATION_OWNER_VACANT");

    private ImpactNotices() {
    }

    public static List<Notice> of(ChangeImpactAssessed impact, String eventId, Instant eventTime, AllianceTeam team, Reach reach) {
        // People a vacancy finding names have left that seat; an over-capacity manager is still there and is told.
        Set<String> gone = impact.findings().stream().filter(f -> VACANCIES.contains(f.kind())).map(Finding::personId)
                .filter(Objects::nonNull).collect(Collectors.toSet());
        List<String> candidates = new ArrayList<>();
        if (team != null) {
            AUDIENCE_ROLES.forEach(role -> candidates.addAll(team.holdersOf(role)));
        }
        if ("STRATEGIC".equals(impact.tier())) {
            candidates.addAll(reach.heads());
        }
        boolean rescinded = "RESCINDED".equals(impact.status());
        // RESOLVED: every action is done or dismissed (or none was ever needed); nothing is left to suggest. A revision
        // that only moves the status (same findings) is folded in quietly (Notification.nothingNew).
        boolean resolved = "RESOLVED".equals(impact.status());
        String change = changeName(impact.triggerType());
        String name = impact.allianceName() == null ? impact.allianceId() : impact.allianceName();
        String title = rescinded ? change + " affecting " + name + " rescinded" : change + " affects " + name;
        String line = rescinded
                ? "The " + change.toLowerCase() + " that affected " + name + " was rescinded; its earlier findings no longer apply and nothing needs doing for it."
                : change + " affects " + name + " (" + impact.tier() + ", " + impact.stage() + "): "
                        + impact.findings().stream().map(f -> finding(f, reach)).collect(Collectors.joining("; ")) + ".";
        Severity severity = Reach.severity(impact.severity(), Severity.MEDIUM);
        return reach.reachable(candidates, gone).stream()
                .map(r -> new Notice(r, impact.triggerEventId(), eventId, "alliance.change-impact-assessed", severity, title, line,
                        impact.allianceId(), name, "impact:" + impact.impactId(), impact.revision(), rescinded,
                        rescinded || resolved ? List.of() : impact.suggestedActions(), "/api/v1/impacts/" + impact.impactId(), null, null, eventTime))
                .toList();
    }

    static String finding(Finding f, Reach reach) {
        if (f.detail() != null && !f.detail().isBlank()) {
            return f.detail();
        }
        String who = f.personId() == null ? "" : " (" + reach.label(f.personId()) + ")";
        return Reach.human(f.kind()) + (f.role() == null ? "" : " " + Reach.human(f.role())) + who;
    }

    static String changeName(String triggerType) {
        return switch (triggerType == null ? "" : triggerType) {
            case "hr.org.reorganized" -> "Reorganisation";
            case "hr.worker.terminated" -> "Departure";
            case "hr.worker.transferred" -> "Transfer";
            case "hr.worker.manager-changed" -> "Reporting-line change";
            case "hr.worker.leave-started" -> "Leave";
            case "hr.worker.leave-ended" -> "Return from leave";
            case "alliance.sponsor-changed" -> "Sponsor change";
            case "alliance.manager-changed" -> "Alliance manager change";
            default -> "Change";
        };
    }
}
