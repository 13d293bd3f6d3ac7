package io.windshift.notification.trace.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.windshift.messaging.consume.ProcessedEvents;
import io.windshift.messaging.trace.TracePart;
import io.windshift.messaging.trace.TracePart.Item;
import io.windshift.notification.inbox.TriggerDeliveries;
import io.windshift.service.security.Caller;
import io.windshift.service.trace.EventTraceAccess;
import java.util.ArrayList;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * notification-service's part of an event trace, asked by alliance-service (which composes the trace behind
 * {@code GET /api/v1/events/{eventId}/trace}); not routed by the gateway. Who was told and how comes from
 * {@link TriggerDeliveries}: one {@code _id} lookup however many notifications the event caused.
 */
@Tag(name = "Event traces (internal)", description = "Parts of an event trace, composed by alliance-service; not routed by the gateway.")
@RestController
class NotificationTracePart {

    static final List<String> CONSUMERS = List.of("notification-service.hr", "notification-service.obligation", "notification-service.alliance");

    private final ProcessedEvents processed;
    private final TriggerDeliveries deliveries;

    NotificationTracePart(ProcessedEvents processed, TriggerDeliveries deliveries) {
        this.processed = processed;
        this.deliveries = deliveries;
    }

    @Operation(operationId = "traceEventNotifications", summary = "notification-service's part of an event trace",
            description = "The consumers that applied the event, the notifications it caused (one per recipient) and each one's deliveries by "
                    + "channel. Admins and the head of alliance management get everything; an integration client gets ids and states only "
                    + "(alliance-service then checks that it posted the event); other people get 403.")
    @GetMapping("/internal/v1/events/{eventId}/trace")
    @PreAuthorize("isAuthenticated()")
    TracePart part(@PathVariable String eventId) {
        Caller caller = EventTraceAccess.caller();
        List<Item> items = new ArrayList<>();
        for (TriggerDeliveries.Told told : deliveries.of(eventId).orElse(List.of())) {
            String alliance = told.allianceIds().isEmpty() ? null : told.allianceIds().getFirst();
            String inApp = told.channels().stream().filter(c -> c.channel().equals("IN_APP")).map(TriggerDeliveries.ChannelStatus::status)
                    .findFirst().orElse("DELIVERED");
            items.add(new Item("NOTIFICATION", told.notificationId(), null, alliance, inApp, told.recipientId(),
                    told.allianceIds().size() + " alliance(s)", null));
            for (TriggerDeliveries.ChannelStatus channel : told.channels()) {
                items.add(new Item("DELIVERY", told.notificationId() + ":" + channel.channel(), told.notificationId(), alliance, channel.status(),
                        told.recipientId(), channel.channel() + ", " + channel.attempts() + " attempt(s)", channel.at()));
            }
        }
        return EventTraceAccess.viewOf(caller, TracePart.of("notification-service", null, processed, CONSUMERS, eventId, items));
    }
}
