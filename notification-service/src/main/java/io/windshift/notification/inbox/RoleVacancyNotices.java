package io.windshift.notification.inbox;

import io.windshift.contract.alliance.RoleVacated;
import io.windshift.notification.audience.AllianceTeam;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Who hears about a vacated role, how urgently, and what they are asked to do. The audience is the
 * accountable people on that alliance (partnership lead, alliance manager, executive sponsor) except the
 * person who left.
 */
public final class RoleVacancyNotices {

    static final List<String> AUDIENCE_ROLES = List.of("PARTNERSHIP_LEAD", "ALLIANCE_MANAGER", "EXECUTIVE_SPONSOR");
    private static final Set<String> ACCOUNTABLE = Set.copyOf(AUDIENCE_ROLES);

    private RoleVacancyNotices() {
    }

    public static List<Notice> of(RoleVacated vacated, String eventId, Instant eventTime, AllianceTeam team, Reach reach) {
        List<String> candidates = new ArrayList<>();
        AUDIENCE_ROLES.forEach(role -> candidates.addAll(team.holdersOf(role)));
        Severity severity = severity(vacated.tier(), vacated.stage(), vacated.role());
        String roleName = humanRole(vacated.role());
        String title = capitalise(roleName) + " role vacated on " + vacated.allianceName();
        String line = reach.label(vacated.personId()) + " left the " + roleName + " role on " + vacated.allianceName()
                + " (" + vacated.tier() + ", " + vacated.stage() + ") effective " + vacated.effectiveDate()
                + " (" + reason(vacated.reason()) + ").";
        List<String> actions = List.of("Name a new " + roleName + " for " + vacated.allianceName());
        String trigger = vacated.triggerEventId() == null ? eventId : vacated.triggerEventId();
        return reach.reachable(candidates, Set.of(vacated.personId())).stream()
                .map(r -> new Notice(r, trigger, eventId, "alliance.role-vacated", severity, title, line, vacated.allianceId(),
                        vacated.allianceName(), eventId, 0, false, actions, "/api/v1/alliances/" + vacated.allianceId(), null, null, eventTime))
                .toList();
    }

    /** Strategic alliances losing an accountable person are critical; late-stage or strategic ones are high. */
    public static Severity severity(String tier, String stage, String role) {
        boolean strategic = "STRATEGIC".equals(tier);
        boolean lateStage = "LATE".equals(stage) || "COMMERCIAL".equals(stage);
        if (strategic && ACCOUNTABLE.contains(role)) {
            return Severity.CRITICAL;
        }
        if (strategic || lateStage) {
            return Severity.HIGH;
        }
        return "LOW_TOUCH".equals(tier) ? Severity.LOW : Severity.MEDIUM;
    }

    private static String humanRole(String role) {
        return role.toLowerCase().replace('_', ' ');
    }

    private static String capitalise(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    private static String reason(String reason) {
        return switch (reason == null ? "" : reason) {
            case "TERMINATED" -> "left the company";
            case "DEPARTED_IN_REORG" -> "departed in a reorganisation";
            case "TRANSFERRED" -> "moved to another role";
            default -> reason == null ? "no reason given" : reason.toLowerCase().replace('_', ' ');
        };
    }
}
