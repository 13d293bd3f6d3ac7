package io.windshift.contract.finance;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * {@code finance.invoice.paid}: closes the matching payment obligation. The spec's fields first; the rest are optional
 * (added in events 1.3.0): an ERP that does not know Windshift's {@code obligationId} names the {@code reference} it
 * knows, or the agreement with the milestone or clause; {@code paymentId} tells a duplicate from a second instalment
 * (without it, the invoice id does); {@code direction} is checked against the obligation's.
 */
public record InvoicePaid(
        @NotBlank @Size(max = MAX_KEY) String invoiceId,
        @Size(max = MAX_KEY) String obligationId,
        @NotNull @Positive BigDecimal amount,
        @NotBlank String currency,
        @NotNull Instant paidAt,
        @Size(max = MAX_KEY) String paymentId,
        @Size(max = MAX_KEY) String reference,
        @Size(max = MAX_KEY) String agreementId,
        @Size(max = MAX_KEY) String milestone,
        @Size(max = MAX_KEY) String clauseRef,
        @Pattern(regexp = "OWED_TO_US|OWED_BY_US", message = "must be OWED_TO_US or OWED_BY_US") String direction) implements FinanceKeys {

    /** The spec's payload: {invoiceId, obligationId, amount, currency, paidAt}. */
    public InvoicePaid(String invoiceId, String obligationId, BigDecimal amount, String currency, Instant paidAt) {
        this(invoiceId, obligationId, amount, currency, paidAt, null, null, null, null, null, null);
    }
}
