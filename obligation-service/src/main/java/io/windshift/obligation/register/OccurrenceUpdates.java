package io.windshift.obligation.register;

import io.windshift.messaging.outbox.Outbox;
import io.windshift.obligation.schedule.DueIndex;
import io.windshift.service.web.NotFoundException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/**
 * Changes to occurrences and the progress they give their obligation: each change is one versioned write of the
 * occurrence with its events (outbox), retried on a lost race, then the obligation's summary (state, next due date)
 * when it moved. {@link #saveAll} writes many changes made in memory (a finance batch) in bulk writes with the same
 * guards. Registration and references are {@link ObligationRegister}'s.
 */
@Service
public class OccurrenceUpdates {

    private static final int MAX_ATTEMPTS = 5;

    private final MongoTemplate mongo;
    private final Outbox outbox;
    private final ObligationEvents events;
    private final DueIndex dueIndex;
    private final Clock clock;

    OccurrenceUpdates(MongoTemplate mongo, Outbox outbox, ObligationEvents events, DueIndex dueIndex, Clock clock) {
        this.mongo = mongo;
        this.outbox = outbox;
        this.events = events;
        this.dueIndex = dueIndex;
        this.clock = clock;
    }

    public Occurrence reschedule(String occurrenceId, LocalDate dueDate, String reason, String by) {
        return updateOccurrence(occurrenceId, (ob, oc) -> oc.reschedule(ob, dueDate, reason, by, clock.instant()).map(List::of).orElse(List.of()));
    }

    public Occurrence trigger(String occurrenceId, LocalDate achievedOn, String note, String by) {
        return updateOccurrence(occurrenceId, (ob, oc) -> oc.trigger(ob, achievedOn, note, by, clock.instant()).map(List::of).orElse(List.of()));
    }

    public Occurrence fulfil(String occurrenceId, LocalDate fulfilledOn, String evidence, String by) {
        return updateOccurrence(occurrenceId, (ob, oc) -> List.of(oc.fulfil(ob, fulfilledOn, evidence, by, null, clock.instant())));
    }

    public Occurrence waive(String occurrenceId, String reason, String by) {
        return updateOccurrence(occurrenceId, (ob, oc) -> List.of(oc.waive(ob, reason, by, clock.instant())));
    }

    public Occurrence dispute(String occurrenceId, String reason, String by) {
        return updateOccurrence(occurrenceId, (ob, oc) -> {
            oc.dispute(reason, by, clock.instant());
            return List.of();
        });
    }

    /** A change to one occurrence, retried on a lost race (the scheduler may have just claimed a reminder). */
    public Occurrence updateOccurrence(String occurrenceId, OccurrenceChange change) {
        return updateOccurrence(null, List.of(), occurrenceId, change);
    }

    /**
     * As {@link #updateOccurrence(String, OccurrenceChange)}, starting from the obligation and its occurrences the
     * caller has just read, so a hot path reads them once: the saves are versioned, so a stale copy loses its
     * compare-and-set and the change is applied again to what is stored.
     */
    public Occurrence updateOccurrence(Obligation known, List<Occurrence> knownOccurrences, String occurrenceId, OccurrenceChange change) {
        for (int attempt = 1; ; attempt++) {
            Occurrence preloaded = attempt > 1 || known == null ? null
                    : knownOccurrences.stream().filter(o -> o.id().equals(occurrenceId)).findFirst().orElse(null);
            Occurrence occurrence = preloaded != null ? preloaded
                    : Optional.ofNullable(mongo.findById(occurrenceId, Occurrence.class)).orElseThrow(() -> new NotFoundException("No occurrence " + occurrenceId));
            Obligation obligation = preloaded != null ? known : obligation(occurrence.obligationId());
            Occurrence saved;
            try {
                saved = saveOccurrence(occurrence, change.apply(obligation, occurrence));
            } catch (OptimisticLockingFailureException e) {
                if (attempt >= MAX_ATTEMPTS) {
                    throw e;
                }
                continue;
            }
            List<Occurrence> siblings = preloaded == null ? null
                    : knownOccurrences.stream().map(o -> o.id().equals(occurrenceId) ? saved : o).toList();
            refreshProgress(obligation, siblings);
            return saved;
        }
    }

    /**
     * Stores the summary of the obligation's occurrences on it (state, next due date) when it changed: one
     * conditional write on {@code {_id, version}} that bumps the version, so a concurrent save of a stale copy
     * of the obligation loses and retries rather than undoing it.
     */
    void refreshProgress(Obligation obligation, List<Occurrence> known) {
        for (int attempt = 1; ; attempt++) {
            if (!obligation.summarise(attempt == 1 && known != null ? known : occurrencesOf(obligation))) {
                return;
            }
            Obligation.Progress progress = obligation.progress();
            Query current = Query.query(Criteria.where("_id").is(obligation.id()).and("version").is(obligation.version()));
            Update update = new Update().set(ObligationStatus.STATE, progress.state())
                    .set(ObligationStatus.NEXT_DUE_DATE, progress.nextDueDate())
                    .set(ObligationStatus.DUE_SOON_FROM, progress.dueSoonFrom())
                    .inc("version", 1);
            if (mongo.updateFirst(current, update, Obligation.class).getMatchedCount() == 1) {
                return;
            }
            if (attempt >= MAX_ATTEMPTS) {
                throw new OptimisticLockingFailureException("obligation " + obligation.id() + " kept changing");
            }
            obligation = obligation(obligation.id());
        }
    }

    /** What a command does to an occurrence, given its obligation: the events it produced. */
    @FunctionalInterface
    public interface OccurrenceChange {
        List<ObligationEvent> apply(Obligation obligation, Occurrence occurrence);
    }

    private final ThreadLocal<Outbox.Batch> batch = new ThreadLocal<>();

    /** Runs many changes with their events relayed together at the end (one wait for the broker instead of one each). */
    public void inBatch(Runnable changes) {
        try (Outbox.Batch current = outbox.batch()) {
            batch.set(current);
            changes.run();
        } finally {
            batch.remove();
        }
    }

    Occurrence saveOccurrence(Occurrence occurrence, List<ObligationEvent> changes) {
        occurrence.record(events.toOutbox(changes));
        if (occurrence.nextReminderAt() != null) {
            dueIndex.add(occurrence.nextReminderAt(), occurrence.id(), clock.instant());
        }
        Outbox.Batch current = batch.get();
        return current != null ? current.save(occurrence) : outbox.save(occurrence);
    }

    /**
     * An occurrence a batch changed in memory, from the copy it read: the events the change produced, and the
     * traceparent of the event that caused them (null for none).
     */
    public record Change(Occurrence occurrence, List<ObligationEvent> events, String traceparent) {
    }

    /**
     * Stores changes a batch made in memory to occurrences it read, with their events, in one bulk write of versioned
     * replaces ({@code {_id, version}}: a stale copy loses, as with {@link #updateOccurrence}); then the progress of
     * their obligations, summarised from {@code occurrencesByObligation} (every occurrence of each, as the batch holds
     * them), in one bulk of versioned updates; a progress update that lost is done again from what is stored.
     * {@code landed} tells, on a stored copy, whether the batch's change is in it (read only when a replace lost).
     * Must run inside {@link #inBatch}. Returns the ids of the obligations whose change was not stored: the caller
     * applies their changes again one by one, to what is stored.
     */
    public Set<String> saveAll(List<Change> changes, Map<String, Obligation> obligations, Map<String, List<Occurrence>> occurrencesByObligation,
                               Predicate<Occurrence> landed) {
        Outbox.Batch current = batch.get();
        if (current == null) {
            throw new IllegalStateException("saveAll runs inside inBatch");
        }
        List<Occurrence> changed = new ArrayList<>(changes.size());
        for (Change change : changes) {
            change.occurrence().record(events.toOutbox(change.events(), change.traceparent()));
            changed.add(change.occurrence());
        }
        List<Occurrence> notStored = current.saveAll(changed, landed);
        Set<String> lost = new LinkedHashSet<>();
        notStored.forEach(o -> lost.add(o.obligationId()));
        Map<String, Instant> reminders = new HashMap<>();
        Set<String> touched = new LinkedHashSet<>();
        for (Occurrence occurrence : changed) {
            if (lost.contains(occurrence.obligationId())) {
                continue;
            }
            touched.add(occurrence.obligationId());
            if (occurrence.nextReminderAt() != null) {
                reminders.put(occurrence.id(), occurrence.nextReminderAt());
            }
        }
        dueIndex.addAll(reminders, clock.instant());
        // An obligation with one change lost and another stored: its summary is taken from what is stored.
        changed.stream().map(Occurrence::obligationId).filter(lost::contains).distinct()
                .filter(id -> changed.stream().anyMatch(o -> o.obligationId().equals(id) && !notStored.contains(o)))
                .forEach(id -> refreshProgress(obligation(id), null));
        summariseAll(touched.stream().map(obligations::get).toList(), occurrencesByObligation);
        return lost;
    }

    /** The progress of many obligations from the occurrences given, in one bulk of {@code {_id, version}}-guarded updates. */
    private void summariseAll(Collection<Obligation> obligations, Map<String, List<Occurrence>> occurrencesByObligation) {
        List<Obligation> moved = obligations.stream().filter(o -> o.summarise(occurrencesByObligation.get(o.id()))).toList();
        if (moved.isEmpty()) {
            return;
        }
        // Plain {_id, version} filters and $set documents (the embedded store uses the unique index for exactly these
        // keys; the driver's models skip the per-update query mapping), the dates converted as the mapping would.
        var converter = mongo.getConverter();
        List<com.mongodb.client.model.WriteModel<org.bson.Document>> writes = new ArrayList<>(moved.size());
        for (Obligation obligation : moved) {
            Obligation.Progress progress = obligation.progress();
            org.bson.Document set = new org.bson.Document(ObligationStatus.STATE, progress.state() == null ? null : progress.state().name())
                    .append(ObligationStatus.NEXT_DUE_DATE, converter.convertToMongoType(progress.nextDueDate()))
                    .append(ObligationStatus.DUE_SOON_FROM, converter.convertToMongoType(progress.dueSoonFrom()));
            writes.add(new com.mongodb.client.model.UpdateOneModel<>(new org.bson.Document("_id", obligation.id()).append("version", obligation.version()),
                    new org.bson.Document("$set", set).append("$inc", new org.bson.Document("version", 1L))));
        }
        var result = mongo.getCollection(mongo.getCollectionName(Obligation.class)).bulkWrite(writes,
                new com.mongodb.client.model.BulkWriteOptions().ordered(false));
        if (result.getMatchedCount() < moved.size()) {
            // Some copy was stale (the bulk result does not say which): each is summarised again from what is stored,
            // which writes nothing where the bulk's update landed.
            moved.forEach(o -> refreshProgress(obligation(o.id()), null));
        }
    }

    private Obligation obligation(String id) {
        return Optional.ofNullable(mongo.findById(id, Obligation.class)).orElseThrow(() -> new NotFoundException("No obligation " + id));
    }

    private List<Occurrence> occurrencesOf(Obligation obligation) {
        List<Occurrence> found = new ArrayList<>(mongo.find(Query.query(Criteria.where("_id").in(obligation.occurrenceIds())), Occurrence.class));
        found.sort(java.util.Comparator.comparingInt(Occurrence::sequence));
        return found;
    }
}
