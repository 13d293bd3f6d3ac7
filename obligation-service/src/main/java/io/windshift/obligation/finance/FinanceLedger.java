package io.windshift.obligation.finance;

import io.windshift.contract.CloudEvent;
import io.windshift.contract.EventJson;
import io.windshift.contract.EventType;
import io.windshift.contract.finance.InvoiceApproved;
import io.windshift.contract.finance.InvoiceCanceled;
import io.windshift.contract.finance.InvoicePaid;
import io.windshift.obligation.finance.UnmatchedFinanceEvent.Reason;
import io.windshift.obligation.register.Obligation;
import io.windshift.obligation.register.ObligationRegister;
import io.windshift.obligation.register.ObligationEvent;
import io.windshift.obligation.register.Occurrence;
import io.windshift.service.web.NotFoundException;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/**
 * Matches finance events to payment obligations. A payment goes to the earliest occurrence still open;
 * paying early is allowed, a partial payment stays open with the amount paid so far, the completing one
 * fulfils the occurrence. Anything that does not fit is kept as unmatched with its reason.
 */
@Service
public class FinanceLedger {

    private static final Logger log = LoggerFactory.getLogger(FinanceLedger.class);

    private final ObligationRegister register;
    private final MongoTemplate mongo;
    private final Clock clock;

    FinanceLedger(ObligationRegister register, MongoTemplate mongo, Clock clock) {
        this.register = register;
        this.mongo = mongo;
        this.clock = clock;
    }

    /** Why an event does not fit, found while applying it. */
    static final class Mismatch extends RuntimeException {
        final Reason reason;

        Mismatch(Reason reason, String detail) {
            super(detail);
            this.reason = reason;
        }
    }

    public void apply(CloudEvent event) {
        try {
            switch (event.knownType().orElseThrow()) {
                case FINANCE_INVOICE_PAID -> paid(event, event.dataAs(InvoicePaid.class));
                case FINANCE_INVOICE_APPROVED -> approved(event, event.dataAs(InvoiceApproved.class));
                case FINANCE_INVOICE_CANCELED -> canceled(event, event.dataAs(InvoiceCanceled.class));
                default -> throw new IllegalArgumentException("not a finance event: " + event.type());
            }
        } catch (Mismatch m) {
            keepUnmatched(event, m.reason, m.getMessage());
        }
    }

    private void paid(CloudEvent event, InvoicePaid paid) {
        Obligation obligation = paymentObligation(paid.obligationId(), paid.currency());
        List<Occurrence> occurrences = register.occurrencesOf(obligation);
        if (occurrences.stream().anyMatch(o -> o.hasProcessed(event.id()) || o.hasInvoice(paid.invoiceId(), "PAID"))) {
            return;
        }
        Occurrence target = firstOpen(occurrences, paid.invoiceId());
        register.updateOccurrence(target.id(), (ob, oc) -> {
            if (oc.hasProcessed(event.id())) {
                return List.of();
            }
            requireOpen(oc);
            requireFits(oc, paid.amount());
            return oc.paid(ob, paid.invoiceId(), paid.amount(), paid.paidAt(), event.id(), clock.instant()).map(List::of).orElse(List.of());
        });
    }

    private void approved(CloudEvent event, InvoiceApproved approved) {
        Obligation obligation = paymentObligation(approved.obligationId(), approved.currency());
        List<Occurrence> occurrences = register.occurrencesOf(obligation);
        if (occurrences.stream().anyMatch(o -> o.hasProcessed(event.id()))) {
            return;
        }
        Occurrence target = firstOpen(occurrences, approved.invoiceId());
        register.updateOccurrence(target.id(), (ob, oc) -> {
            if (!oc.hasProcessed(event.id())) {
                requireOpen(oc);
                requireFits(oc, approved.amount());
                oc.invoiceApproved(approved.invoiceId(), approved.amount(), event.id(), clock.instant());
            }
            return List.of();
        });
    }

    private void canceled(CloudEvent event, InvoiceCanceled canceled) {
        Obligation obligation = register.find(canceled.obligationId())
                .orElseThrow(() -> new Mismatch(Reason.UNKNOWN_OBLIGATION, "no obligation " + canceled.obligationId()));
        Occurrence target = register.occurrencesOf(obligation).stream().filter(o -> o.hasInvoice(canceled.invoiceId(), "APPROVED"))
                .findFirst()
                .orElseThrow(() -> new Mismatch(Reason.UNKNOWN_INVOICE, "invoice " + canceled.invoiceId() + " was never approved"));
        register.updateOccurrence(target.id(), (ob, oc) -> {
            if (!oc.hasProcessed(event.id())) {
                oc.invoiceCanceled(canceled.invoiceId(), canceled.reason(), event.id(), clock.instant());
            }
            return List.of();
        });
    }

    private Obligation paymentObligation(String obligationId, String currency) {
        Obligation obligation = register.find(obligationId)
                .orElseThrow(() -> new Mismatch(Reason.UNKNOWN_OBLIGATION, "no obligation " + obligationId));
        if (!obligation.isPayment()) {
            throw new Mismatch(Reason.NOT_A_PAYMENT_OBLIGATION, obligationId + " is a " + obligation.type() + " obligation");
        }
        if (obligation.currency() == null || !obligation.currency().equalsIgnoreCase(currency)) {
            throw new Mismatch(Reason.CURRENCY_MISMATCH, "paid in " + currency + ", obligation is in " + obligation.currency());
        }
        return obligation;
    }

    /** The occurrence an invoice belongs to: the one it was approved against, else the earliest still open. */
    private static Occurrence firstOpen(List<Occurrence> occurrences, String invoiceId) {
        return occurrences.stream().filter(o -> !o.state().isClosed() && o.hasInvoice(invoiceId, "APPROVED")).findFirst()
                .or(() -> occurrences.stream().filter(o -> !o.state().isClosed()).findFirst())
                .orElseThrow(() -> new Mismatch(Reason.NO_OPEN_OCCURRENCE, "every occurrence is already fulfilled or waived"));
    }

    private static void requireOpen(Occurrence occurrence) {
        if (occurrence.state().isClosed()) {
            throw new Mismatch(Reason.NO_OPEN_OCCURRENCE, occurrence.id() + " is already " + occurrence.state());
        }
    }

    private static void requireFits(Occurrence occurrence, BigDecimal amount) {
        BigDecimal expected = occurrence.expectedAmount();
        if (expected != null && occurrence.paidAmount().add(amount).compareTo(expected) > 0) {
            throw new Mismatch(Reason.AMOUNT_MISMATCH, amount + " " + occurrence.currency() + " exceeds what is still owed: "
                    + expected.subtract(occurrence.paidAmount()) + " of " + expected);
        }
    }

    private void keepUnmatched(CloudEvent event, Reason reason, String detail) {
        var data = event.data();
        BigDecimal amount = data.has("amount") && data.get("amount").isNumber() ? data.get("amount").decimalValue() : null;
        mongo.save(new UnmatchedFinanceEvent(event.id(), event.type(), text(data, "invoiceId"), text(data, "obligationId"), amount,
                text(data, "currency"), reason.name(), detail, clock.instant(), EventJson.write(event), null));
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
     * Finance links an unmatched payment to the occurrence it was for: the payment is recorded on that occurrence, which
     * then closes (fulfilled, with the link as evidence, even when the amount falls short: a person decided), and the
     * event leaves the worklist. Linking the same event to the same occurrence again changes nothing.
     */
    public Occurrence link(String eventId, String obligationId, String occurrenceId, String by) {
        UnmatchedFinanceEvent unmatched = Optional.ofNullable(mongo.findById(eventId, UnmatchedFinanceEvent.class))
                .orElseThrow(() -> new NotFoundException("No unmatched finance event " + eventId));
        if (unmatched.resolution() != null) {
            if (unmatched.resolution().occurrenceId().equals(occurrenceId)) {
                return register.findOccurrence(occurrenceId).orElseThrow();
            }
            throw new LinkRefused("event " + eventId + " was already linked to " + unmatched.resolution().occurrenceId());
        }
        if (!EventType.FINANCE_INVOICE_PAID.wireName().equals(unmatched.type())) {
            throw new LinkRefused("only a payment can be linked to an occurrence; " + eventId + " is a " + unmatched.type());
        }
        Obligation obligation = register.find(obligationId).orElseThrow(() -> new NotFoundException("No obligation " + obligationId));
        if (!obligation.occurrenceIds().contains(occurrenceId)) {
            throw new NotFoundException("No occurrence " + occurrenceId + " of " + obligationId);
        }
        if (!obligation.isPayment()) {
            throw new LinkRefused(obligationId + " is a " + obligation.type() + " obligation, not a payment");
        }
        InvoicePaid paid = EventJson.read(unmatched.envelope()).dataAs(InvoicePaid.class);
        if (obligation.currency() == null || !obligation.currency().equalsIgnoreCase(paid.currency())) {
            throw new LinkRefused("paid in " + paid.currency() + ", the obligation is in " + obligation.currency());
        }
        Occurrence linked = register.updateOccurrence(occurrenceId, (ob, oc) -> {
            if (oc.hasProcessed(eventId)) {
                return List.of();
            }
            if (oc.state().isClosed()) {
                throw new LinkRefused("occurrence " + occurrenceId + " is already " + oc.state());
            }
            java.time.Instant now = clock.instant();
            List<ObligationEvent> events = new java.util.ArrayList<>();
            oc.paid(ob, paid.invoiceId(), paid.amount(), paid.paidAt(), eventId, now).ifPresent(events::add);
            if (!oc.state().isClosed()) {
                events.add(oc.fulfil(ob, paid.paidAt().atZone(java.time.ZoneOffset.UTC).toLocalDate(), "invoice " + paid.invoiceId()
                        + " linked by hand by " + by + " (paid " + oc.paidAmount() + " of " + oc.expectedAmount() + " " + oc.currency() + ")",
                        by, eventId, now));
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
