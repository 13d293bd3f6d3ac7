package io.windshift.obligation.finance;

import java.math.BigDecimal;
import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A finance event that closes nothing: unknown obligation, wrong currency, an amount that does not fit.
 * Kept with the reason (never dropped) for finance to resolve, by linking a payment to an occurrence by hand
 * ({@link FinanceLedger#link}); {@code _id} is the event id, so a redelivery stores it once.
 */
@Document("unmatched_finance_events")
public record UnmatchedFinanceEvent(
        @Id String eventId,
        String type,
        String invoiceId,
        String obligationId,
        BigDecimal amount,
        String currency,
        String reason,
        String detail,
        Instant receivedAt,
        String envelope,
        Resolution resolution,
        String reference) {

    /** How finance resolved it by hand: the occurrence it was linked to, by whom, when. Null while unresolved. */
    public record Resolution(String obligationId, String occurrenceId, String by, Instant at) {
    }

    UnmatchedFinanceEvent resolved(Resolution how) {
        return new UnmatchedFinanceEvent(eventId, type, invoiceId, obligationId, amount, currency, reason, detail, receivedAt, envelope, how, reference);
    }

    /**
     * Why it fits nothing. DUPLICATE_PAYMENT: a payment id applied before, or a payment for an occurrence already closed;
     * DIRECTION_MISMATCH: a receipt for what we owe, or a payment out for what the partner owes; AMBIGUOUS_MATCH: the
     * agreement's milestone or clause names several obligations in that currency; INVOICE_ALREADY_PAID: a cancellation
     * of an invoice already paid.
     */
    public enum Reason {
        UNKNOWN_OBLIGATION, NOT_A_PAYMENT_OBLIGATION, CURRENCY_MISMATCH, AMOUNT_MISMATCH, NO_OPEN_OCCURRENCE, UNKNOWN_INVOICE,
        UNKNOWN_REFERENCE, AMBIGUOUS_MATCH, DIRECTION_MISMATCH, DUPLICATE_PAYMENT, INVOICE_ALREADY_PAID
    }
}
