package io.windshift.alliance.impact;

import io.windshift.alliance.portfolio.Alliance;
import io.windshift.alliance.portfolio.Finding;
import io.windshift.alliance.portfolio.ImpactKind;
import io.windshift.alliance.portfolio.Severity;
import io.windshift.alliance.portfolio.Stage;
import io.windshift.alliance.portfolio.Tier;
import io.windshift.contract.EventIds;
import io.windshift.contract.EventType;
import io.windshift.contract.alliance.ChangeImpactAssessed;
import io.windshift.messaging.outbox.OutboxAggregate;
import io.windshift.messaging.outbox.OutboxEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    public enum Status { ASSESSED, RESCINDED }

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
    @Version
    private Long version;
    private final List<OutboxEvent> pendingEvents;

    @PersistenceCreator
    ChangeImpact(String id, String triggerEventId, String triggerType, String allianceId, String allianceName, String partner, Tier tier,
                 Stage stage, Severity severity, Status status, List<Finding> findings, List<String> suggestedActions, List<String> notes,
                 Instant assessedAt, int revision, Long version, List<OutboxEvent> pendingEvents) {
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
        this.version = version;
        this.pendingEvents = new ArrayList<>(pendingEvents == null ? List.of() : pendingEvents);
    }

    /** The id of the impact of {@code triggerEventId} on {@code allianceId}: the same however often it is assessed. */
    public static String idOf(String triggerEventId, String allianceId) {
        return "imp-" + EventIds.derived("impact", triggerEventId, allianceId);
    }

    static ChangeImpact open(String triggerEventId, String triggerType, Alliance alliance) {
        return new ChangeImpact(idOf(triggerEventId, alliance.id()), triggerEventId, triggerType, alliance.id(), alliance.name(),
                alliance.partner(), alliance.tier(), alliance.stage(), Severity.LOW, Status.ASSESSED, List.of(), List.of(), List.of(), null, 0,
                null, List.of());
    }

    /**
     * Adds the findings not already known (the same fact twice counts once) and announces the new revision.
     * Returns false, and changes nothing, when every finding was already there.
     */
    boolean assess(List<Finding> newFindings, Instant now) {
        Map<String, Finding> byKey = new LinkedHashMap<>();
        findings.forEach(f -> byKey.put(f.key(), f));
        boolean changed = false;
        for (Finding finding : newFindings) {
            if (!byKey.containsKey(finding.key())) {
                byKey.put(finding.key(), finding);
                changed = true;
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
        announce(now);
        return true;
    }

    /** The trigger was rescinded: nothing to do any more, and the notes say what was given back. */
    boolean rescind(List<String> restorationNotes, String rescindEventId, Instant now) {
        if (status == Status.RESCINDED) {
            return false;
        }
        status = Status.RESCINDED;
        notes.addAll(restorationNotes);
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
        ChangeImpactAssessed assessed = new ChangeImpactAssessed(id, triggerEventId, triggerType, allianceId, allianceName, tier.name(),
                stage.name(), severity.name(), status.name(),
                findings.stream().map(f -> new ChangeImpactAssessed.Finding(f.kind().name(), f.seat(), f.personId(),
                        f.personName() == null ? f.detail() : f.personName() + ": " + f.detail())).toList(),
                suggestedActions, now, revision);
        pendingEvents.add(OutboxEvent.of(EventType.ALLIANCE_CHANGE_IMPACT_ASSESSED.topic(), allianceId,
                io.windshift.contract.CloudEvent.of(EventIds.derived(id, "revision", Integer.toString(revision)),
                        EventType.ALLIANCE_CHANGE_IMPACT_ASSESSED, "/windshift/alliance-service", allianceId, now, assessed, null)));
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
