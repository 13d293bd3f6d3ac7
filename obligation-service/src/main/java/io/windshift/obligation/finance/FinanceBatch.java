package io.windshift.obligation.finance;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertManyOptions;
import io.windshift.contract.CloudEvent;
import io.windshift.contract.EventType;
import io.windshift.obligation.finance.FinanceMatcher.Mismatch;
import io.windshift.obligation.finance.FinanceMatcher.Target;
import io.windshift.obligation.register.Obligation;
import io.windshift.obligation.register.ObligationEvent;
import io.windshift.obligation.register.ObligationRegister;
import io.windshift.obligation.register.Occurrence;
import io.windshift.obligation.register.OccurrenceUpdates;
import io.windshift.obligation.register.ReferenceIndex;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Payments applied as a batch, with the outcome {@link FinanceLedger#apply} gives each in order: one read per kind of
 * document for the whole batch ({@code $in} on {@code _id}: the index entries, the obligations, their occurrences, the
 * payment keys already taken), the matching and the payments in memory (an occurrence paid twice in the batch sees the
 * first payment), then bulk writes: the new payment keys, the occurrences with their events (versioned replaces), the
 * obligations' progress. Events of other types in the batch are applied one by one where they stand, between runs of
 * payments.
 *
 * <p>Exactly once, as one by one: a payment key another instance took meanwhile, or an occurrence whose stored copy
 * moved on (its versioned replace lost), sends every event of that obligation in the batch to the one-by-one path,
 * which reads what is stored, skips what is already applied (the occurrence's invoices name the event) and applies the
 * rest.
 */
final class FinanceBatch {

    private final ObligationRegister register;
    private final OccurrenceUpdates updates;
    private final FinanceMatcher matcher;
    private final ReferenceIndex index;
    private final MongoTemplate mongo;
    private final Clock clock;
    private final FinanceLedger ledger;
    /** Test seam: runs after the batch has read what it applies to and before it writes (a race is made there). */
    volatile Runnable afterRead = () -> { };

    FinanceBatch(ObligationRegister register, OccurrenceUpdates updates, FinanceMatcher matcher, ReferenceIndex index, MongoTemplate mongo,
                 Clock clock, FinanceLedger ledger) {
        this.register = register;
        this.updates = updates;
        this.matcher = matcher;
        this.index = index;
        this.mongo = mongo;
        this.clock = clock;
        this.ledger = ledger;
    }

    static boolean isPayment(CloudEvent event) {
        EventType type = event.knownType().orElse(null);
        return type == EventType.FINANCE_INVOICE_PAID || type == EventType.FINANCE_PAYMENT_RECEIVED || type == EventType.FINANCE_PAYMENT_SENT;
    }

    /** Runs of consecutive payments together, any other event on its own, in order. Call inside {@link OccurrenceUpdates#inBatch}. */
    void apply(List<CloudEvent> events) {
        List<CloudEvent> run = new ArrayList<>();
        for (CloudEvent event : events) {
            if (isPayment(event)) {
                run.add(event);
                continue;
            }
            payments(run);
            run.clear();
            ledger.apply(event);
        }
        payments(run);
    }

    /** One payment of the run as the batch sees it: its facts, what it matched, and its outcome once applied in memory. */
    private static final class Payment {
        final CloudEvent event;
        final FinanceFacts facts;
        Target target;
        Mismatch unmatched;

        Payment(CloudEvent event) {
            this.event = event;
            this.facts = FinanceFacts.of(event);
        }

        String obligationId() {
            return target == null ? null : target.obligation().id();
        }
    }

    private void payments(List<CloudEvent> run) {
        if (run.isEmpty()) {
            return;
        }
        // Read everything up front (a payment that cannot be read fails the run before anything is written).
        List<Payment> payments = run.stream().map(Payment::new).toList();
        Set<String> keys = new HashSet<>();
        payments.forEach(p -> {
            if (!FinanceMatcher.present(p.facts.keys().obligationId())) {
                keys.addAll(FinanceMatcher.lookupKeys(p.facts.keys()));
            }
        });
        Map<String, ReferenceIndex.Entry> found = index.lookup(keys);
        Set<String> candidates = new HashSet<>();
        payments.forEach(p -> candidates.addAll(FinanceMatcher.candidateIds(p.facts.keys(), found)));
        Map<String, Obligation> obligations = register.findAll(candidates);
        Map<String, Obligation> targets = new LinkedHashMap<>();
        for (Payment p : payments) {
            try {
                p.target = matcher.resolve(p.facts.keys(), p.facts.currency(), p.facts.direction(), found, id -> Optional.ofNullable(obligations.get(id)));
                FinanceLedger.requirePayment(p.target.obligation(), p.facts);
                targets.put(p.obligationId(), p.target.obligation());
            } catch (Mismatch m) {
                p.unmatched = m;
                p.target = null;
            }
        }
        Map<String, List<Occurrence>> occurrences = new HashMap<>(register.occurrencesOf(List.copyOf(targets.values())));
        targets.keySet().forEach(id -> occurrences.putIfAbsent(id, List.of()));
        Map<String, String> claimed = claimedPayments(payments);
        afterRead.run();

        // In memory, in order: what FinanceLedger.paid does to each, on the copies read above.
        Map<String, String> newClaims = new LinkedHashMap<>();
        Map<String, String> claimOwners = new HashMap<>();
        Map<String, Occurrence> changed = new LinkedHashMap<>();
        Map<String, List<ObligationEvent>> eventsOf = new HashMap<>();
        Map<String, Integer> firstEventAt = new HashMap<>();
        Map<String, String> causeOf = new HashMap<>();
        Map<String, List<String>> appliedTo = new HashMap<>();
        for (int i = 0; i < payments.size(); i++) {
            Payment p = payments.get(i);
            if (p.target == null) {
                continue;
            }
            Obligation obligation = p.target.obligation();
            List<Occurrence> ofObligation = occurrences.get(obligation.id());
            if (ofObligation.stream().anyMatch(o -> o.hasProcessed(p.event.id()))) {
                continue;
            }
            try {
                Occurrence occurrence = FinanceLedger.occurrenceFor(p.target, ofObligation, p.facts.invoiceId(), true);
                String held = claimed.get(p.facts.paymentKey());
                if (held != null && !held.equals(p.event.id())) {
                    throw FinanceLedger.alreadyApplied(p.facts.paymentKey(), held);
                }
                if (held == null) {
                    claimed.put(p.facts.paymentKey(), p.event.id());
                    newClaims.put(p.facts.paymentKey(), p.event.id());
                    claimOwners.put(p.facts.paymentKey(), obligation.id());
                }
                Optional<ObligationEvent> closed = occurrence.paid(obligation, p.facts.invoiceId(), p.facts.amount(), p.facts.at(), p.event.id(),
                        clock.instant());
                changed.put(occurrence.id(), occurrence);
                appliedTo.computeIfAbsent(occurrence.id(), k -> new ArrayList<>()).add(p.event.id());
                List<ObligationEvent> events = eventsOf.computeIfAbsent(occurrence.id(), k -> new ArrayList<>());
                if (closed.isPresent()) {
                    events.add(closed.get());
                    firstEventAt.putIfAbsent(occurrence.id(), i);
                    causeOf.putIfAbsent(occurrence.id(), p.event.traceparent());
                }
            } catch (Mismatch m) {
                p.unmatched = m;
            }
        }

        // Written in bulk: the payment keys first (as one by one), then the occurrences and their obligations' progress.
        Set<String> again = new LinkedHashSet<>(takeClaims(newClaims, claimOwners));
        List<OccurrenceUpdates.Change> changes = new ArrayList<>();
        changed.values().stream().filter(o -> !again.contains(o.obligationId()))
                .sorted(java.util.Comparator.comparingInt(o -> firstEventAt.getOrDefault(o.id(), -1)))
                .forEach(o -> changes.add(new OccurrenceUpdates.Change(o, eventsOf.get(o.id()), causeOf.get(o.id()))));
        again.addAll(updates.saveAll(changes, targets, occurrences,
                stored -> appliedTo.getOrDefault(stored.id(), List.of()).stream().allMatch(stored::hasProcessed)));

        for (Payment p : payments) {
            if (p.obligationId() != null && again.contains(p.obligationId())) {
                ledger.apply(p.event);
            } else if (p.unmatched != null) {
                ledger.keepUnmatched(p.event, p.facts, p.unmatched.reason, p.unmatched.getMessage());
            }
        }
    }

    /** The payment keys of the run already taken, by whom: one read. */
    private Map<String, String> claimedPayments(List<Payment> payments) {
        Set<String> keys = new HashSet<>();
        payments.forEach(p -> keys.add(p.facts.paymentKey()));
        Map<String, String> claimed = new HashMap<>();
        for (Document d : mongo.getCollection(FinanceLedger.PAYMENTS).find(Filters.in("_id", keys))) {
            claimed.put(d.getString("_id"), d.getString("eventId"));
        }
        return claimed;
    }

    /** Takes the new payment keys in one unordered insert; returns the obligations of keys another writer took meanwhile. */
    private Set<String> takeClaims(Map<String, String> newClaims, Map<String, String> owners) {
        if (newClaims.isEmpty()) {
            return Set.of();
        }
        Date at = Date.from(clock.instant());
        List<Document> documents = new ArrayList<>(newClaims.size());
        List<String> order = new ArrayList<>(newClaims.keySet());
        newClaims.forEach((key, eventId) -> documents.add(new Document("_id", key).append("eventId", eventId).append("at", at)));
        try {
            mongo.getCollection(FinanceLedger.PAYMENTS).insertMany(documents, new InsertManyOptions().ordered(false));
            return Set.of();
        } catch (MongoBulkWriteException e) {
            Set<String> raced = new HashSet<>();
            e.getWriteErrors().forEach(w -> {
                if (ErrorCategory.fromErrorCode(w.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
                raced.add(owners.get(order.get(w.getIndex())));
            });
            return raced;
        }
    }
}
