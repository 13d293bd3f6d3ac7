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
        /** What {@link #saveAll} wrote, with the events now pending in each document: relayed without reading them back. */
        private final java.util.Map<String, java.util.Map<Object, List<OutboxEvent>>> written = new java.util.LinkedHashMap<>();

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

        /**
         * Saves many aggregates read earlier in one bulk write, each replace guarded by {@code {_id, version}} as
         * {@link #save} is, without relaying yet. A copy that went stale loses its replace; since a bulk result does not
         * say which one lost, when any did the stored copies are read once ({@code $in} on {@code _id}) and
         * {@code landed} tells, for each, whether this change is in it (a marker the change left, such as the event id
         * it applied). Returns the aggregates whose change was not stored: the caller applies those again to what is
         * stored, one by one. Aggregates without a version (never stored) are not accepted.
         */
        public <T extends OutboxAggregate> List<T> saveAll(List<T> aggregates, java.util.function.Predicate<T> landed) {
            if (aggregates.isEmpty()) {
                return List.of();
            }
            @SuppressWarnings("unchecked")
            Class<T> type = (Class<T>) aggregates.getFirst().getClass();
            var entity = mongo.getConverter().getMappingContext().getRequiredPersistentEntity(type);
            var versionProperty = entity.getRequiredVersionProperty();
            String versionField = versionProperty.getFieldName();
            String collection = entity.getCollection();
            relay.watch(collection);
            List<com.mongodb.client.model.WriteModel<org.bson.Document>> replaces = new java.util.ArrayList<>(aggregates.size());
            java.util.Map<Object, Long> nextVersion = new java.util.HashMap<>();
            for (T aggregate : aggregates) {
                Object current = entity.getPropertyAccessor(aggregate).getProperty(versionProperty);
                if (!(current instanceof Number version)) {
                    throw new IllegalArgumentException(collection + " " + aggregate.id() + " has no version: save it on its own first");
                }
                org.bson.Document document = new org.bson.Document();
                mongo.getConverter().write(aggregate, document);
                document.put(versionField, version.longValue() + 1);
                nextVersion.put(aggregate.id(), version.longValue() + 1);
                // A plain {_id, version} document, not $and: the embedded store uses the unique index only for exactly its keys.
                replaces.add(new com.mongodb.client.model.ReplaceOneModel<>(new org.bson.Document("_id", aggregate.id()).append(versionField, version),
                        document));
            }
            var result = mongo.getCollection(collection).bulkWrite(replaces, new com.mongodb.client.model.BulkWriteOptions().ordered(false));
            List<T> lost = new java.util.ArrayList<>();
            if (result.getMatchedCount() < aggregates.size()) {
                java.util.Map<Object, T> stored = new java.util.HashMap<>();
                mongo.find(org.springframework.data.mongodb.core.query.Query.query(org.springframework.data.mongodb.core.query.Criteria.where("_id")
                        .in(nextVersion.keySet())), type).forEach(s -> stored.put(s.id(), s));
                for (T aggregate : aggregates) {
                    T now = stored.get(aggregate.id());
                    if (now == null || !landed.test(now)) {
                        lost.add(aggregate);
                    }
                }
            }
            for (T aggregate : aggregates) {
                if (lost.contains(aggregate)) {
                    continue;
                }
                entity.getPropertyAccessor(aggregate).setProperty(versionProperty, nextVersion.get(aggregate.id()));
                if (!aggregate.pendingEvents().isEmpty()) {
                    written.computeIfAbsent(collection, c -> new java.util.LinkedHashMap<>()).put(aggregate.id(), List.copyOf(aggregate.pendingEvents()));
                }
            }
            return lost;
        }

        /** Relays the events of every aggregate saved in this batch. */
        @Override
        public void close() {
            // One send for both: what saveAll wrote as it wrote it, then what save wrote as the store holds it now.
            java.util.Map<String, java.util.Map<Object, List<OutboxEvent>>> pending = new java.util.LinkedHashMap<>();
            written.forEach((collection, byId) -> pending.put(collection, new java.util.LinkedHashMap<>(byId)));
            relay.readPending(saved).forEach((collection, byId) ->
                    pending.computeIfAbsent(collection, c -> new java.util.LinkedHashMap<>()).putAll(byId));
            relay.relayPending(pending);
            saved.clear();
            written.clear();
        }
    }

    /** Registers a collection with the sweep so that events left by a crash are found after a restart. */
    public void watch(Class<?> aggregateType) {
        relay.watch(mongo.getCollectionName(aggregateType));
    }
}
