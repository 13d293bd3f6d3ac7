package io.windshift.messaging.outbox;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Updates;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.windshift.messaging.publish.EventPublisher;
import io.windshift.messaging.publish.EventPublisher.Outgoing;
import io.windshift.messaging.store.Leases;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Moves pending events from aggregate documents to Kafka: publish in order, wait for the broker's ack,
 * then {@code $pull} exactly those event ids. A crash after the ack and before the pull republishes the
 * same ids, which consumers absorb (they are idempotent by event id): at least once, never lost.
 *
 * <p>The writer relays right after its own write ({@link #relay}); {@link #sweep} is the slow safety net
 * for what a crash or a broker outage left behind. Only one instance sweeps a collection at a time (a
 * lease in {@code outbox_sweeper_leases}), and it only takes events older than a grace period so it
 * rarely races the writer's own relay; when it does, the duplicate is absorbed downstream.
 */
public class OutboxRelay {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    static final String LEASES = "outbox_sweeper_leases";

    private final MongoTemplate mongo;
    private final EventPublisher publisher;
    private final Clock clock;
    private final Duration sweepGrace;
    private final Duration leaseTime;
    private final Leases leases;
    private final Set<String> collections = ConcurrentHashMap.newKeySet();
    private final Counter published;
    private final Counter failures;
    private volatile RelayHook hook = RelayHook.NONE;
    private final MeterRegistry meters;
    private final Map<String, java.util.concurrent.atomic.AtomicLong> backlog = new ConcurrentHashMap<>();

    public OutboxRelay(MongoTemplate mongo, EventPublisher publisher, Clock clock, Duration sweepGrace,
                       Duration leaseTime, String instanceId, MeterRegistry meters) {
        this.mongo = mongo;
        this.publisher = publisher;
        this.clock = clock;
        this.sweepGrace = sweepGrace;
        this.leaseTime = leaseTime;
        this.leases = new Leases(mongo, LEASES, clock, instanceId);
        this.meters = meters;
        this.published = Counter.builder("windshift.outbox.published").description("events relayed to Kafka").register(meters);
        this.failures = Counter.builder("windshift.outbox.relay.failures").description("relay attempts that left events pending").register(meters);
    }

    /** Collections whose documents carry pending events; the sweep visits them. */
    public void watch(String collection) {
        collections.add(collection);
    }

    /** Publishes the pending events of one document. Returns the ids published; none on failure. */
    public List<String> relay(String collection, Object aggregateId) {
        collections.add(collection);
        MongoCollection<Document> docs = mongo.getCollection(collection);
        Document doc = docs.find(Filters.eq("_id", aggregateId)).projection(Projections.include(OutboxEvent.FIELD)).first();
        List<OutboxEvent> pending = pendingOf(doc);
        if (pending.isEmpty()) {
            return List.of();
        }
        try {
            publisher.publishAll(pending.stream()
                    .map(e -> new Outgoing(e.topic(), e.key(), e.cloudEvent()))
                    .toList());
        } catch (RuntimeException e) {
            failures.increment();
            log.warn("Outbox relay of {}/{} failed, {} event(s) stay pending: {}", collection, aggregateId, pending.size(), e.getMessage());
            return List.of();
        }
        hook.afterAcknowledged(collection, aggregateId);
        List<String> ids = pending.stream().map(OutboxEvent::eventId).toList();
        docs.updateOne(Filters.eq("_id", aggregateId),
                Updates.pull(OutboxEvent.FIELD, new Document("eventId", new Document("$in", ids))));
        published.increment(ids.size());
        return ids;
    }

    /**
     * Publishes the pending events of many documents in one pipelined send (per-key order holds: one
     * producer, sends in order), then removes them from their documents. Returns the number published;
     * on failure nothing is removed and the sweep tries again later.
     */
    public int relayAll(java.util.Map<String, ? extends java.util.Collection<Object>> idsByCollection) {
        return relayPending(readPending(idsByCollection));
    }

    /** The pending events of these documents, read once per collection ({@code $in} on {@code _id}). */
    java.util.Map<String, java.util.Map<Object, List<OutboxEvent>>> readPending(
            java.util.Map<String, ? extends java.util.Collection<Object>> idsByCollection) {
        java.util.Map<String, java.util.Map<Object, List<OutboxEvent>>> pending = new java.util.LinkedHashMap<>();
        idsByCollection.forEach((collection, ids) -> {
            collections.add(collection);
            if (ids.isEmpty()) {
                return;
            }
            for (Document doc : mongo.getCollection(collection).find(Filters.in("_id", ids)).projection(Projections.include(OutboxEvent.FIELD))) {
                pending.computeIfAbsent(collection, c -> new java.util.LinkedHashMap<>()).put(doc.get("_id"), pendingOf(doc));
            }
        });
        return pending;
    }

    /**
     * As {@link #relayAll}, for events the caller knows are pending in these documents (it has just written them,
     * {@link Outbox.Batch#saveAll}), without reading them back: one pipelined send, then each document drops exactly
     * the events published from it. Returns the number published; on failure nothing is removed.
     */
    int relayPending(java.util.Map<String, java.util.Map<Object, List<OutboxEvent>>> pending) {
        List<Outgoing> outgoing = new ArrayList<>();
        pending.forEach((collection, byId) -> {
            collections.add(collection);
            byId.values().forEach(events -> events.forEach(e -> outgoing.add(new Outgoing(e.topic(), e.key(), e.cloudEvent()))));
        });
        if (outgoing.isEmpty()) {
            return 0;
        }
        try {
            publisher.publishAll(outgoing);
        } catch (RuntimeException e) {
            failures.increment();
            log.warn("Outbox relay of {} event(s) failed; they stay pending: {}", outgoing.size(), e.getMessage());
            return 0;
        }
        // One bulk write per collection: each document drops exactly the events published from it.
        pending.forEach((collection, byId) -> {
            List<com.mongodb.client.model.UpdateOneModel<Document>> pulls = new ArrayList<>();
            byId.forEach((id, events) -> {
                if (events.isEmpty()) {
                    return;
                }
                hook.afterAcknowledged(collection, id);
                pulls.add(new com.mongodb.client.model.UpdateOneModel<>(Filters.eq("_id", id),
                        Updates.pull(OutboxEvent.FIELD, new Document("eventId", new Document("$in", events.stream().map(OutboxEvent::eventId).toList())))));
            });
            if (!pulls.isEmpty()) {
                mongo.getCollection(collection).bulkWrite(pulls, new com.mongodb.client.model.BulkWriteOptions().ordered(false));
            }
        });
        this.published.increment(outgoing.size());
        return outgoing.size();
    }

    /**
     * Relays every document whose oldest pending event is older than the grace period, in collections
     * this instance holds the sweep lease for. Returns the number of events published.
     */
    public int sweep() {
        int total = 0;
        for (String collection : collections) {
            java.util.concurrent.atomic.AtomicLong seen = backlogOf(collection);
            if (!leases.claim(collection, leaseTime)) {
                seen.set(0); // the instance holding the lease reports it
                continue;
            }
            Instant cutoff = clock.instant().minus(sweepGrace);
            List<Object> due = new ArrayList<>();
            long waiting = 0;
            for (Document doc : mongo.getCollection(collection)
                    .find(Filters.exists(OutboxEvent.FIELD + ".0"))
                    .projection(Projections.include(OutboxEvent.FIELD))) {
                List<OutboxEvent> pending = pendingOf(doc);
                if (!pending.isEmpty() && !pending.getFirst().occurredAt().isAfter(cutoff)) {
                    due.add(doc.get("_id"));
                    waiting += pending.size();
                }
            }
            seen.set(waiting);
            for (Object id : due) {
                total += relay(collection, id).size();
            }
        }
        return total;
    }

    /**
     * {@code windshift.outbox.pending{collection}}: events older than the sweep grace still waiting for Kafka, as
     * the last sweep found them (the sweep's scan measures it; a scrape must not scan the store again).
     */
    private java.util.concurrent.atomic.AtomicLong backlogOf(String collection) {
        return backlog.computeIfAbsent(collection, c -> meters.gauge("windshift.outbox.pending",
                io.micrometer.core.instrument.Tags.of("collection", c), new java.util.concurrent.atomic.AtomicLong()));
    }

    /** Gives up this instance's sweep leases, so another instance takes over at once (graceful shutdown). */
    public void releaseLeases() {
        leases.releaseAll();
    }

    @SuppressWarnings("unchecked")
    static List<OutboxEvent> pendingOf(Document doc) {
        if (doc == null || !(doc.get(OutboxEvent.FIELD) instanceof List<?> raw)) {
            return List.of();
        }
        List<OutboxEvent> events = new ArrayList<>(raw.size());
        for (Object item : raw) {
            Document e = (Document) item;
            Object occurred = e.get("occurredAt");
            Instant occurredAt = occurred instanceof Date d ? d.toInstant() : Instant.EPOCH;
            events.add(new OutboxEvent(e.getString("eventId"), e.getString("topic"), e.getString("key"),
                    e.getString("type"), e.getString("envelope"), occurredAt));
        }
        return events;
    }

    /** Test seam: lets a test stop the relay between the broker's ack and the removal. */
    public void setHook(RelayHook hook) {
        this.hook = hook == null ? RelayHook.NONE : hook;
    }

    @FunctionalInterface
    public interface RelayHook {
        RelayHook NONE = (collection, id) -> { };

        void afterAcknowledged(String collection, Object aggregateId);
    }
}
