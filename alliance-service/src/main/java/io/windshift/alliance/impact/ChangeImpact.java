package io.windshift.alliance.impact;

import io.windshift.alliance.portfolio.Alliance;
import io.windshift.alliance.portfolio.Finding;
import io.windshift.alliance.portfolio.ImpactKind;
import io.windshift.alliance.portfolio.Severity;
import io.windshift.alliance.portfolio.Stage;
import io.windshift.alliance.portfolio.Tier;
import io.windshift.contract.EventIds;
import io.windshift.contract.alliance.ImpactActionChanged;
import io.windshift.messaging.outbox.OutboxAggregate;
import io.windshift.messaging.outbox.OutboxEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * What one triggering change does to one alliance: one record per (trigger, alliance), however many people
 * of the trigger touch it. Later facts of the same trigger (an obligation owner found vacant) revise it;
 * a rescind marks it rescinded. Each revision is announced from this document's outbox.
 */
@Document("change_impacts")
public class ChangeImpact implements OutboxAggregate {

    /** {@code ASSESSED} was stored by earlier versions and is read as what the actions say. */
    public enum Status { OPEN, IN_PROGRESS, RESOLVED, RESCINDED, ASSESSED }

    @Id
    private final String id;
    private final String triggerEventId;
    private final String triggerType;
    private final String allianceId;
    private final String allianceName;
    private final String partner;
    private final Tier tier;
    private final Stage stage;
    private Severity severity;
    private Status status;
    private final List<Finding> findings;
    private List<String> suggestedActions;
    private final List<String> notes;
    private Instant assessedAt;
    private int revision;
    private final List<ImpactAction> actions;
    @Version
    private Long version;
    private final List<OutboxEvent> pendingEvents;

    @PersistenceCreator
    ChangeImpact(String id, String triggerEventId, String triggerType, String allianceId, String allianceName, String partner, Tier tier,
                 Stage stage, Severity severity, Status status, List<Finding> findings, List<String> suggestedActions, List<String> notes,
                 Instant assessedAt, int revision, List<ImpactAction> actions, Long version, List<OutboxEvent> pendingEvents) {
        this.id = id;
        this.triggerEventId = triggerEventId;
        this.triggerType = triggerType;
        this.allianceId = allianceId;
        this.allianceName = allianceName;
        this.partner = partner;
        this.tier = tier;
        this.stage = stage;
        this.severity = severity;
        this.status = status;
        this.findings = new ArrayList<>(findings == null ? List.of() : findings);
        this.suggestedActions = suggestedActions == null ? List.of() : List.copyOf(suggestedActions);
        this.notes = new ArrayList<>(notes == null ? List.of() : notes);
        this.assessedAt = assessedAt;
        this.revision = revision;
        this.actions = new ArrayList<>(actions == null ? List.of() : actions);
        this.version = version;
        if (status == Status.ASSESSED) {
            this.status = statusFromActions();
        }
        this.pendingEvents = new ArrayList<>(pendingEvents == null ? List.of() : pendingEvents);
    }

    /** The id of the impact of {@code triggerEventId} on {@code allianceId}: the same however often it is assessed. */
    public static String idOf(String triggerEventId, String allianceId) {
        return "imp-" + EventIds.derived("impact", triggerEventId, allianceId);
    }

    static ChangeImpact open(String triggerEventId, String triggerType, Alliance alliance) {
        return new ChangeImpact(idOf(triggerEventId, alliance.id()), triggerEventId, triggerType, alliance.id(), alliance.name(),
                alliance.partner(), alliance.tier(), alliance.stage(), Severity.LOW, Status.OPEN, List.of(), List.of(), List.of(), null, 0,
                List.of(), null, List.of());
    }

    /**
     * Adds the findings not already known (the same fact twice counts once) and announces the new revision.
     * Returns false, and changes nothing, when every finding was already there.
     */
    boolean assess(List<Finding> newFindings, Instant now) {
        return assess(newFindings, f -> null, now);
    }

    /** As {@link #assess(List, Instant)}, opening the action {@code planner} gives each new finding that needs one. */
    boolean assess(List<Finding> newFindings, java.util.function.Function<Finding, ImpactAction> planner, Instant now) {
        Map<String, Finding> byKey = new LinkedHashMap<>();
        findings.forEach(f -> byKey.put(f.key(), f));
        boolean changed = false;
        List<ImpactAction> opened = new ArrayList<>();
        for (Finding finding : newFindings) {
            if (!byKey.containsKey(finding.key())) {
                byKey.put(finding.key(), finding);
                changed = true;
                ImpactAction action = status == Status.RESCINDED || !ImpactAction.ACTIONABLE.contains(finding.kind()) ? null : planner.apply(finding);
                if (action != null && action(action.id()).isEmpty()) {
                    opened.add(action);
                }
            }
        }
        if (!changed) {
            return false;
        }
        findings.clear();
        // Most pressing first: the kinds are declared in that order.
        byKey.values().stream().sorted(java.util.Comparator.comparing(Finding::kind)).forEach(findings::add);
        severity = findings.stream().map(f -> Severity.of(tier, stage, f.kind())).reduce(Severity.LOW, Severity::max);
        suggestedActions = SuggestedActions.of(allianceName, partner, findings);
        Status before = status;
        actions.addAll(opened);
        status = statusFromActions();
        announce(now);
        opened.forEach(a -> announceAction(a, "OPENED", null, ImpactAction.SYSTEM, null, now));
        announceResolution(before, now);
        return true;
    }

    /** The trigger was rescinded: nothing to do any more, and the notes say what was given back. */
    boolean rescind(List<String> restorationNotes, String rescindEventId, Instant now) {
        if (status == Status.RESCINDED) {
            return false;
        }
        status = Status.RESCINDED;
        notes.addAll(restorationNotes);
        for (ImpactAction open : actions.stream().filter(ImpactAction::isOpen).toList()) {
            ImpactAction dismissed = open.closed(ImpactAction.State.DISMISSED, ImpactAction.SYSTEM, "DISMISSED",
                    "HR rescinded " + triggerEventId, rescindEventId, "hr.event.rescinded", now);
            replace(dismissed);
            announceAction(dismissed, "DISMISSED", null, ImpactAction.SYSTEM, rescindEventId, now);
        }
        List<String> actions = new ArrayList<>();
        actions.add("No action needed for " + allianceName + ": HR rescinded " + triggerEventId + " (rescind " + rescindEventId + ")"
                + (restorationNotes.isEmpty() ? "" : "; " + String.join("; ", restorationNotes)));
        restorationNotes.stream().filter(n -> n.contains("was not restored")).map(n -> "Check " + allianceName + ": " + n).forEach(actions::add);
        suggestedActions = actions;
        announce(now);
        return true;
    }

    private void announce(Instant now) {
        revision++;
        assessedAt = now;
        pendingEvents.add(ImpactEvents.assessed(this, now));
    }

    /** A person completes an open action; {@link ActionAlreadyClosed} when it is closed already. */
    ImpactAction complete(String actionId, String by, String note, Instant now) {
        return close(actionId, ImpactAction.State.DONE, "COMPLETED", by, note, now);
    }

    /** A person dismisses an open action, with the reason. */
    ImpactAction dismiss(String actionId, String by, String reason, Instant now) {
        return close(actionId, ImpactAction.State.DISMISSED, "DISMISSED", by, reason, now);
    }

    /** Gives an open action to someone else; assigning the current assignee again changes nothing. */
    ImpactAction assign(String actionId, String personId, String by, Instant now) {
        ImpactAction action = openAction(actionId);
        if (personId.equals(action.assigneeId())) {
            return action;
        }
        Status before = status;
        ImpactAction assigned = action.assignedTo(personId, by, now);
        replace(assigned);
        status = statusFromActions();
        announceAction(assigned, "ASSIGNED", action.assigneeId(), by, null, now);
        announceResolution(before, now);
        return assigned;
    }

    /**
     * A fact arrived ({@code key} at {@code seq}): the open actions it settles close, by the system, naming the
     * event. A governance seat closes once per newcomer to its body. Returns the actions closed (none when the
     * fact is older than the vacancy or was seen before).
     */
    List<ImpactAction> settle(ActionFact fact, Instant now) {
        List<ImpactAction> closed = new ArrayList<>();
        java.util.Set<String> newcomers = new java.util.HashSet<>(fact.members());
        Status before = status;
        for (ImpactAction action : List.copyOf(actions)) {
            if (!action.isOpen() || !fact.key().equals(action.closeKey()) || fact.seq() < action.sinceVersion()) {
                continue;
            }
            if (action.kind() == ImpactKind.GOVERNANCE_SEAT_VACANT) {
                String newcomer = newcomers.stream().filter(m -> !action.membersAtVacancy().contains(m)).sorted().findFirst().orElse(null);
                if (newcomer == null) {
                    continue;
                }
                newcomers.remove(newcomer);
            }
            ImpactAction.State to = fact.dismisses() ? ImpactAction.State.DISMISSED : ImpactAction.State.DONE;
            String change = to == ImpactAction.State.DONE ? "COMPLETED" : "DISMISSED";
            ImpactAction done = action.closed(to, ImpactAction.SYSTEM, change, fact.note(), fact.eventId(), fact.eventType(), now);
            replace(done);
            closed.add(done);
        }
        if (!closed.isEmpty()) {
            status = statusFromActions();
            closed.forEach(a -> announceAction(a, a.state() == ImpactAction.State.DONE ? "COMPLETED" : "DISMISSED", null, ImpactAction.SYSTEM,
                    fact.eventId(), now));
            announceResolution(before, now);
        }
        return closed;
    }

    private ImpactAction close(String actionId, ImpactAction.State to, String change, String by, String note, Instant now) {
        ImpactAction action = openAction(actionId);
        Status before = status;
        ImpactAction closed = action.closed(to, by, change, note, null, null, now);
        replace(closed);
        status = statusFromActions();
        announceAction(closed, change, null, by, null, now);
        announceResolution(before, now);
        return closed;
    }

    private ImpactAction openAction(String actionId) {
        ImpactAction action = action(actionId).orElseThrow(() -> new java.util.NoSuchElementException(actionId));
        if (!action.isOpen() || status == Status.RESCINDED) {
            throw new ActionAlreadyClosed(action);
        }
        return action;
    }

    public Optional<ImpactAction> action(String actionId) {
        return actions.stream().filter(a -> a.id().equals(actionId)).findFirst();
    }

    private void replace(ImpactAction changed) {
        for (int i = 0; i < actions.size(); i++) {
            if (actions.get(i).id().equals(changed.id())) {
                actions.set(i, changed);
                return;
            }
        }
    }

    /** RESOLVED when nothing is left open (also when nothing was asked); IN_PROGRESS once anything moved. */
    private Status statusFromActions() {
        if (status == Status.RESCINDED) {
            return Status.RESCINDED;
        }
        if (actions.stream().noneMatch(ImpactAction::isOpen)) {
            return Status.RESOLVED;
        }
        boolean moved = actions.stream().anyMatch(a -> !a.isOpen() || a.handledByHand());
        return moved ? Status.IN_PROGRESS : Status.OPEN;
    }

    public ImpactActionChanged.Progress progress() {
        int done = (int) actions.stream().filter(a -> a.state() == ImpactAction.State.DONE).count();
        int dismissed = (int) actions.stream().filter(a -> a.state() == ImpactAction.State.DISMISSED).count();
        return new ImpactActionChanged.Progress(actions.size(), actions.size() - done - dismissed, done, dismissed);
    }

    private void announceAction(ImpactAction a, String change, String previousAssigneeId, String by, String closedByEventId, Instant now) {
        revision++;
        pendingEvents.add(ImpactEvents.actionChanged(this, a, change, previousAssigneeId, by, closedByEventId, now));
    }

    private void announceResolution(Status before, Instant now) {
        if (status != Status.RESOLVED || before == Status.RESOLVED || actions.isEmpty()) {
            return;
        }
        revision++;
        pendingEvents.add(ImpactEvents.resolved(this, now));
    }

    public List<ImpactAction> actions() {
        return List.copyOf(actions);
    }

    public List<Finding> findingsOf(ImpactKind kind) {
        return findings.stream().filter(f -> f.kind() == kind).toList();
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public List<OutboxEvent> pendingEvents() {
        return pendingEvents;
    }

    public String triggerEventId() {
        return triggerEventId;
    }

    public String triggerType() {
        return triggerType;
    }

    public String allianceId() {
        return allianceId;
    }

    public String allianceName() {
        return allianceName;
    }

    public Tier tier() {
        return tier;
    }

    public Stage stage() {
        return stage;
    }

    public Severity severity() {
        return severity;
    }

    public Status status() {
        return status;
    }

    public List<Finding> findings() {
        return List.copyOf(findings);
    }

    public List<String> suggestedActions() {
        return suggestedActions;
    }

    public List<String> notes() {
        return List.copyOf(notes);
    }

    public Instant assessedAt() {
        return assessedAt;
    }

    public int revision() {
        return revision;
    }
}
