package io.windshift.notification.inbox;

import io.windshift.contract.alliance.RoleVacated;
import io.windshift.notification.audience.AllianceTeam;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

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

    public static List<Notice> of(RoleVacated vacated, String eventId, AllianceTeam team, Function<String, String> labels) {
        Set<String> recipients = new LinkedHashSet<>();
        for (String role : AUDIENCE_ROLES) {
            team.holdersOf(role).stream().filter(p -> !p.equals(vacated.personId())).forEach(recipients::add);
        }
        Severity severity = severity(vacated.tier(), vacated.stage(), vacated.role());
        String roleName = humanRole(vacated.role());
        String title = capitalise(roleName) + " role vacated on " + vacated.allianceName();
        String line = labels.apply(vacated.personId()) + " left the " + roleName + " role on " + vacated.allianceName()
                + " (" + vacated.tier() + ", " + vacated.stage() + ") effective " + vacated.effectiveDate()
                + " (" + reason(vacated.reason()) + "). Name a new " + roleName + " for " + vacated.allianceName() + ".";
        return recipients.stream()
                .map(r -> new Notice(r, vacated.triggerEventId(), eventId, "alliance.role-vacated", severity, title, line, vacated.allianceId()))
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
