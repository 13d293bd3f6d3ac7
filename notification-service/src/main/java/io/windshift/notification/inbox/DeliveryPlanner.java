package io.windshift.notification.inbox;

import io.windshift.contract.CloudEvent;
import io.windshift.contract.EventIds;
import io.windshift.contract.EventType;
import io.windshift.contract.Topics;
import io.windshift.contract.notification.DeliveryStatus;
import io.windshift.messaging.outbox.OutboxEvent;
import io.windshift.notification.preferences.Channel;
import io.windshift.notification.preferences.DeliveryRules;
import io.windshift.notification.preferences.PreferenceStore;
import io.windshift.notification.preferences.Routing;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Puts a notification's outbound delivery on its queue (inside the document) as the person's preferences
 * say: one outbound channel at a time (the first they allow; the next ones are failovers), after a short
 * coalescing window so that the facts of one trigger arriving together go out as one message.
 */
@Component
class DeliveryPlanner {

    private final PreferenceStore preferences;
    private final Duration coalesce;

    DeliveryPlanner(PreferenceStore preferences, @Value("${windshift.notification.delivery.coalesce:PT2S}") Duration coalesce) {
        this.preferences = preferences;
        this.coalesce = coalesce;
    }

    void plan(Notification n, Instant now) {
        if (n.cancelledAt() != null) {
            return;
        }
        Routing routing = DeliveryRules.route(preferences.of(n.recipientId()), n.category(), n.severity(), now);
        if (routing.suppressed()) {
            if (n.deliveries().isEmpty()) {
                n.add(Delivery.suppressed(Channel.EMAIL.name(), routing.reason()));
                n.record(status(n, Channel.EMAIL.name(), 0, "SUPPRESSED", routing.reason(), now));
            }
            n.contentPlanned();
            return;
        }
        Instant due = routing.deferredReason() == null ? now.plus(coalesce) : routing.dueAt();
        Optional<Delivery> active = routing.order().stream().map(c -> n.delivery(c.name())).flatMap(Optional::stream)
                .filter(d -> d.status() != Delivery.Status.DEAD && d.status() != Delivery.Status.CANCELLED).findFirst();
        if (active.isEmpty()) {
            Channel primary = routing.order().stream().filter(c -> n.delivery(c.name()).isEmpty()).findFirst().orElse(null);
            if (primary == null) {
                n.contentPlanned();
                return;
            }
            n.add(Delivery.pending(primary.name(), due, routing.deferredReason()));
            deferred(n, primary.name(), routing, now);
        } else {
            Delivery d = active.get();
            switch (d.status()) {
                case SENT -> {
                    if (d.sentRevision() < n.contentRevision()) {
                        d.rearm(due, routing.deferredReason());
                        deferred(n, d.channel(), routing, now);
                    }
                }
                case SUPPRESSED, FAILED -> {
                    d.rearm(due, routing.deferredReason());
                    deferred(n, d.channel(), routing, now);
                }
                case PENDING -> {
                    if (due.isBefore(d.dueAt())) {
                        // Became more urgent (e.g. critical): no longer waits for quiet hours or the digest.
                        d.rearm(due, routing.deferredReason());
                    }
                }
                default -> {
                    // SENDING: the in-flight send carries an older revision; it is re-armed when it reports back.
                }
            }
        }
        n.contentPlanned();
    }

    private void deferred(Notification n, String channel, Routing routing, Instant now) {
        if (routing.deferredReason() != null) {
            n.record(status(n, channel, 0, "DEFERRED", routing.deferredReason() + " until " + routing.dueAt(), now));
        }
    }

    static OutboxEvent status(Notification n, String channel, int attempt, String status, String detail, Instant now) {
        String id = EventIds.derived("delivery-status", n.id(), channel, status, Integer.toString(attempt), Integer.toString(n.contentRevision()),
                now.toString());
        CloudEvent event = CloudEvent.of(id, EventType.NOTIFICATION_DELIVERY_STATUS, "/notification-service", n.id(), now,
                new DeliveryStatus(n.id(), n.recipientId(), channel, attempt, status, detail, now), null);
        return OutboxEvent.of(Topics.NOTIFICATION, n.id(), event);
    }
}
