package io.windshift.obligation.finance;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.model.Filters;
import io.windshift.contract.CloudEvent;
import io.windshift.contract.EventJson;
import io.windshift.contract.EventType;
import io.windshift.obligation.finance.FinanceMatcher.Mismatch;
import io.windshift.obligation.finance.FinanceMatcher.Target;
import io.windshift.obligation.finance.UnmatchedFinanceEvent.Reason;
import io.windshift.obligation.register.ExternalReference;
import io.windshift.obligation.register.Obligation;
import io.windshift.obligation.register.ObligationEvent;
import io.windshift.obligation.register.ObligationRegister;
import io.windshift.obligation.register.Occurrence;
import io.windshift.obligation.register.OccurrenceUpdates;
import io.windshift.obligation.register.ReferenceIndex;
import io.windshift.service.web.NotFoundException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/**
 * Applies finance events to payment obligations, found by {@link FinanceMatcher}. A payment goes to the occurrence its
 * reference names, else the one its invoice was approved against, else the earliest still open (paying early is
 * allowed): a partial payment keeps it open with the amount outstanding, the completing one fulfils it, an over-payment
 * fulfils it and keeps the excess as a finding. A second payment with the same payment id, or one for an occurrence
 * already closed, changes nothing. Anything that does not fit is kept as unmatched with its reason.
 */
@Service
public class FinanceLedger {

    private static final Logger log = LoggerFactory.getLogger(FinanceLedger.class);
    /** Payment ids already applied, {@code _id} = the payment key: a duplicate is found by one keyed read. */
    static final String PAYMENTS = "finance_payments";

    private final ObligationRegister register;
    private final OccurrenceUpdates updates;
    private final FinanceBatch batch;
    private final FinanceMatcher matcher;
    private final ReferenceIndex index;
    private final MongoTemplate mongo;
    private final Clock clock;

    FinanceLedger(ObligationRegister register, OccurrenceUpdates updates, FinanceMatcher matcher, ReferenceIndex index, MongoTemplate mongo,
                  Clock clock) {
        this.register = register;
        this.updates = updates;
        this.batch = new FinanceBatch(register, updates, matcher, index, mongo, clock, this);
        this.matcher = matcher;
        this.index = index;
        this.mongo = mongo;
        this.clock = clock;
    }

    public void apply(CloudEvent event) {
        FinanceFacts facts = FinanceFacts.of(event);
        try {
            switch (facts.type()) {
                case FINANCE_INVOICE_APPROVED -> approved(event, facts);
                case FINANCE_INVOICE_CANCELED -> canceled(event, facts);
                default -> paid(event, facts);
            }
        } catch (Mismatch m) {
            keepUnmatched(event, facts, m.reason, m.getMessage());
        }
    }

    /** Test seam: {@code hook} runs in each batch after its reads, before its writes. */
    void afterBatchRead(Runnable hook) {
        batch.afterRead = hook == null ? () -> { } : hook;
    }

    /**
     * Many events in order, as a batch ({@link FinanceBatch}: each with the outcome {@link #apply} gives it, runs of
     * payments read and written together), their obligation events relayed together at the end.
     */
    public void applyAll(List<CloudEvent> events) {
        updates.inBatch(() -> batch.apply(events));
    }

    private void paid(CloudEvent event, FinanceFacts paid) {
        Target target = matcher.resolve(paid.keys(), paid.currency(), paid.direction());
        Obligation obligation = requirePayment(target.obligation(), paid);
        List<Occurrence> occurrences = register.occurrencesOf(obligation);
        if (occurrences.stream().anyMatch(o -> o.hasProcessed(event.id()))) {
            return;
        }
        Occurrence occurrence = occurrenceFor(target, occurrences, paid.invoiceId(), true);
        claimPayment(paid.paymentKey(), event.id());
        updates.updateOccurrence(obligation, occurrences, occurrence.id(), (ob, oc) -> {
            if (oc.hasProcessed(event.id())) {
                return List.of();
            }
            if (oc.state().isClosed()) {
                throw new Mismatch(Reason.DUPLICATE_PAYMENT, oc.id() + " is already " + oc.state());
            }
            return oc.paid(ob, paid.invoiceId(), paid.amount(), paid.at(), event.id(), clock.instant()).map(List::of).orElse(List.of());
        });
    }

    private void approved(CloudEvent event, FinanceFacts approved) {
        Target target = matcher.resolve(approved.keys(), approved.currency(), approved.direction());
        Obligation obligation = requirePayment(target.obligation(), approved);
        List<Occurrence> occurrences = register.occurrencesOf(obligation);
        if (occurrences.stream().anyMatch(o -> o.hasProcessed(event.id()))) {
            return;
        }
        Occurrence occurrence = occurrenceFor(target, occurrences, approved.invoiceId(), false);
        requireFits(occurrence, approved.amount());
        updates.updateOccurrence(obligation, occurrences, occurrence.id(), (ob, oc) -> {
            if (!oc.hasProcessed(event.id())) {
                if (oc.state().isClosed()) {
                    throw new Mismatch(Reason.NO_OPEN_OCCURRENCE, oc.id() + " is already " + oc.state());
                }
                oc.invoiceApproved(approved.invoiceId(), approved.amount(), event.id(), clock.instant());
            }
            return List.of();
        });
        // Its payment may name only the invoice: the invoice id becomes a reference of this occurrence.
        index.claim(new ExternalReference(ExternalReference.Kind.INVOICE, approved.invoiceId(), occurrence.id()), obligation.id());
    }

    private void canceled(CloudEvent event, FinanceFacts canceled) {
        Occurrence occurrence = approvedOccurrence(canceled);
        if (occurrence.hasInvoice(canceled.invoiceId(), "PAID")) {
            throw new Mismatch(Reason.INVOICE_ALREADY_PAID, "invoice " + canceled.invoiceId() + " was already paid on " + occurrence.id());
        }
        updates.updateOccurrence(occurrence.id(), (ob, oc) -> {
            if (!oc.hasProcessed(event.id())) {
                oc.invoiceCanceled(canceled.invoiceId(), text(event.data(), "reason"), event.id(), clock.instant());
            }
            return List.of();
        });
    }

    /** The occurrence the invoice was approved against: by its reference, else among the occurrences of what it names. */
    private Occurrence approvedOccurrence(FinanceFacts canceled) {
        if (!FinanceMatcher.present(canceled.keys().obligationId())) {
            ReferenceIndex.Entry entry = index.lookup(List.of(ReferenceIndex.referenceKey(canceled.invoiceId())))
                    .get(ReferenceIndex.referenceKey(canceled.invoiceId()));
            if (entry != null && entry.occurrenceId() != null) {
                Optional<Occurrence> found = register.findOccurrence(entry.occurrenceId()).filter(o -> o.hasInvoice(canceled.invoiceId(), "APPROVED"));
                if (found.isPresent()) {
                    return found.get();
                }
            }
        }
        Obligation obligation;
        try {
            obligation = matcher.resolve(canceled.keys(), null, null).obligation();
        } catch (Mismatch m) {
            if (m.reason == Reason.UNKNOWN_OBLIGATION) {
                throw m;
            }
            throw new Mismatch(Reason.UNKNOWN_INVOICE, "invoice " + canceled.invoiceId() + " was never approved");
        }
        return register.occurrencesOf(obligation).stream().filter(o -> o.hasInvoice(canceled.invoiceId(), "APPROVED")).findFirst()
                .orElseThrow(() -> new Mismatch(Reason.UNKNOWN_INVOICE, "invoice " + canceled.invoiceId() + " was never approved"));
    }

    static Obligation requirePayment(Obligation obligation, FinanceFacts facts) {
        if (!obligation.isPayment()) {
            throw new Mismatch(Reason.NOT_A_PAYMENT_OBLIGATION, obligation.id() + " is a " + obligation.type() + " obligation");
        }
        if (facts.direction() != null && !facts.direction().equals(obligation.direction().name())) {
            throw new Mismatch(Reason.DIRECTION_MISMATCH, (facts.direction().equals("OWED_TO_US") ? "a receipt from the partner" : "a payment to the partner")
                    + ", but " + obligation.id() + " is " + obligation.direction());
        }
        if (obligation.currency() == null || !obligation.currency().equalsIgnoreCase(facts.currency())) {
            throw new Mismatch(Reason.CURRENCY_MISMATCH, "in " + facts.currency() + ", obligation " + obligation.id() + " is in " + obligation.currency());
        }
        return obligation;
    }

    /**
     * The occurrence named by the reference, else the one the invoice was approved against, else the earliest open. For a
     * payment, a closed one is a duplicate (it was paid, or waived: nothing is owed).
     */
    static Occurrence occurrenceFor(Target target, List<Occurrence> occurrences, String invoiceId, boolean payment) {
        if (target.occurrenceId() != null) {
            Occurrence named = occurrences.stream().filter(o -> o.id().equals(target.occurrenceId())).findFirst()
                    .orElseThrow(() -> new Mismatch(Reason.UNKNOWN_REFERENCE, "no occurrence " + target.occurrenceId()));
            if (named.state().isClosed()) {
                throw new Mismatch(payment ? Reason.DUPLICATE_PAYMENT : Reason.NO_OPEN_OCCURRENCE, named.id() + " is already " + named.state());
            }
            return named;
        }
        return occurrences.stream().filter(o -> !o.state().isClosed() && invoiceId != null && o.hasInvoice(invoiceId, "APPROVED")).findFirst()
                .or(() -> occurrences.stream().filter(o -> !o.state().isClosed()).findFirst())
                .orElseThrow(() -> payment && occurrences.stream().anyMatch(o -> o.paidAmount().signum() > 0)
                        ? new Mismatch(Reason.DUPLICATE_PAYMENT, "every occurrence of " + target.obligation().id() + " is already paid or waived")
                        : new Mismatch(Reason.NO_OPEN_OCCURRENCE, "every occurrence is already fulfilled or waived"));
    }

    /** Takes the payment key for this event, before the payment is recorded; a key another event took is a duplicate. */
    private void claimPayment(String paymentKey, String eventId) {
        var payments = mongo.getCollection(PAYMENTS);
        try {
            payments.insertOne(new Document("_id", paymentKey).append("eventId", eventId).append("at", java.util.Date.from(clock.instant())));
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            Document held = payments.find(Filters.eq("_id", paymentKey)).first();
            if (held != null && !eventId.equals(held.getString("eventId"))) {
                throw alreadyApplied(paymentKey, held.getString("eventId"));
            }
        }
    }

    /** The payment key was taken by another event: this payment is a duplicate. */
    static Mismatch alreadyApplied(String paymentKey, String heldBy) {
        return new Mismatch(Reason.DUPLICATE_PAYMENT, paymentKey.replace(':', ' ') + " was already applied by event " + heldBy);
    }

    private static void requireFits(Occurrence occurrence, BigDecimal amount) {
        BigDecimal outstanding = occurrence.outstandingAmount();
        if (outstanding != null && amount.compareTo(outstanding) > 0) {
            throw new Mismatch(Reason.AMOUNT_MISMATCH, amount + " " + occurrence.currency() + " exceeds what is still owed: "
                    + outstanding + " of " + occurrence.expectedAmount());
        }
    }

    void keepUnmatched(CloudEvent event, FinanceFacts facts, Reason reason, String detail) {
        var data = event.data();
        String reference = facts.keys().reference() != null ? facts.keys().reference()
                : facts.keys().agreementId() != null ? facts.keys().agreementId() + " " + Optional.ofNullable(facts.keys().milestone())
                .orElse(Optional.ofNullable(facts.keys().clauseRef()).orElse("")) : null;
        mongo.save(new UnmatchedFinanceEvent(event.id(), event.type(), text(data, "invoiceId"), text(data, "obligationId"), facts.amount(),
                facts.currency(), reason.name(), detail, clock.instant(), EventJson.write(event), null, reference == null ? null : reference.strip()));
        log.warn("Unmatched finance event {} ({}): {} {}", event.id(), event.type(), reason, detail);
    }

    /** The unmatched events still to resolve, newest first (a scan of a collection that stays small: finance's worklist). */
    public List<UnmatchedFinanceEvent> unmatched() {
        return mongo.find(new Query(Criteria.where("resolution").is(null)).with(Sort.by(Sort.Direction.DESC, "receivedAt")),
                UnmatchedFinanceEvent.class);
    }

    /** Why a link by hand is refused: the event or the occurrence does not allow it (a 409 for the API). */
    public static final class LinkRefused extends RuntimeException {
        LinkRefused(String detail) {
            super(detail);
        }
    }

    /**
     * Finance links an unmatched payment to the occurrence it was for. The payment is recorded there with the amount
     * rules of matching: a partial payment leaves the occurrence open with the rest outstanding, unless {@code close}
     * says to close it anyway (a person decided; the shortfall is in the evidence); a full or over-payment fulfils it.
     * The event leaves the worklist. Linking the same event to the same occurrence again changes nothing.
     */
    public Occurrence link(String eventId, String obligationId, String occurrenceId, boolean close, String by) {
        UnmatchedFinanceEvent unmatched = Optional.ofNullable(mongo.findById(eventId, UnmatchedFinanceEvent.class))
                .orElseThrow(() -> new NotFoundException("No unmatched finance event " + eventId));
        if (unmatched.resolution() != null) {
            if (unmatched.resolution().occurrenceId().equals(occurrenceId)) {
                return register.findOccurrence(occurrenceId).orElseThrow();
            }
            throw new LinkRefused("event " + eventId + " was already linked to " + unmatched.resolution().occurrenceId());
        }
        CloudEvent event = EventJson.read(unmatched.envelope());
        FinanceFacts paid = FinanceFacts.of(event);
        if (!paid.isPayment()) {
            throw new LinkRefused("only a payment can be linked to an occurrence; " + eventId + " is a " + unmatched.type());
        }
        Obligation obligation = register.find(obligationId).orElseThrow(() -> new NotFoundException("No obligation " + obligationId));
        if (!obligation.occurrenceIds().contains(occurrenceId)) {
            throw new NotFoundException("No occurrence " + occurrenceId + " of " + obligationId);
        }
        if (!obligation.isPayment()) {
            throw new LinkRefused(obligationId + " is a " + obligation.type() + " obligation, not a payment");
        }
        if (obligation.currency() == null || !obligation.currency().equalsIgnoreCase(paid.currency())) {
            throw new LinkRefused("paid in " + paid.currency() + ", the obligation is in " + obligation.currency());
        }
        Occurrence linked = updates.updateOccurrence(occurrenceId, (ob, oc) -> {
            if (oc.hasProcessed(eventId)) {
                return List.of();
            }
            if (oc.state().isClosed()) {
                throw new LinkRefused("occurrence " + occurrenceId + " is already " + oc.state());
            }
            Instant now = clock.instant();
            List<ObligationEvent> events = new ArrayList<>();
            oc.paid(ob, paid.invoiceId(), paid.amount(), paid.at(), eventId, now).ifPresent(events::add);
            if (!oc.state().isClosed() && close) {
                events.add(oc.fulfil(ob, paid.at().atZone(ZoneOffset.UTC).toLocalDate(), "invoice " + paid.invoiceId()
                        + " linked by hand by " + by + " and closed short (paid " + oc.paidAmount() + " of " + oc.expectedAmount() + " "
                        + oc.currency() + ", " + oc.outstandingAmount() + " not paid)", by, eventId, now));
            }
            return events;
        });
        mongo.save(unmatched.resolved(new UnmatchedFinanceEvent.Resolution(obligationId, occurrenceId, by, clock.instant())));
        log.info("Unmatched finance event {} linked to occurrence {} by {}", eventId, occurrenceId, by);
        return linked;
    }

    private static String text(tools.jackson.databind.JsonNode data, String field) {
        return Optional.ofNullable(data.get(field)).filter(n -> !n.isNull()).map(n -> n.asString()).orElse(null);
    }
}
