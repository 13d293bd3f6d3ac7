package io.windshift.alliance.impact.internal;

import io.windshift.alliance.impact.ActionFact;
import io.windshift.alliance.impact.ChangeAssessment;
import io.windshift.alliance.impact.ChangeImpacts;
import io.windshift.contract.CloudEvent;
import io.windshift.contract.EventType;
import io.windshift.contract.Topics;
import io.windshift.contract.obligation.OccurrenceClosed;
import io.windshift.contract.obligation.OwnerAssigned;
import io.windshift.contract.obligation.OwnerVacated;
import io.windshift.messaging.consume.IdempotentConsumer;
import io.windshift.messaging.consume.PoisonEventException;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Obligations whose owner left join the change impact of the same trigger (OBLIGATION_OWNER_VACANT); a new
 * owner, and a fulfilled or waived partner-notice obligation, close the actions they settle.
 */
@Component
class ObligationEventListener {

    static final String CONSUMER = "alliance-service.obligations";

    private final IdempotentConsumer idempotent;
    private final ChangeAssessment assessment;
    private final ChangeImpacts impacts;

    ObligationEventListener(IdempotentConsumer idempotent, ChangeAssessment assessment, ChangeImpacts impacts) {
        this.idempotent = idempotent;
        this.assessment = assessment;
        this.impacts = impacts;
    }

    @KafkaListener(topics = Topics.OBLIGATION, groupId = "alliance-service")
    void on(CloudEvent event) {
        EventType type = event.knownType().orElse(null);
        if (type != EventType.OBLIGATION_OWNER_VACATED && type != EventType.OBLIGATION_OWNER_ASSIGNED && type != EventType.OBLIGATION_FULFILLED
                && type != EventType.OBLIGATION_WAIVED) {
            return;
        }
        idempotent.handleOnce(CONSUMER, event, e -> {
            switch (type) {
                case OBLIGATION_OWNER_VACATED -> ownerVacated(payload(e, OwnerVacated.class));
                case OBLIGATION_OWNER_ASSIGNED -> {
                    OwnerAssigned assigned = payload(e, OwnerAssigned.class);
                    if (assigned.filledVacancyOf() != null) {
                        impacts.settle(ActionFact.done(ActionFact.obligationOwner(assigned.obligationId(), assigned.filledVacancyOf()), 0, e.id(),
                                e.type(), assigned.ownerId() + " owns '" + assigned.title() + "' now"));
                    }
                }
                default -> {
                    OccurrenceClosed closed = payload(e, OccurrenceClosed.class);
                    if (closed.obligationId() != null && closed.obligationId().startsWith(ActionFact.NOTICE_OBLIGATION_PREFIX)) {
                        boolean waived = type == EventType.OBLIGATION_WAIVED;
                        impacts.settle(new ActionFact(ActionFact.notice(closed.obligationId()), 0, e.id(), e.type(),
                                waived ? "notice obligation waived" + (closed.evidence() == null ? "" : ": " + closed.evidence())
                                        : "partner notified" + (closed.evidence() == null ? "" : ": " + closed.evidence()), waived, null));
                    }
                }
            }
        });
    }

    private void ownerVacated(OwnerVacated vacated) {
        if (vacated.triggerEventId() == null || vacated.allianceId() == null) {
            throw new PoisonEventException("obligation.owner-vacated without triggerEventId or allianceId");
        }
        assessment.obligationOwnerVacated(vacated.triggerEventId(), vacated.allianceId(), vacated.obligationId(), vacated.title(),
                vacated.previousOwnerId());
    }

    private static <T> T payload(CloudEvent event, Class<T> type) {
        try {
            return event.dataAs(type);
        } catch (IllegalArgumentException | tools.jackson.core.JacksonException ex) {
            throw new PoisonEventException("invalid " + event.type() + " payload: " + ex.getMessage(), ex);
        }
    }
}
