package io.windshift.notification.inbox;

import io.windshift.contract.alliance.KeyRoleChanged;
import io.windshift.contract.alliance.ManagerOverCapacity;
import io.windshift.contract.alliance.PartnerNotice;
import io.windshift.notification.audience.AllianceTeam;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Sponsor and alliance-manager changes go to the whole alliance team (and, for a sponsor, the governance
 * body members), with the partner notices the agreements require and their due dates. An over-capacity
 * manager is told, and so are the heads of alliance management.
 */
public final class KeyRoleNotices {

    private KeyRoleNotices() {
    }

    public static List<Notice> of(KeyRoleChanged changed, String eventType, String eventId, Instant eventTime, AllianceTeam team, Reach reach) {
        boolean sponsor = "alliance.sponsor-changed".equals(eventType);
        List<String> candidates = new ArrayList<>();
        if (team != null) {
            candidates.addAll(team.everyone());
            if (sponsor) {
                candidates.addAll(team.governanceMembers());
            }
        }
        candidates.add(changed.newPersonId());
        String roleName = Reach.human(changed.role() == null ? (sponsor ? "EXECUTIVE_SPONSOR" : "ALLIANCE_MANAGER") : changed.role());
        String name = changed.allianceName() == null ? changed.allianceId() : changed.allianceName();
        boolean vacant = changed.newPersonId() == null;
        String title = vacant ? Reach.capitalise(roleName) + " seat vacant on " + name : "New " + roleName + " on " + name;
        StringBuilder line = new StringBuilder(vacant
                ? reach.label(changed.previousPersonId()) + " is no longer " + roleName + " of " + name + " and nobody holds the seat"
                : reach.label(changed.newPersonId()) + " is now " + roleName + " of " + name
                        + (changed.previousPersonId() == null ? "" : ", replacing " + reach.label(changed.previousPersonId())));
        line.append(changed.effectiveDate() == null ? "" : ", effective " + changed.effectiveDate());
        line.append(changed.reason() == null ? "." : " (" + Reach.human(changed.reason()) + ").");
        List<String> actions = new ArrayList<>();
        for (PartnerNotice notice : changed.partnerNotices()) {
            line.append(" The partner must be told under agreement ").append(notice.agreementId()).append(" clause ").append(notice.clauseRef())
                    .append(" within ").append(notice.noticeDays()).append(" days, by ").append(notice.dueDate()).append('.');
            actions.add("Send the partner notice under " + notice.agreementId() + " clause " + notice.clauseRef() + " by " + notice.dueDate());
        }
        actions.add(vacant ? "Name a new " + roleName + " for " + name : "Introduce the new " + roleName + " to the partner and the governance bodies of " + name);
        Severity severity = vacant && "STRATEGIC".equals(changed.tier()) ? Severity.CRITICAL
                : vacant || !changed.partnerNotices().isEmpty() ? Severity.HIGH : Severity.MEDIUM;
        String trigger = changed.triggerEventId() == null ? eventId : changed.triggerEventId();
        return reach.reachable(candidates, Set.of()).stream()
                .map(r -> new Notice(r, trigger, eventId, eventType, severity, title, line.toString(), changed.allianceId(), name, eventId, 0,
                        false, actions, "/api/v1/alliances/" + changed.allianceId(), null, null, eventTime))
                .toList();
    }

    public static List<Notice> overCapacity(ManagerOverCapacity over, String eventId, Instant eventTime, Reach reach) {
        List<String> candidates = new ArrayList<>();
        candidates.add(over.managerId());
        candidates.addAll(reach.heads());
        String title = "Alliance manager over capacity: " + reach.label(over.managerId());
        String line = reach.label(over.managerId()) + " now leads " + over.strategicAlliances() + " STRATEGIC alliances, above the capacity of "
                + over.capacity() + " (" + String.join(", ", over.allianceIds()) + ").";
        List<String> actions = List.of("Rebalance the portfolio: move a STRATEGIC alliance to another alliance manager or record the exception");
        String trigger = over.triggerEventId() == null ? eventId : over.triggerEventId();
        List<String> alliances = over.allianceIds().isEmpty() ? java.util.Collections.singletonList(null) : over.allianceIds();
        List<Notice> notices = new ArrayList<>();
        for (String recipient : reach.reachable(candidates, Set.of())) {
            for (String allianceId : alliances) {
                // One fact per alliance so that every affected alliance is listed on the notification.
                notices.add(new Notice(recipient, trigger, eventId + "#" + allianceId, "alliance.manager-over-capacity", Severity.HIGH, title,
                        line, allianceId, null, "capacity:" + eventId + ":" + allianceId, 0, false, actions,
                        allianceId == null ? null : "/api/v1/alliances/" + allianceId, null, null, eventTime));
            }
        }
        return notices;
    }
}
