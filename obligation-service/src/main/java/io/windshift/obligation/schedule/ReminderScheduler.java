package io.windshift.obligation.schedule;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.windshift.messaging.outbox.OutboxEvent;
import io.windshift.messaging.publish.EventPublisher;
import io.windshift.messaging.publish.EventPublisher.Outgoing;
import io.windshift.obligation.people.Workforce;
import io.windshift.obligation.register.Obligation;
import io.windshift.obligation.register.ObligationEvent;
import io.windshift.obligation.register.ObligationEvents;
import io.windshift.obligation.register.ObligationRegister;
import io.windshift.obligation.register.Occurrence;
import io.windshift.obligation.register.ReminderPlan;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/**
 * One pass finds the occurrences whose reminder time has come (through the {@link DueIndex}, so it costs
 * what is due) and claims each with one conditional write on the occurrence: the version must be the one
 * read, and the same write advances the plan and stores the milestone-due or overdue event in the
 * occurrence's outbox. Any number of instances may run passes at once: for each (occurrence, lead time)
 * exactly one claim succeeds. The claimed events are then published in one batch; what the broker does not
 * take stays in the outbox for the sweep.
 */
@Service
public class ReminderScheduler {

    private static final Logger log = LoggerFactory.getLogger(ReminderScheduler.class);

    private final MongoTemplate mongo;
    private final DueIndex dueIndex;
    private final ObligationRegister register;
    private final ObligationEvents events;
    private final Workforce workforce;
    private final EventPublisher publisher;
    private final Clock clock;
    private final Counter reminders;
    private final Counter lostClaims;

    ReminderScheduler(MongoTemplate mongo, DueIndex dueIndex, ObligationRegister register, ObligationEvents events, Workforce workforce,
                      EventPublisher publisher, Clock clock, MeterRegistry meters) {
        this.mongo = mongo;
        this.dueIndex = dueIndex;
        this.register = register;
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
        List<DueIndex.Bucket> remaining = new ArrayList<>();
        List<Occurrence> claimed = new ArrayList<>();
        Map<String, Optional<Obligation>> obligations = new HashMap<>();
        for (DueIndex.Bucket bucket : scan.buckets()) {
            Map<String, Occurrence> occurrences = load(bucket.occurrenceIds());
            List<String> left = new ArrayList<>();
            for (String id : bucket.occurrenceIds()) {
                Occurrence occurrence = occurrences.get(id);
                if (occurrence != null && occurrence.nextReminderAt() != null && !occurrence.reminderDue(now)
                        && DueIndex.hourOf(occurrence.nextReminderAt()).equals(bucket.hour())) {
                    left.add(id);
                    continue;
                }
                if (occurrence != null && occurrence.reminderDue(now)) {
                    Optional<Obligation> obligation = obligations.computeIfAbsent(occurrence.obligationId(), register::find);
                    if (obligation.isPresent() && claim(occurrence, obligation.get(), now)) {
                        claimed.add(occurrence);
                    }
                }
                // Claimed, lost to another instance (whose write indexed what comes next), or stale: done here.
                dueIndex.remove(bucket.hour(), id);
            }
            remaining.add(new DueIndex.Bucket(bucket.hour(), left));
        }
        dueIndex.advance(scan, remaining, now);
        relay(claimed);
        return claimed.size();
    }

    private boolean claim(Occurrence occurrence, Obligation obligation, Instant now) {
        String manager = occurrence.nextLeadDays() == ReminderPlan.OVERDUE
                ? Optional.ofNullable(obligation.accountablePerson()).flatMap(workforce::managerOf).orElse(null) : null;
        ObligationEvent event = occurrence.remind(obligation, manager, now);
        occurrence.record(events.toOutbox(List.of(event)));
        if (occurrence.nextReminderAt() != null) {
            dueIndex.add(occurrence.nextReminderAt(), occurrence.id(), now);
        }
        try {
            mongo.save(occurrence);
            reminders.increment();
            return true;
        } catch (OptimisticLockingFailureException e) {
            lostClaims.increment();
            log.debug("Another instance claimed the reminder of {}", occurrence.id());
            return false;
        }
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
        for (Occurrence occurrence : claimed) {
            List<String> ids = occurrence.pendingEvents().stream().map(OutboxEvent::eventId).toList();
            mongo.getCollection("occurrences").updateOne(Filters.eq("_id", occurrence.id()),
                    Updates.pull(OutboxEvent.FIELD, new Document("eventId", new Document("$in", ids))));
        }
    }

    private Map<String, Occurrence> load(List<String> ids) {
        return mongo.find(Query.query(Criteria.where("_id").in(ids)), Occurrence.class).stream()
                .collect(Collectors.toMap(Occurrence::id, Function.identity()));
    }
}
