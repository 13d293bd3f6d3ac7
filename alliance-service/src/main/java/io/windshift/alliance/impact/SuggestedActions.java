package io.windshift.alliance.impact;

import io.windshift.alliance.portfolio.Finding;
import io.windshift.alliance.portfolio.ImpactKind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What to do, in plain words, one sentence per vacated seat, with the partner notices that seat's change
 * makes due: "Name an interim executive sponsor for Helios oncology; notify Helios Bio by 2026-12-04 under
 * section 4.2 of agr-3".
 */
final class SuggestedActions {

    private SuggestedActions() {
    }

    static List<String> of(String allianceName, String partner, List<Finding> findings) {
        Map<String, List<Finding>> noticesBySeat = findings.stream().filter(f -> f.kind() == ImpactKind.PARTNER_NOTICE_REQUIRED)
                .sorted(Comparator.comparing(Finding::dueDate, Comparator.nullsLast(Comparator.naturalOrder())))
                .collect(Collectors.groupingBy(f -> f.seat() + "|" + f.personId()));
        List<String> actions = new ArrayList<>();
        for (Finding finding : findings.stream().sorted(Comparator.comparing(Finding::kind)).toList()) {
            String action = finding.kind() == ImpactKind.PARTNER_NOTICE_REQUIRED ? null : titleOf(allianceName, finding);
            if (action == null) {
                continue;
            }
            List<Finding> notices = noticesBySeat.remove(finding.seat() + "|" + finding.personId());
            if (notices != null) {
                action += "; " + notices.stream().map(Finding::detail).collect(Collectors.joining("; "));
            }
            actions.add(action);
        }
        // Notices without a vacancy (a sponsor named through the API): the notice is the action.
        noticesBySeat.values().stream().flatMap(List::stream).map(n -> titleOf(allianceName, n)).forEach(actions::add);
        return actions.stream().distinct().toList();
    }

    /** One finding's action in plain words: "Name an interim executive sponsor for Helios oncology". */
    static String titleOf(String allianceName, Finding finding) {
        return switch (finding.kind()) {
            case SPONSOR_VACANT -> "Name an interim executive sponsor for " + allianceName;
            case ALLIANCE_MANAGER_VACANT -> "Name an interim alliance manager for " + allianceName + suffix(finding.detail(), "suggested interim");
            case LEAD_VACANT -> "Name a partnership lead for " + allianceName + " (single point of accountability)";
            case GOVERNANCE_SEAT_VACANT -> "Fill the " + finding.seat().substring("GOVERNANCE:".length()) + " seat of " + finding.who()
                    + " on " + allianceName + " before its next meeting";
            case ROLE_VACANT -> "Name a new " + finding.seat().toLowerCase().replace('_', ' ') + " for " + allianceName;
            case OBLIGATION_OWNER_VACANT -> "Reassign " + finding.detail() + " on " + allianceName;
            case MANAGER_OVER_CAPACITY -> "Rebalance " + allianceName + ": " + finding.detail();
            case ROLE_HOLDER_MOVED -> "Confirm " + finding.who() + " stays " + finding.seat() + " of " + allianceName + " (" + finding.detail() + ")";
            case ROLE_HOLDER_ON_LEAVE -> "Arrange temporary cover for " + finding.who() + " as " + human(finding.seat()) + " of " + allianceName
                    + " (" + finding.detail() + ")";
            case ROLE_HOLDER_BACK -> "Hand " + human(finding.seat()) + " of " + allianceName + " back to " + finding.who() + " (" + finding.detail() + ")";
            case PARTNER_NOTICE_REQUIRED -> capitalise(finding.detail()) + " (" + finding.seat() + " changed on " + allianceName + ")";
        };
    }

    private static String suffix(String detail, String marker) {
        int at = detail == null ? -1 : detail.indexOf(marker);
        return at < 0 ? "" : " (" + detail.substring(at) + ")";
    }

    private static String human(String seat) {
        return seat.toLowerCase().replace('_', ' ');
    }

    private static String capitalise(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
