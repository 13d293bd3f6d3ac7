package io.windshift.obligation.register;

import io.windshift.contract.EventIds;
import io.windshift.contract.EventType;
import io.windshift.contract.obligation.MilestoneDue;
import io.windshift.contract.obligation.ObligationOverdue;
import io.windshift.contract.obligation.OccurrenceClosed;
import io.windshift.contract.obligation.OccurrenceRescheduled;
import io.windshift.messaging.outbox.OutboxAggregate;
import io.windshift.messaging.outbox.OutboxEvent;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One due date of an obligation. It carries its own reminder plan ({@code nextReminderAt}) and outbox, so a
 * scheduler claims a reminder with one conditional write (guarded by {@code version}) that advances the plan
 * and stores the event: two instances racing for it cannot both win.
 */
@Document("occurrences")
public class Occurrence implements OutboxAggregate {

    @Id
    private String id;
    private String obligationId;
    private String allianceId;
    private int sequence;
    private LocalDate dueDate;
    private OccurrenceState state;
    private Timeliness timeliness;
    private Instant closedAt;
    private String evidence;
    private BigDecimal expectedAmount;
    private String currency;
    private BigDecimal paidAmount = BigDecimal.ZERO;
    private List<InvoiceRecord> invoices = new ArrayList<>();
    /** Paid beyond the expected amount: a finding for finance (a refund or a credit), the occurrence still closes. */
    private BigDecimal excessAmount;
    private List<Integer> leadTimes;
    /** Reminder steps at or before this instant were sent or skipped. */
    private Instant remindedUpTo;
    private Instant nextReminderAt;
    private Integer nextLeadDays;
    private List<AuditEntry> history = new ArrayList<>();
    @Version
    private Long version;
    private List<OutboxEvent> pendingEvents = new ArrayList<>();

    private Occurrence() {
    }

    static Occurrence plan(Obligation obligation, int sequence, LocalDate dueDate, String by, Instant now) {
        Occurrence o = new Occurrence();
        o.id = obligation.id() + "-" + sequence;
        o.obligationId = obligation.id();
        o.allianceId = obligation.allianceId();
        o.sequence = sequence;
        o.dueDate = dueDate;
        o.state = OccurrenceState.OPEN;
        o.expectedAmount = obligation.amount();
        o.currency = obligation.currency();
        o.leadTimes = obligation.leadTimes();
        o.history.add(new AuditEntry(now, by, "PLANNED", dueDate == null ? "awaiting " + obligation.schedule().trigger() : "due " + dueDate));
        o.replan(now);
        return o;
    }

    /** OPEN, DUE_SOON or OVERDUE for an open occurrence, by the clock; otherwise the stored state. */
    public String status(LocalDate today) {
        if (state != OccurrenceState.OPEN || dueDate == null) {
            return state.name();
        }
        if (today.isAfter(dueDate)) {
            return "OVERDUE";
        }
        int longest = leadTimes.isEmpty() ? 0 : leadTimes.getFirst();
        return today.isBefore(dueDate.minusDays(longest)) ? "OPEN" : "DUE_SOON";
    }

    /** Whether a reminder is waiting and its time has come. */
    public boolean reminderDue(Instant now) {
        return nextReminderAt != null && !nextReminderAt.isAfter(now);
    }

    /**
     * Sends the reminder whose time has come: milestone-due for a lead time, overdue (escalating to the
     * owner's manager) past the due date. Advances the plan past it.
     */
    public ObligationEvent remind(Obligation obligation, String ownerManagerId, Instant now) {
        if (!reminderDue(now)) {
            throw new IllegalStateException("no reminder due for " + id);
        }
        // The plan was made when the previous step fired; after downtime a later step may have passed since.
        replan(now);
        int lead = nextLeadDays;
        remindedUpTo = nextReminderAt;
        ObligationEvent event;
        if (lead == ReminderPlan.OVERDUE) {
            history.add(new AuditEntry(now, "scheduler", "OVERDUE", "escalated to " + ownerManagerId));
            event = new ObligationEvent(EventIds.derived(id, "overdue", dueDate.toString()), EventType.OBLIGATION_OVERDUE, obligationId,
                    new ObligationOverdue(obligationId, id, allianceId, obligation.title(), obligation.ownerId(), ownerManagerId, dueDate,
                            expectedAmount, currency));
        } else {
            history.add(new AuditEntry(now, "scheduler", "REMINDED", lead + " days before " + dueDate));
            event = new ObligationEvent(EventIds.derived(id, "milestone-due", dueDate.toString(), Integer.toString(lead)),
                    EventType.OBLIGATION_MILESTONE_DUE, obligationId,
                    new MilestoneDue(obligationId, id, allianceId, obligation.title(), obligation.type().name(), obligation.ownerId(),
                            obligation.reviewerId(), dueDate, lead, expectedAmount, currency, obligation.clauseRef()));
        }
        replan(now);
        return event;
    }

    /** Moves the due date; reminders are planned again from the new date. */
    public Optional<ObligationEvent> reschedule(Obligation obligation, LocalDate newDueDate, String reason, String by, Instant now) {
        requireNotClosed();
        if (newDueDate.equals(dueDate)) {
            return Optional.empty();
        }
        LocalDate previous = dueDate;
        dueDate = newDueDate;
        // A new date settles a dispute about the old one: reminders resume.
        state = OccurrenceState.OPEN;
        remindedUpTo = ReminderPlan.watermarkAfterReschedule(newDueDate, now);
        history.add(new AuditEntry(now, by, "RESCHEDULED", previous + " -> " + newDueDate + (reason == null ? "" : ": " + reason)));
        replan(now);
        return Optional.of(rescheduled(obligation, previous));
    }

    /**
     * The milestone a triggered obligation waits for was achieved: the payment falls due N days later.
     * Recording the same trigger twice changes nothing.
     */
    public Optional<ObligationEvent> trigger(Obligation obligation, LocalDate achievedOn, String note, String by, Instant now) {
        requireNotClosed();
        if (dueDate != null) {
            return Optional.empty();
        }
        dueDate = achievedOn.plusDays(obligation.schedule().dueDaysAfterTrigger());
        remindedUpTo = null;
        history.add(new AuditEntry(now, by, "TRIGGERED", obligation.schedule().trigger() + " achieved " + achievedOn
                + (note == null ? "" : ": " + note) + "; due " + dueDate));
        replan(now);
        return Optional.of(rescheduled(obligation, null));
    }

    public ObligationEvent fulfil(Obligation obligation, LocalDate fulfilledOn, String evidence, String by, String sourceEventId, Instant now) {
        requireNotClosed();
        state = OccurrenceState.FULFILLED;
        timeliness = Timeliness.of(fulfilledOn, dueDate);
        this.evidence = evidence;
        closedAt = now;
        nextReminderAt = null;
        nextLeadDays = null;
        history.add(new AuditEntry(now, by, "FULFILLED", timeliness + " on " + fulfilledOn + (evidence == null ? "" : ": " + evidence)));
        return closed(obligation, EventType.OBLIGATION_FULFILLED, timeliness.name(), sourceEventId);
    }

    public ObligationEvent waive(Obligation obligation, String reason, String by, Instant now) {
        requireNotClosed();
        state = OccurrenceState.WAIVED;
        evidence = reason;
        closedAt = now;
        nextReminderAt = null;
        nextLeadDays = null;
        history.add(new AuditEntry(now, by, "WAIVED", reason));
        return closed(obligation, EventType.OBLIGATION_WAIVED, null, null);
    }

    /** The parties disagree whether or what is owed: reminders stop until it is fulfilled, waived or rescheduled. */
    public void dispute(String reason, String by, Instant now) {
        requireNotClosed();
        state = OccurrenceState.IN_DISPUTE;
        nextReminderAt = null;
        nextLeadDays = null;
        history.add(new AuditEntry(now, by, "DISPUTED", reason));
    }

    /** Finance approved an invoice against this occurrence (recorded; it closes nothing yet). */
    public void invoiceApproved(String invoiceId, BigDecimal amount, String eventId, Instant now) {
        invoices.add(new InvoiceRecord(invoiceId, "APPROVED", amount, eventId, now));
        history.add(new AuditEntry(now, eventId, "INVOICE_APPROVED", invoiceId + " " + amount + " " + currency));
    }

    public void invoiceCanceled(String invoiceId, String reason, String eventId, Instant now) {
        invoices.add(new InvoiceRecord(invoiceId, "CANCELED", null, eventId, now));
        history.add(new AuditEntry(now, eventId, "INVOICE_CANCELED", invoiceId + (reason == null ? "" : ": " + reason)));
    }

    /**
     * A payment, in the occurrence's currency: a partial payment stays open with the amount still outstanding; the
     * payment that completes the amount fulfils the occurrence (early, on time or late by the paid date), and what it
     * pays beyond is kept as {@code excessAmount}, a finding in the history.
     */
    public Optional<ObligationEvent> paid(Obligation obligation, String invoiceId, BigDecimal amount, Instant paidAt, String eventId, Instant now) {
        invoices.add(new InvoiceRecord(invoiceId, "PAID", amount, eventId, paidAt));
        paidAmount = paidAmount.add(amount);
        if (expectedAmount != null && paidAmount.compareTo(expectedAmount) < 0) {
            history.add(new AuditEntry(now, eventId, "PARTIALLY_PAID", invoiceId + " " + amount + " " + currency + "; paid " + paidAmount
                    + " of " + expectedAmount + ", outstanding " + outstandingAmount()));
            return Optional.empty();
        }
        if (expectedAmount != null && paidAmount.compareTo(expectedAmount) > 0) {
            excessAmount = paidAmount.subtract(expectedAmount);
            history.add(new AuditEntry(now, eventId, "OVERPAID", "finding: " + excessAmount + " " + currency + " paid beyond " + expectedAmount
                    + " (" + invoiceId + ")"));
        }
        return Optional.of(fulfil(obligation, paidAt.atZone(ZoneOffset.UTC).toLocalDate(), "invoice " + invoiceId + " paid",
                eventId, eventId, now));
    }

    /** What is still owed: the expected amount less what was paid, never below zero; null without an expected amount. */
    public BigDecimal outstandingAmount() {
        return expectedAmount == null ? null : expectedAmount.subtract(paidAmount).max(BigDecimal.ZERO);
    }

    /**
     * Where the invoicing of this occurrence stands, from its invoices and amounts: NOT_INVOICED, INVOICE_APPROVED,
     * INVOICE_CANCELED (the latest invoice event decides while nothing is paid), PARTIALLY_PAID, PAID or OVERPAID.
     */
    public String billing() {
        if (paidAmount.signum() > 0) {
            if (excessAmount != null && excessAmount.signum() > 0) {
                return "OVERPAID";
            }
            return expectedAmount == null || paidAmount.compareTo(expectedAmount) >= 0 ? "PAID" : "PARTIALLY_PAID";
        }
        return invoices.isEmpty() ? "NOT_INVOICED" : "CANCELED".equals(invoices.getLast().status()) ? "INVOICE_CANCELED" : "INVOICE_APPROVED";
    }

    public boolean hasInvoice(String invoiceId, String status) {
        return invoices.stream().anyMatch(i -> i.invoiceId().equals(invoiceId) && i.status().equals(status));
    }

    public boolean hasProcessed(String eventId) {
        return invoices.stream().anyMatch(i -> eventId.equals(i.eventId()));
    }

    /** Plans the next reminder from the due date, the lead times and what was already sent. */
    private void replan(Instant now) {
        Optional<ReminderPlan.Step> next = state == OccurrenceState.OPEN
                ? ReminderPlan.next(dueDate, leadTimes, remindedUpTo, now) : Optional.empty();
        nextReminderAt = next.map(ReminderPlan.Step::at).orElse(null);
        nextLeadDays = next.map(ReminderPlan.Step::leadDays).orElse(null);
    }

    private void requireNotClosed() {
        if (state.isClosed()) {
            throw new OccurrenceClosedException(id, state);
        }
    }

    private ObligationEvent rescheduled(Obligation obligation, LocalDate previous) {
        return new ObligationEvent(EventIds.random(), EventType.OBLIGATION_RESCHEDULED, obligationId,
                new OccurrenceRescheduled(obligationId, id, allianceId, obligation.title(), previous, dueDate));
    }

    private ObligationEvent closed(Obligation obligation, EventType type, String timeliness, String sourceEventId) {
        return new ObligationEvent(EventIds.derived(id, "closed"), type, obligationId,
                new OccurrenceClosed(obligationId, id, allianceId, obligation.title(), dueDate, closedAt, timeliness,
                        paidAmount.signum() == 0 ? null : paidAmount, currency, evidence, sourceEventId));
    }

    public void record(List<OutboxEvent> events) {
        pendingEvents.addAll(events);
    }

    @Override
    public String id() { return id; }
    @Override
    public List<OutboxEvent> pendingEvents() { return pendingEvents; }
    public String obligationId() { return obligationId; }
    public String allianceId() { return allianceId; }
    public int sequence() { return sequence; }
    public LocalDate dueDate() { return dueDate; }
    public OccurrenceState state() { return state; }
    public Timeliness timeliness() { return timeliness; }
    public Instant closedAt() { return closedAt; }
    public String evidence() { return evidence; }
    public BigDecimal expectedAmount() { return expectedAmount; }
    public String currency() { return currency; }
    public BigDecimal paidAmount() { return paidAmount; }
    public BigDecimal excessAmount() { return excessAmount; }
    public List<InvoiceRecord> invoices() { return List.copyOf(invoices); }
    public Instant nextReminderAt() { return nextReminderAt; }
    public Integer nextLeadDays() { return nextLeadDays; }
    public List<AuditEntry> history() { return List.copyOf(history); }
    public Long version() { return version; }
}
