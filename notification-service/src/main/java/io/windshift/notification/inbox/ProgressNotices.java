package io.windshift.notification.inbox;

import io.windshift.contract.alliance.ChangeImpactResolved;
import io.windshift.contract.alliance.ImpactActionChanged;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Progress on a change impact, folded quietly into the notifications its audience already holds for the
 * trigger (fact {@code progress:<impactId>}, replaced by a higher impact revision), and the one loud notice of
 * this kind: an action assigned by hand is told to its new assignee, in their notification for the same trigger.
 */
public final class ProgressNotices {

    public static final String ASSIGNED_TYPE = "alliance.impact-action-assigned";

    private ProgressNotices() {
    }

    /** The progress after one action changed, for each person of {@code audience} (quiet: nothing is sent again). */
    public static List<Notice> progress(ImpactActionChanged changed, String eventId, Instant eventTime, Collection<String> audience,
                                        Reach reach) {
        ImpactActionChanged.Progress counts = changed.progress() == null ? new ImpactActionChanged.Progress(0, 0, 0, 0) : changed.progress();
        String name = name(changed.allianceName(), changed.allianceId());
        String assignee = changed.assigneeId() == null ? null : nameOf(reach, changed.assigneeId());
        ImpactProgress progress = new ImpactProgress(changed.impactId(), name, counts.total(), counts.open(), counts.done(), counts.dismissed(),
                "RESOLVED".equals(changed.impactStatus()), List.of(new ImpactProgress.ActionState(changed.actionId(), changed.title(), assignee,
                changed.dueDate(), changed.state(), changed.revision())));
        return quiet(trigger(changed.triggerEventId(), eventId), eventId, "alliance.impact-action-changed", changed.allianceId(), name,
                changed.impactId(), changed.revision(), progress, eventTime, audience, reach);
    }

    /** Every action of the impact is done or dismissed: the progress fact says it is resolved. */
    public static List<Notice> resolved(ChangeImpactResolved resolved, String eventId, Instant eventTime, Collection<String> audience, Reach reach) {
        String name = name(resolved.allianceName(), resolved.allianceId());
        ImpactProgress progress = new ImpactProgress(resolved.impactId(), name, resolved.actionsDone() + resolved.actionsDismissed(), 0,
                resolved.actionsDone(), resolved.actionsDismissed(), true, List.of());
        return quiet(trigger(resolved.triggerEventId(), eventId), eventId, "alliance.change-impact-resolved", resolved.allianceId(), name,
                resolved.impactId(), resolved.revision(), progress, eventTime, audience, reach);
    }

    /**
     * An action assigned by hand (not by the system, not to oneself) is told to the assignee: a normal notice
     * in their notification for the trigger, which makes them part of the audience from then on.
     */
    public static Optional<Notice> assigned(ImpactActionChanged changed, String eventId, Instant eventTime, Reach reach) {
        if (!"ASSIGNED".equals(changed.change()) || changed.assigneeId() == null || changed.by() == null || "system".equals(changed.by())
                || changed.assigneeId().equals(changed.by()) || !"OPEN".equals(changed.state())) {
            return Optional.empty();
        }
        String name = name(changed.allianceName(), changed.allianceId());
        StringBuilder line = new StringBuilder(reach.label(changed.by())).append(" assigned you \"").append(changed.title()).append("\" on ")
                .append(name);
        if (changed.dueDate() != null) {
            line.append(", due ").append(changed.dueDate());
        }
        if (changed.previousAssigneeId() != null && !changed.previousAssigneeId().equals(changed.assigneeId())) {
            line.append(", taking it over from ").append(reach.label(changed.previousAssigneeId()));
        }
        if (changed.note() != null && !changed.note().isBlank()) {
            line.append(" (").append(changed.note().strip()).append(')');
        }
        line.append('.');
        Severity severity = "STRATEGIC".equals(changed.tier()) ? Severity.HIGH : Severity.MEDIUM;
        return reach.reachable(List.of(changed.assigneeId()), Set.of()).stream().findFirst()
                .map(r -> new Notice(r, trigger(changed.triggerEventId(), eventId), eventId + "#assigned", ASSIGNED_TYPE, severity,
                        "Assigned to you on " + name + ": " + changed.title(), line.toString(), changed.allianceId(), name,
                        "assigned:" + changed.actionId(), changed.revision(), false, List.of(changed.title()),
                        Notification.IMPACT_LINK + changed.impactId(), null, null, eventTime));
    }

    private static List<Notice> quiet(String trigger, String eventId, String type, String allianceId, String name, String impactId, int revision,
                                      ImpactProgress progress, Instant eventTime, Collection<String> audience, Reach reach) {
        return reach.reachable(audience, Set.of()).stream()
                .map(r -> new Notice(r, trigger, eventId + "#progress", type, Severity.LOW, "Progress on " + name, progress.line(), allianceId,
                        name, "progress:" + impactId, revision, false, List.of(), Notification.IMPACT_LINK + impactId, null, null, eventTime, true,
                        progress))
                .toList();
    }

    private static String trigger(String triggerEventId, String eventId) {
        return triggerEventId == null ? eventId : triggerEventId;
    }

    private static String name(String allianceName, String allianceId) {
        return allianceName == null ? allianceId : allianceName;
    }

    /** "Ana Ruiz" for a person HR named, else the id. */
    static String nameOf(Reach reach, String personId) {
        String label = reach.label(personId);
        String suffix = " (" + personId + ")";
        return label.endsWith(suffix) && label.length() > suffix.length() ? label.substring(0, label.length() - suffix.length()) : label;
    }
}
