package io.windshift.messaging.outbox;

import java.util.List;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Saves an aggregate together with the events it produced (one document, one atomic write guarded by
 * its version), then relays those events at once. If the relay fails the events stay in the document
 * and the sweep publishes them later.
 */
public class Outbox {

    private final MongoTemplate mongo;
    private final OutboxRelay relay;

    public Outbox(MongoTemplate mongo, OutboxRelay relay) {
        this.mongo = mongo;
        this.relay = relay;
    }

    /** Saves with optimistic locking; throws {@code OptimisticLockingFailureException} on a lost race. */
    public <T extends OutboxAggregate> T save(T aggregate) {
        T saved = mongo.save(aggregate);
        String collection = mongo.getCollectionName(saved.getClass());
        relay.watch(collection);
        if (!saved.pendingEvents().isEmpty()) {
            List<String> published = relay.relay(collection, saved.id());
            // Keep the in-memory copy in step with the document, so a later save does not resend them.
            saved.pendingEvents().removeIf(e -> published.contains(e.eventId()));
        }
        return saved;
    }

    /** Registers a collection with the sweep so that events left by a crash are found after a restart. */
    public void watch(Class<?> aggregateType) {
        relay.watch(mongo.getCollectionName(aggregateType));
    }
}
