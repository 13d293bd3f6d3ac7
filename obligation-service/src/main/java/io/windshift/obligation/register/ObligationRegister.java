package io.windshift.obligation.register;

import com.mongodb.client.model.Indexes;
import io.windshift.messaging.outbox.Outbox;
import io.windshift.obligation.schedule.DueIndex;
import io.windshift.service.web.NotFoundException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/**
 * The register's commands and questions: registration, references, owners, and reading obligations and their
 * occurrences (changes to occurrences and the progress they give are {@link OccurrenceUpdates}'). Every change is one
 * atomic write of one document together with its events (outbox); occurrences are written before the obligation that
 * announces them, so a crash in between leaves only unannounced occurrences, which the scheduler ignores.
 */
@Service
public class ObligationRegister {

    private static final int MAX_ATTEMPTS = 5;

    private final MongoTemplate mongo;
    private final Outbox outbox;
    private final ObligationEvents events;
    private final Clock clock;
    private final ReferenceIndex references;
    private final OccurrenceUpdates updates;

    ObligationRegister(MongoTemplate mongo, Outbox outbox, ObligationEvents events, DueIndex dueIndex, Clock clock) {
        this(mongo, outbox, events, clock, new ReferenceIndex(mongo), new OccurrenceUpdates(mongo, outbox, events, dueIndex, clock));
    }

    @org.springframework.beans.factory.annotation.Autowired
    ObligationRegister(MongoTemplate mongo, Outbox outbox, ObligationEvents events, Clock clock, ReferenceIndex references,
                       OccurrenceUpdates updates) {
        this.references = references;
        this.updates = updates;
        this.mongo = mongo;
        this.outbox = outbox;
        this.events = events;
        this.clock = clock;
        outbox.watch(Obligation.class);
        outbox.watch(Occurrence.class);
        // The unique {_id, version} index of optimistic locking comes from windshift-messaging (VersionedSaveIndexes).
        // These serve MongoDB (the embedded store ignores non-unique indexes): each branch of
        // the read scope ($or of owner, reviewer, alliances, finance's payment kinds) and the list's order,
        // so a page is read from an index, plus status / due-date filters across the whole register.
        var obligations = mongo.getCollection("obligations");
        for (String key : List.of("ownerId", "reviewerId", "allianceId", "category", "type")) {
            obligations.createIndex(Indexes.ascending(key, "createdAt", "_id"));
        }
        obligations.createIndex(Indexes.ascending("createdAt", "_id"));
        obligations.createIndex(Indexes.ascending(ObligationStatus.STATE, ObligationStatus.NEXT_DUE_DATE));
    }

    /**
     * Obligations stored before they carried their occurrences' summary get it once at startup, so the status
     * and due-date filters see them too.
     */
    @EventListener(ApplicationReadyEvent.class)
    void summariseLegacyObligations() {
        List<Obligation> legacy = mongo.find(Query.query(Criteria.where(ObligationStatus.STATE).exists(false)), Obligation.class);
        legacy.forEach(o -> updates.refreshProgress(o, null));
        if (!references.backfilled()) {
            // Payment obligations registered before the agreement index existed: indexed once.
            mongo.find(new Query(), Obligation.class).forEach(references::indexAgreement);
            references.markBackfilled();
        }
    }

    public Obligation register(ObligationTerms terms, String by) {
        return save(Obligation.register("ob-" + UUID.randomUUID(), terms, by, null, clock.instant()));
    }

    /** Registers under a deterministic id, once: a redelivered cause finds it there and adds nothing. */
    public Optional<Obligation> registerOnce(String id, ObligationTerms terms, String by, String sourceEventId) {
        return registerOnce(id, terms, by, sourceEventId, null);
    }

    /** As {@link #registerOnce(String, ObligationTerms, String, String)}, tracking an alliance impact action. */
    public Optional<Obligation> registerOnce(String id, ObligationTerms terms, String by, String sourceEventId, ActionLink link) {
        if (mongo.findById(id, Obligation.class) != null) {
            return Optional.empty();
        }
        Obligation.Registration registration = Obligation.register(id, terms, by, sourceEventId, link, clock.instant());
        // Occurrences left by an attempt that died before writing the obligation belong to nothing: this one replaces them.
        mongo.remove(Query.query(Criteria.where("_id").in(registration.obligation().occurrenceIds())), Occurrence.class);
        return Optional.of(save(registration));
    }

    private Obligation save(Obligation.Registration registration) {
        Obligation registered = registration.obligation();
        List<ExternalReference> taken = new ArrayList<>();
        for (int i = 0; i < registered.references().size(); i++) {
            ExternalReference reference = registered.references().get(i);
            Optional<String> holder = references.claim(reference, registered.id());
            if (holder.isPresent()) {
                references.release(taken, registered.id());
                throw new io.windshift.service.web.InvalidRequestException("references[" + i + "].value",
                        "'" + reference.value() + "' is already a reference of " + holder.get());
            }
            taken.add(reference);
        }
        references.indexAgreement(registered);
        for (Occurrence occurrence : registration.occurrences()) {
            updates.saveOccurrence(occurrence, List.of());
        }
        Obligation obligation = registration.obligation();
        obligation.record(events.toOutbox(List.of(registration.event())));
        return outbox.save(obligation);
    }

    public Optional<Obligation> find(String id) {
        return Optional.ofNullable(mongo.findById(id, Obligation.class));
    }

    public Obligation get(String id) {
        return find(id).orElseThrow(() -> new NotFoundException("No obligation " + id));
    }

    public List<Occurrence> occurrencesOf(Obligation obligation) {
        List<Occurrence> found = new ArrayList<>(mongo.find(Query.query(Criteria.where("_id").in(obligation.occurrenceIds())), Occurrence.class));
        found.sort(java.util.Comparator.comparingInt(Occurrence::sequence));
        return found;
    }

    public Optional<Occurrence> findOccurrence(String occurrenceId) {
        return Optional.ofNullable(mongo.findById(occurrenceId, Occurrence.class));
    }

    /** The occurrences of several obligations in one read, by obligation id, each list in sequence. */
    public Map<String, List<Occurrence>> occurrencesOf(List<Obligation> obligations) {
        List<String> ids = obligations.stream().flatMap(o -> o.occurrenceIds().stream()).toList();
        if (ids.isEmpty()) {
            return Map.of();
        }
        Map<String, List<Occurrence>> byObligation = new HashMap<>();
        for (Occurrence occurrence : mongo.find(Query.query(Criteria.where("_id").in(ids)), Occurrence.class)) {
            byObligation.computeIfAbsent(occurrence.obligationId(), k -> new ArrayList<>()).add(occurrence);
        }
        byObligation.values().forEach(list -> list.sort(java.util.Comparator.comparingInt(Occurrence::sequence)));
        return byObligation;
    }

    /** The obligations of these ids that exist, in one read ({@code $in} on {@code _id}), by id. */
    public Map<String, Obligation> findAll(java.util.Collection<String> ids) {
        Map<String, Obligation> found = new HashMap<>();
        if (!ids.isEmpty()) {
            mongo.find(Query.query(Criteria.where("_id").in(ids)), Obligation.class).forEach(o -> found.put(o.id(), o));
        }
        return found;
    }

    /** Obligations of one alliance, or all of them, oldest first. */
    public List<Obligation> list(String allianceId) {
        Query query = allianceId == null ? new Query() : Query.query(Criteria.where("allianceId").is(allianceId));
        return mongo.find(query.with(Sort.by("createdAt", "_id")), Obligation.class);
    }

    /** One page of a list and how many match in all. */
    public record Found(List<Obligation> items, long total) {
    }

    /**
     * One page of the obligations matching {@code filter} within {@code scope} (what the caller may read, as a
     * store filter; null for everything), oldest first: filtered, counted, sorted and paged by the store.
     */
    public Found search(ObligationFilter filter, Criteria scope, int page, int size) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        List<Criteria> all = new ArrayList<>();
        if (scope != null) {
            all.add(scope);
        }
        if (filter.ownerId() != null) {
            all.add(Criteria.where("ownerId").is(filter.ownerId()));
        }
        if (filter.allianceId() != null) {
            all.add(Criteria.where("allianceId").is(filter.allianceId()));
        }
        if (filter.status() != null) {
            all.add(filter.status().criteria(today));
        }
        if (filter.dueBefore() != null) {
            all.add(Criteria.where(ObligationStatus.NEXT_DUE_DATE).lte(filter.dueBefore()));
        }
        Criteria criteria = all.isEmpty() ? null : all.size() == 1 ? all.getFirst() : new Criteria().andOperator(all);
        long total = mongo.count(criteria == null ? new Query() : Query.query(criteria), Obligation.class);
        long skip = (long) page * size;
        if (total <= skip) {
            return new Found(List.of(), total);
        }
        Query query = (criteria == null ? new Query() : Query.query(criteria)).with(Sort.by("createdAt", "_id")).skip(skip).limit(size);
        return new Found(mongo.find(query, Obligation.class), total);
    }

    public Obligation assignOwner(String obligationId, String personId, String by) {
        return update(obligationId, o -> o.assignOwner(personId, by, clock.instant()).map(List::of).orElse(List.of()));
    }

    /**
     * The person left (or left an alliance's team, when {@code allianceId} is given): every obligation they own
     * there is owner-vacated by {@code triggerEventId}. Returns how many were vacated; safe to repeat.
     */
    public int vacateOwnerships(String personId, String allianceId, String reason, String triggerEventId) {
        Criteria owned = Criteria.where("ownerId").is(personId);
        if (allianceId != null) {
            owned = owned.and("allianceId").is(allianceId);
        }
        int vacated = 0;
        for (Obligation obligation : mongo.find(Query.query(owned), Obligation.class)) {
            List<ObligationEvent> changes = new ArrayList<>();
            update(obligation.id(), o -> {
                changes.clear();
                o.vacateOwner(personId, reason, triggerEventId, clock.instant()).ifPresent(changes::add);
                return List.copyOf(changes);
            });
            vacated += changes.size();
        }
        return vacated;
    }

    /** HR rescinded {@code rescindedEventId}: owners it vacated own their obligations again. */
    public int restoreOwnerships(String rescindedEventId, String rescindEventId) {
        int restored = 0;
        for (Obligation obligation : mongo.find(Query.query(Criteria.where("vacatedBy").is(rescindedEventId)), Obligation.class)) {
            List<ObligationEvent> changes = new ArrayList<>();
            update(obligation.id(), o -> {
                changes.clear();
                o.restoreOwner(rescindedEventId, rescindEventId, clock.instant()).ifPresent(changes::add);
                return List.copyOf(changes);
            });
            restored += changes.size();
        }
        return restored;
    }

    /** Why a reference cannot be added: another obligation holds it (a 409 for the API). */
    public static final class ReferenceTakenException extends RuntimeException {
        public ReferenceTakenException(String detail) {
            super(detail);
        }
    }

    /** Adds a finance reference to the obligation or one occurrence of it; adding it again changes nothing. */
    public Obligation addReference(String obligationId, ExternalReference reference, String by) {
        Obligation obligation = get(obligationId);
        if (reference.occurrenceId() != null && !obligation.occurrenceIds().contains(reference.occurrenceId())) {
            throw new NotFoundException("No occurrence " + reference.occurrenceId() + " of " + obligationId);
        }
        references.claim(reference, obligationId).ifPresent(holder -> {
            throw new ReferenceTakenException("'" + reference.value() + "' is already a reference of " + holder);
        });
        for (int attempt = 1; ; attempt++) {
            if (!obligation.addReference(reference, by, clock.instant())) {
                return obligation;
            }
            try {
                return outbox.save(obligation);
            } catch (OptimisticLockingFailureException e) {
                if (attempt >= MAX_ATTEMPTS) {
                    throw e;
                }
                obligation = get(obligationId);
            }
        }
    }

    private Obligation update(String obligationId, Function<Obligation, List<ObligationEvent>> change) {
        for (int attempt = 1; ; attempt++) {
            Obligation obligation = get(obligationId);
            List<ObligationEvent> changes = change.apply(obligation);
            if (changes.isEmpty()) {
                // Obligation commands that change nothing say nothing; an idle write would only relay stale outbox entries again.
                return obligation;
            }
            obligation.record(events.toOutbox(changes));
            try {
                return outbox.save(obligation);
            } catch (OptimisticLockingFailureException e) {
                if (attempt >= MAX_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    Instant now() {
        return clock.instant();
    }
}
