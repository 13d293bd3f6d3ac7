package io.windshift.messaging.outbox;

import io.windshift.contract.CloudEvent;
import io.windshift.contract.EventJson;
import java.time.Instant;

/**
 * An event waiting inside its aggregate's document ({@code pendingEvents}). It is saved in the same
 * single-document write as the state change that produced it, so a crash can lose neither alone.
 */
public record OutboxEvent(String eventId, String topic, String key, String type, String envelope, Instant occurredAt) {

    public static final String FIELD = "pendingEvents";

    public static OutboxEvent of(String topic, String key, CloudEvent event) {
        return new OutboxEvent(event.id(), topic, key, event.type(), EventJson.write(event),
                event.time() == null ? Instant.now() : event.time());
    }

    public CloudEvent cloudEvent() {
        return EventJson.read(envelope);
    }
}
