package io.windshift.notification.inbox.internal;

import io.windshift.contract.CloudEvent;
import io.windshift.contract.EventType;
import io.windshift.contract.Topics;
import io.windshift.contract.alliance.RoleVacated;
import io.windshift.messaging.consume.IdempotentConsumer;
import io.windshift.notification.audience.AllianceTeamProjection;
import io.windshift.notification.audience.Audience;
import io.windshift.notification.inbox.Inbox;
import io.windshift.notification.inbox.RoleVacancyNotices;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Alliance events in, notifications out. Recipients come from the team as it stood before the event, then
 * the projection moves on. Both steps are idempotent, so a redelivery after a crash between them is safe.
 */
@Component
class AllianceEventListener {

    private static final Logger log = LoggerFactory.getLogger(AllianceEventListener.class);

    private final IdempotentConsumer idempotent;
    private final AllianceTeamProjection projection;
    private final Audience audience;
    private final Inbox inbox;

    AllianceEventListener(IdempotentConsumer idempotent, AllianceTeamProjection projection, Audience audience, Inbox inbox) {
        this.idempotent = idempotent;
        this.projection = projection;
        this.audience = audience;
        this.inbox = inbox;
    }

    @KafkaListener(topics = Topics.ALLIANCE, groupId = "notification-service")
    void on(CloudEvent event) {
        idempotent.handleOnce("notification-service.alliance", event, this::apply);
    }

    private void apply(CloudEvent event) {
        if (event.knownType().orElse(null) == EventType.ALLIANCE_ROLE_VACATED) {
            RoleVacated vacated = event.dataAs(RoleVacated.class);
            audience.team(vacated.allianceId()).ifPresentOrElse(
                    team -> RoleVacancyNotices.of(vacated, event.id(), team, audience::label).forEach(inbox::deliver),
                    () -> log.warn("Role vacated on {} which this service has not seen registered; nobody to notify", vacated.allianceId()));
        }
        projection.apply(event);
    }
}
