package io.windshift.messaging.outbox;

import java.util.List;

/**
 * A MongoDB document that carries its own outbox. Implementations map {@link OutboxEvent#FIELD} and an
 * optimistic-locking version, so a command's state change and its events are one atomic write.
 */
public interface OutboxAggregate {

    String id();

    List<OutboxEvent> pendingEvents();
}
