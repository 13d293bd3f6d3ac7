package io.windshift.alliance.impact.internal;

import io.windshift.alliance.impact.ChangeAssessment;
import io.windshift.contract.CloudEvent;
import io.windshift.contract.EventType;
import io.windshift.contract.Topics;
import io.windshift.contract.obligation.OwnerVacated;
import io.windshift.messaging.consume.IdempotentConsumer;
import io.windshift.messaging.consume.PoisonEventException;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Obligations whose owner left join the change impact of the same trigger (OBLIGATION_OWNER_VACANT). */
@Component
class ObligationEventListener {

    static final String CONSUMER = "alliance-service.obligations";

    private final IdempotentConsumer idempotent;
    private final ChangeAssessment assessment;

    ObligationEventListener(IdempotentConsumer idempotent, ChangeAssessment assessment) {
        this.idempotent = idempotent;
        this.assessment = assessment;
    }

    @KafkaListener(topics = Topics.OBLIGATION, groupId = "alliance-service")
    void on(CloudEvent event) {
        if (event.knownType().orElse(null) != EventType.OBLIGATION_OWNER_VACATED) {
            return;
        }
        idempotent.handleOnce(CONSUMER, event, e -> {
            OwnerVacated vacated;
            try {
                vacated = e.dataAs(OwnerVacated.class);
            } catch (IllegalArgumentException | tools.jackson.core.JacksonException ex) {
                throw new PoisonEventException("invalid obligation.owner-vacated payload: " + ex.getMessage(), ex);
            }
            if (vacated.triggerEventId() == null || vacated.allianceId() == null) {
                throw new PoisonEventException("obligation.owner-vacated without triggerEventId or allianceId");
            }
            assessment.obligationOwnerVacated(vacated.triggerEventId(), vacated.allianceId(), vacated.obligationId(), vacated.title(),
                    vacated.previousOwnerId());
        });
    }
}
