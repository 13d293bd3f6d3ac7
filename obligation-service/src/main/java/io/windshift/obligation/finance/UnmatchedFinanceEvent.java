package io.windshift.obligation.finance;

import java.math.BigDecimal;
import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A finance event that closes nothing: unknown obligation, wrong currency, an amount that does not fit.
 * Kept with the reason (never dropped) for finance to resolve; {@code _id} is the event id, so a
 * redelivery stores it once.
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
        String envelope) {

    public enum Reason { UNKNOWN_OBLIGATION, NOT_A_PAYMENT_OBLIGATION, CURRENCY_MISMATCH, AMOUNT_MISMATCH, NO_OPEN_OCCURRENCE, UNKNOWN_INVOICE }
}
