package io.windshift.obligation.schedule;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.windshift.messaging.outbox.OutboxEvent;
import io.windshift.messaging.publish.EventPublisher;
import io.windshift.messaging.publish.EventPublisher.Outgoing;
import io.windshift.obligation.people.Workforce;
import io.windshift.obligation.register.Obligation;
import io.windshift.obligation.register.ObligationEvent;
import io.windshift.obligation.register.ObligationEvents;
import io.windshift.obligation.register.Occurrence;
import io.windshift.obligation.register.ReminderPlan;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/**
 * One pass finds the occurrences whose reminder time has come (through the {@link DueIndex}, so it costs
 * what is due) and claims each with one conditional write on the occurrence: the filter is the {@code _id}
 * and the version read, and the same write advances the plan and stores the milestone-due or overdue event in
 * the occurrence's outbox. Any number of instances may run passes at once: for each (occurrence, lead time)
 * exactly one claim succeeds. Claims go to the store as one unordered bulk write; the pass then reads back
 * which documents carry its own claim token (the winners), publishes their events in one batch and takes
 * them out of the outboxes. What the broker does not take stays in the outbox for the sweep.
 */
@Service
public class ReminderScheduler {

    private static final Logger log = LoggerFactory.getLogger(ReminderScheduler.class);
    static final String OCCURRENCES = "occurrences";
    static final String OBLIGATIONS = "obligations";
    static final String CLAIM_FIELD = "claimedBy";
    /** How long an entry whose occurrence or obligation is missing is kept for a registration still under way. */
    static final Duration ENTRY_GRACE = Duration.ofHours(1);

    private final MongoTemplate mongo;
    private final DueIndex dueIndex;
    private final ObligationEvents events;
    private final Workforce workforce;
    private final EventPublisher publisher;
    private final Clock clock;
    private final Counter reminders;
    private final Counter lostClaims;

    ReminderScheduler(MongoTemplate mongo, DueIndex dueIndex, ObligationEvents events, Workforce workforce,
                      EventPublisher publisher, Clock clock, MeterRegistry meters) {
        this.mongo = mongo;
        this.dueIndex = dueIndex;
        this.events = events;
        this.workforce = workforce;
        this.publisher = publisher;
        this.clock = clock;
        this.reminders = Counter.builder("windshift.obligation.reminders").description("reminders claimed (milestone-due and overdue)").register(meters);
        this.lostClaims = Counter.builder("windshift.obligation.reminders.lost-claims").description("claims another instance won").register(meters);
    }

    /** Runs one pass; returns the number of reminders this instance claimed. */
    public int runOnce() {
        Instant now = clock.instant();
        DueIndex.Scan scan = dueIndex.upTo(now);
        if (scan.buckets().isEmpty()) {
            dueIndex.advance(scan, List.of(), now);
            return 0;
        }
        Map<String, Occurrence> occurrences = load(scan.buckets().stream().flatMap(b -> b.occurrenceIds().stream()).distinct().toList());
        Map<String, Obligation> obligations = obligationsOf(occurrences.values().stream().filter(o -> o.reminderDue(now)).toList());
        List<DueIndex.Bucket> remaining = new ArrayList<>();
        Map<String, List<String>> handled = new LinkedHashMap<>();
        Map<String, Occurrence> candidates = new LinkedHashMap<>();
        // Registration writes an entry just before the occurrence (and the obligation) it points to: an entry of the last
        // hour or so whose documents are not there yet may be one being registered now, so it waits for a later pass.
        String fresh = DueIndex.hourOf(now.minus(ENTRY_GRACE));
        for (DueIndex.Bucket bucket : scan.buckets()) {
            List<String> left = new ArrayList<>();
            for (String id : bucket.occurrenceIds()) {
                Occurrence occurrence = occurrences.get(id);
                boolean incomplete = occurrence == null || (occurrence.reminderDue(now) && !obligations.containsKey(occurrence.obligationId()));
                if (incomplete && bucket.hour().compareTo(fresh) >= 0) {
                    left.add(id);
                    continue;
                }
                if (occurrence != null && occurrence.nextReminderAt() != null && !occurrence.reminderDue(now)
                        && DueIndex.hourOf(occurrence.nextReminderAt()).equals(bucket.hour())) {
                    left.add(id);
                    continue;
                }
                if (occurrence != null && occurrence.reminderDue(now) && obligations.containsKey(occurrence.obligationId())) {
                    candidates.putIfAbsent(id, occurrence);
                }
                // Claimed, lost to another instance (whose write indexed what comes next), or stale: done here.
                handled.computeIfAbsent(bucket.hour(), h -> new ArrayList<>()).add(id);
            }
            remaining.add(new DueIndex.Bucket(bucket.hour(), left));
        }
        List<Occurrence> won = claim(candidates.values(), obligations, now);
        dueIndex.removeAll(handled);
        dueIndex.advance(scan, remaining, now);
        relay(won);
        return won.size();
    }

    /**
     * Advances each candidate's plan in memory, indexes what comes next (before the write, so a crash leaves a
     * stale hint rather than a lost reminder), writes all claims conditionally in one bulk, and returns the ones
     * whose document now carries this pass's token.
     */
    private List<Occurrence> claim(java.util.Collection<Occurrence> candidates, Map<String, Obligation> obligations, Instant now) {
        if (candidates.isEmpty()) {
            return List.of();
        }
        String token = UUID.randomUUID().toString();
        List<WriteModel<Document>> writes = new ArrayList<>();
        Map<String, Instant> next = new HashMap<>();
        for (Occurrence occurrence : candidates) {
            Obligation obligation = obligations.get(occurrence.obligationId());
            long version = occurrence.version() == null ? 0 : occurrence.version();
            boolean overdue = occurrence.nextLeadDays() == ReminderPlan.OVERDUE;
            String manager = overdue ? Optional.ofNullable(obligation.accountablePerson()).flatMap(workforce::managerOf).orElse(null) : null;
            ObligationEvent event = occurrence.remind(obligation, manager, now);
            occurrence.record(events.toOutbox(List.of(event)));
            if (occurrence.nextReminderAt() != null) {
                next.put(occurrence.id(), occurrence.nextReminderAt());
            }
            Document claimed = new Document();
            mongo.getConverter().write(occurrence, claimed);
            claimed.put("version", version + 1);
            claimed.put(CLAIM_FIELD, token);
            writes.add(new ReplaceOneModel<>(new Document("_id", occurrence.id()).append("version", version), claimed));
        }
        dueIndex.addAll(next, now);
        MongoCollection<Document> collection = mongo.getCollection(OCCURRENCES);
        collection.bulkWrite(writes, new BulkWriteOptions().ordered(false));
        List<String> ids = candidates.stream().map(Occurrence::id).toList();
        List<String> mine = new ArrayList<>();
        for (Document doc : collection.find(Filters.in("_id", ids)).projection(Projections.include(CLAIM_FIELD))) {
            if (token.equals(doc.getString(CLAIM_FIELD))) {
                mine.add(doc.getString("_id"));
            }
        }
        reminders.increment(mine.size());
        lostClaims.increment(candidates.size() - mine.size());
        return candidates.stream().filter(o -> mine.contains(o.id())).toList();
    }

    /** Publishes the claimed reminders in one batch, then takes them out of their outboxes. */
    private void relay(List<Occurrence> claimed) {
        if (claimed.isEmpty()) {
            return;
        }
        List<Outgoing> outgoing = claimed.stream().flatMap(o -> o.pendingEvents().stream())
                .map(e -> new Outgoing(e.topic(), e.key(), e.cloudEvent())).toList();
        try {
            publisher.publishAll(outgoing);
        } catch (RuntimeException e) {
            log.warn("Publishing {} reminder(s) failed; they stay in the outbox for the sweep: {}", outgoing.size(), e.getMessage());
            return;
        }
        List<WriteModel<Document>> pulls = claimed.stream().<WriteModel<Document>>map(o -> new UpdateOneModel<>(Filters.eq("_id", o.id()),
                Updates.pull(OutboxEvent.FIELD, new Document("eventId", new Document("$in",
                        o.pendingEvents().stream().map(OutboxEvent::eventId).toList()))))).toList();
        mongo.getCollection(OCCURRENCES).bulkWrite(pulls, new BulkWriteOptions().ordered(false));
    }

    private Map<String, Occurrence> load(List<String> ids) {
        return mongo.find(Query.query(Criteria.where("_id").in(ids)), Occurrence.class).stream()
                .collect(Collectors.toMap(Occurrence::id, Function.identity()));
    }

    /** The obligations of the due occurrences, in one read; an occurrence whose obligation was never saved is ignored. */
    private Map<String, Obligation> obligationsOf(List<Occurrence> due) {
        List<String> ids = due.stream().map(Occurrence::obligationId).distinct().toList();
        if (ids.isEmpty()) {
            return Map.of();
        }
        return mongo.find(Query.query(Criteria.where("_id").in(ids)), Obligation.class).stream()
                .collect(Collectors.toMap(Obligation::id, Function.identity()));
    }
}
