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

    /**
     * Saves many aggregates and relays all their events together when closed: one pipelined publish and one
     * wait for the broker's acknowledgements instead of one per aggregate. Each save is still its own atomic
     * write; if the process dies before {@link Batch#close()} the events wait in their documents for the sweep.
     */
    public Batch batch() {
        return new Batch();
    }

    public final class Batch implements AutoCloseable {

        private final java.util.Map<String, java.util.Set<Object>> saved = new java.util.LinkedHashMap<>();

        private Batch() {
        }

        /** Saves with optimistic locking, without relaying yet. */
        public <T extends OutboxAggregate> T save(T aggregate) {
            T result = mongo.save(aggregate);
            String collection = mongo.getCollectionName(result.getClass());
            relay.watch(collection);
            if (!result.pendingEvents().isEmpty()) {
                saved.computeIfAbsent(collection, c -> new java.util.LinkedHashSet<>()).add(result.id());
            }
            return result;
        }

        /** Relays the events of every aggregate saved in this batch. */
        @Override
        public void close() {
            relay.relayAll(saved);
            saved.clear();
        }
    }

    /** Registers a collection with the sweep so that events left by a crash are found after a restart. */
    public void watch(Class<?> aggregateType) {
        relay.watch(mongo.getCollectionName(aggregateType));
    }
}
