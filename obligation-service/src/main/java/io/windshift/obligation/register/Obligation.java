package io.windshift.obligation.register;

import io.windshift.contract.EventIds;
import io.windshift.contract.EventType;
import io.windshift.contract.obligation.ObligationRegistered;
import io.windshift.contract.obligation.OwnerAssigned;
import io.windshift.contract.obligation.OwnerVacated;
import io.windshift.messaging.outbox.OutboxAggregate;
import io.windshift.messaging.outbox.OutboxEvent;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One right or obligation of an alliance agreement: who owns it, what it is worth, when it comes due. Its
 * occurrences (the due dates) are separate documents so that the scheduler claims each on its own.
 * Domain methods change state and return the events that describe the change.
 */
@Document("obligations")
public class Obligation implements OutboxAggregate {

    @Id
    private String id;
    private String allianceId;
    private String title;
    private String agreementId;
    private String clauseRef;
    private Category category;
    private ObligationType type;
    private Direction direction;
    private String ownerId;
    private String reviewerId;
    /** The owner who left, kept while nobody owns it, so a rescinded departure can restore them. */
    private String vacatedOwnerId;
    /** The trigger (HR CloudEvent id) that vacated the owner. */
    private String vacatedBy;
    private BigDecimal amount;
    private String currency;
    private List<Integer> leadTimes;
    private Schedule schedule;
    private String sourceEventId;
    /** The alliance impact action this obligation tracks (partner notices), or null. */
    private ActionLink link;
    private int occurrenceCount;
    /** The finance system's keys for it (invoice numbers, purchase orders, milestone references); see {@link ReferenceIndex}. */
    private List<ExternalReference> references = new ArrayList<>();
    /**
     * What the occurrences add up to, kept here so that lists filter and page in the store (see
     * {@link ObligationStatus}): the state of the current occurrence (the earliest one still open or in
     * dispute) or how they all closed, its due date, and the day it becomes due soon (the longest lead time
     * before). Refreshed by the register after every change of an occurrence.
     */
    private OccurrenceState state;
    private LocalDate nextDueDate;
    private LocalDate dueSoonFrom;
    private Instant createdAt;
    private List<AuditEntry> history = new ArrayList<>();
    @Version
    private Long version;
    private List<OutboxEvent> pendingEvents = new ArrayList<>();

    private Obligation() {
    }

    /** The new obligation, its occurrences and the event announcing it. */
    public record Registration(Obligation obligation, List<Occurrence> occurrences, ObligationEvent event) {
    }

    public static Registration register(String id, ObligationTerms terms, String by, String sourceEventId, Instant now) {
        return register(id, terms, by, sourceEventId, null, now);
    }

    public static Registration register(String id, ObligationTerms terms, String by, String sourceEventId, ActionLink link, Instant now) {
        Obligation o = new Obligation();
        o.id = id;
        o.allianceId = terms.allianceId();
        o.title = terms.title();
        o.agreementId = terms.agreementId();
        o.clauseRef = terms.clauseRef();
        o.category = terms.category();
        o.type = terms.type();
        o.direction = terms.direction();
        o.ownerId = terms.ownerId();
        o.reviewerId = terms.reviewerId();
        o.amount = terms.amount();
        o.currency = terms.currency();
        o.leadTimes = List.copyOf(terms.leadTimes());
        o.schedule = terms.schedule();
        o.sourceEventId = sourceEventId;
        o.link = link;
        o.references = new ArrayList<>(terms.references());
        o.createdAt = now;
        o.history.add(new AuditEntry(now, by, "REGISTERED", terms.type() + " " + terms.title()));
        List<Occurrence> occurrences = new ArrayList<>();
        List<LocalDate> dates = terms.schedule().dueDates();
        o.occurrenceCount = dates.size();
        for (int i = 0; i < dates.size(); i++) {
            occurrences.add(Occurrence.plan(o, i + 1, dates.get(i), by, now));
        }
        o.summarise(occurrences);
        LocalDate first = dates.getFirst();
        ObligationRegistered registered = new ObligationRegistered(id, o.allianceId, o.title, o.type.name(), o.category.name(),
                o.direction.name(), o.ownerId, o.reviewerId, o.amount, o.currency, first, o.agreementId, o.clauseRef,
                sourceEventId);
        return new Registration(o, occurrences,
                new ObligationEvent(EventIds.derived(id, "registered"), EventType.OBLIGATION_REGISTERED, id, registered));
    }

    /**
     * The owner left: the obligation has nobody until someone is assigned. Once per obligation and trigger;
     * a second report of the same departure (termination, then the role-vacated it caused) changes nothing.
     */
    public Optional<ObligationEvent> vacateOwner(String personId, String reason, String triggerEventId, Instant now) {
        if (ownerId == null || !ownerId.equals(personId)) {
            return Optional.empty();
        }
        vacatedOwnerId = personId;
        vacatedBy = triggerEventId;
        ownerId = null;
        history.add(new AuditEntry(now, triggerEventId, "OWNER_VACATED", personId + " (" + reason + ")"));
        OwnerVacated vacated = new OwnerVacated(id, allianceId, title, personId, reason, triggerEventId);
        return Optional.of(new ObligationEvent(EventIds.derived(id, triggerEventId, "owner-vacated"),
                EventType.OBLIGATION_OWNER_VACATED, id, vacated));
    }

    /** HR took back the departure that vacated the owner: they own it again, unless someone else was assigned since. */
    public Optional<ObligationEvent> restoreOwner(String rescindedEventId, String rescindEventId, Instant now) {
        if (ownerId != null || vacatedBy == null || !vacatedBy.equals(rescindedEventId)) {
            return Optional.empty();
        }
        ownerId = vacatedOwnerId;
        vacatedOwnerId = null;
        String filled = vacatedBy;
        vacatedBy = null;
        history.add(new AuditEntry(now, rescindEventId, "OWNER_RESTORED", ownerId + " (departure " + rescindedEventId + " rescinded)"));
        OwnerAssigned assigned = new OwnerAssigned(id, allianceId, title, ownerId, null, rescindEventId, filled);
        return Optional.of(new ObligationEvent(EventIds.derived(id, rescindEventId, "owner-assigned"),
                EventType.OBLIGATION_OWNER_ASSIGNED, id, assigned));
    }

    /** Someone takes over the obligation. Assigning the current owner again changes nothing. */
    public Optional<ObligationEvent> assignOwner(String personId, String by, Instant now) {
        if (personId.equals(ownerId)) {
            return Optional.empty();
        }
        String previous = ownerId != null ? ownerId : vacatedOwnerId;
        String filled = ownerId == null ? vacatedBy : null;
        ownerId = personId;
        vacatedOwnerId = null;
        vacatedBy = null;
        history.add(new AuditEntry(now, by, "OWNER_ASSIGNED", personId + (previous == null ? "" : " (was " + previous + ")")));
        String eventId = EventIds.random();
        OwnerAssigned assigned = new OwnerAssigned(id, allianceId, title, personId, previous, eventId, filled);
        return Optional.of(new ObligationEvent(eventId, EventType.OBLIGATION_OWNER_ASSIGNED, id, assigned));
    }

    /** Records a reference finance will use (already taken in the {@link ReferenceIndex}); false when it was there. */
    boolean addReference(ExternalReference reference, String by, Instant now) {
        String key = ReferenceIndex.referenceKey(reference.value());
        if (references().stream().anyMatch(r -> ReferenceIndex.referenceKey(r.value()).equals(key)
                && java.util.Objects.equals(r.occurrenceId(), reference.occurrenceId()))) {
            return false;
        }
        references.removeIf(r -> ReferenceIndex.referenceKey(r.value()).equals(key));
        references.add(reference);
        history.add(new AuditEntry(now, by, "REFERENCE_ADDED", reference.kind() + " " + reference.value()
                + (reference.occurrenceId() == null ? "" : " for " + reference.occurrenceId())));
        return true;
    }

    /** The summary of these occurrences (all of this obligation's), as stored on the obligation. */
    record Progress(OccurrenceState state, LocalDate nextDueDate, LocalDate dueSoonFrom) {

        static Progress of(List<Occurrence> occurrences, List<Integer> leadTimes) {
            Optional<Occurrence> current = occurrences.stream().filter(oc -> !oc.state().isClosed())
                    .min(java.util.Comparator.comparing(Occurrence::dueDate, java.util.Comparator.nullsLast(java.util.Comparator.naturalOrder()))
                            .thenComparingInt(Occurrence::sequence));
            if (current.isPresent()) {
                LocalDate due = current.get().dueDate();
                int longest = leadTimes == null || leadTimes.isEmpty() ? 0 : leadTimes.getFirst();
                return new Progress(current.get().state(), due, due == null ? null : due.minusDays(longest));
            }
            boolean allWaived = !occurrences.isEmpty() && occurrences.stream().allMatch(oc -> oc.state() == OccurrenceState.WAIVED);
            return new Progress(allWaived ? OccurrenceState.WAIVED : OccurrenceState.FULFILLED, null, null);
        }
    }

    /** Takes the summary of its occurrences; true when it changed. */
    boolean summarise(List<Occurrence> occurrences) {
        Progress progress = Progress.of(occurrences, leadTimes);
        if (progress.equals(progress())) {
            return false;
        }
        state = progress.state();
        nextDueDate = progress.nextDueDate();
        dueSoonFrom = progress.dueSoonFrom();
        return true;
    }

    Progress progress() {
        return new Progress(state, nextDueDate, dueSoonFrom);
    }

    /** OPEN, DUE_SOON, OVERDUE or IN_DISPUTE by the current occurrence, or FULFILLED / WAIVED once all are closed. */
    public ObligationStatus status(LocalDate today) {
        return ObligationStatus.of(state, nextDueDate, dueSoonFrom, today);
    }

    /** Payments and their reports: what finance sees and what invoices close. */
    public boolean isPayment() {
        return category == Category.FINANCIAL || type.isPayment();
    }

    /** The person an escalation goes to the manager of: the owner, or the one who left it. */
    public String accountablePerson() {
        return ownerId != null ? ownerId : vacatedOwnerId;
    }

    public boolean isOwnedOrReviewedBy(String personId) {
        return Objects.equals(ownerId, personId) || Objects.equals(reviewerId, personId);
    }

    public void record(List<OutboxEvent> events) {
        pendingEvents.addAll(events);
    }

    void audit(AuditEntry entry) {
        history.add(entry);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public List<OutboxEvent> pendingEvents() {
        return pendingEvents;
    }

    public String allianceId() { return allianceId; }
    public String title() { return title; }
    public String agreementId() { return agreementId; }
    public String clauseRef() { return clauseRef; }
    public Category category() { return category; }
    public ObligationType type() { return type; }
    public Direction direction() { return direction; }
    public String ownerId() { return ownerId; }
    public String reviewerId() { return reviewerId; }
    public String vacatedOwnerId() { return vacatedOwnerId; }
    public String vacatedBy() { return vacatedBy; }
    public boolean ownerVacated() { return ownerId == null && vacatedOwnerId != null; }
    public BigDecimal amount() { return amount; }
    public String currency() { return currency; }
    public List<Integer> leadTimes() { return leadTimes; }
    public Schedule schedule() { return schedule; }
    public String sourceEventId() { return sourceEventId; }
    public ActionLink link() { return link; }
    public List<ExternalReference> references() { return references == null ? List.of() : List.copyOf(references); }
    /** The due date of the current occurrence; null once all are closed, or while it awaits its trigger. */
    public LocalDate nextDueDate() { return nextDueDate; }
    public Instant createdAt() { return createdAt; }
    /** Occurrence ids are the obligation id and a sequence number: read by {@code _id}, never by a scan. */
    public List<String> occurrenceIds() {
        return java.util.stream.IntStream.rangeClosed(1, occurrenceCount).mapToObj(n -> id + "-" + n).toList();
    }
    public List<AuditEntry> history() { return List.copyOf(history); }
    public Long version() { return version; }
}
