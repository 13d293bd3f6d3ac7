package io.windshift.alliance.impact;

import io.windshift.contract.CloudEvent;
import io.windshift.contract.EventIds;
import io.windshift.contract.EventType;
import io.windshift.contract.alliance.ChangeImpactAssessed;
import io.windshift.contract.alliance.ChangeImpactResolved;
import io.windshift.contract.alliance.ImpactActionChanged;
import io.windshift.messaging.outbox.OutboxEvent;
import java.time.Instant;

/** The events one impact announces, each at its own revision and under an id derived from it (a replay repeats the id). */
final class ImpactEvents {

    private static final String SOURCE = "/windshift/alliance-service";

    private ImpactEvents() {
    }

    static OutboxEvent assessed(ChangeImpact i, Instant now) {
        ChangeImpactAssessed assessed = new ChangeImpactAssessed(i.id(), i.triggerEventId(), i.triggerType(), i.allianceId(), i.allianceName(),
                i.tier().name(), i.stage().name(), i.severity().name(), i.status().name(),
                i.findings().stream().map(f -> new ChangeImpactAssessed.Finding(f.kind().name(), f.seat(), f.personId(),
                        f.personName() == null ? f.detail() : f.personName() + ": " + f.detail())).toList(),
                i.suggestedActions(), now, i.revision());
        return envelope(EventType.ALLIANCE_CHANGE_IMPACT_ASSESSED, i, EventIds.derived(i.id(), "revision", Integer.toString(i.revision())), now,
                assessed);
    }

    static OutboxEvent actionChanged(ChangeImpact i, ImpactAction a, String change, String previousAssigneeId, String by, String closedByEventId,
                                     Instant now) {
        ImpactAction.Change last = a.history().getLast();
        ImpactActionChanged changed = new ImpactActionChanged(i.id(), a.id(), i.triggerEventId(), i.triggerType(), i.allianceId(),
                i.allianceName(), i.tier().name(), a.kind().name(), a.seat(), a.subjectPersonId(), a.title(), change, a.state().name(),
                a.assigneeId(), previousAssigneeId, a.dueDate(), a.agreementId(), a.clauseRef(), a.noticeObligationId(), a.obligationId(), by,
                last.note(), closedByEventId, closedByEventId == null ? null : last.eventType(), now, i.status().name(), i.progress(),
                i.revision());
        return envelope(EventType.ALLIANCE_IMPACT_ACTION_CHANGED, i, EventIds.derived(i.id(), a.id(), change, Integer.toString(i.revision())), now,
                changed);
    }

    static OutboxEvent resolved(ChangeImpact i, Instant now) {
        ImpactActionChanged.Progress p = i.progress();
        ChangeImpactResolved resolved = new ChangeImpactResolved(i.id(), i.triggerEventId(), i.triggerType(), i.allianceId(), i.allianceName(),
                i.tier().name(), p.done(), p.dismissed(), now, i.revision());
        return envelope(EventType.ALLIANCE_CHANGE_IMPACT_RESOLVED, i, EventIds.derived(i.id(), "resolved", Integer.toString(i.revision())), now,
                resolved);
    }

    private static OutboxEvent envelope(EventType type, ChangeImpact i, String eventId, Instant now, Object payload) {
        return OutboxEvent.of(type.topic(), i.allianceId(), CloudEvent.of(eventId, type, SOURCE, i.allianceId(), now, payload, null));
    }
}
