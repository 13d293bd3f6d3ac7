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
        Resolution resolution) {

    /** How finance resolved it by hand: the occurrence it was linked to, by whom, when. Null while unresolved. */
    public record Resolution(String obligationId, String occurrenceId, String by, Instant at) {
    }

    UnmatchedFinanceEvent resolved(Resolution how) {
        return new UnmatchedFinanceEvent(eventId, type, invoiceId, obligationId, amount, currency, reason, detail, receivedAt, envelope, how);
    }

    public enum Reason { UNKNOWN_OBLIGATION, NOT_A_PAYMENT_OBLIGATION, CURRENCY_MISMATCH, AMOUNT_MISMATCH, NO_OPEN_OCCURRENCE, UNKNOWN_INVOICE }
}
