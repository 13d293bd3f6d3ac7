package io.windshift.contract.finance;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * {@code finance.invoice.approved}: an invoice against a payment obligation is approved for payment. Matched like a
 * payment ({@link FinanceKeys}); the invoice id then becomes a reference of the occurrence, so its payment matches by
 * the invoice id alone.
 */
public record InvoiceApproved(
        @NotBlank @Size(max = MAX_KEY) String invoiceId,
        @Size(max = MAX_KEY) String obligationId,
        @NotNull @Positive BigDecimal amount,
        @NotBlank String currency,
        @NotNull Instant approvedAt,
        @Size(max = MAX_KEY) String reference,
        @Size(max = MAX_KEY) String agreementId,
        @Size(max = MAX_KEY) String milestone,
        @Size(max = MAX_KEY) String clauseRef,
        @Pattern(regexp = "OWED_TO_US|OWED_BY_US", message = "must be OWED_TO_US or OWED_BY_US") String direction) implements FinanceKeys {

    public InvoiceApproved(String invoiceId, String obligationId, BigDecimal amount, String currency, Instant approvedAt) {
        this(invoiceId, obligationId, amount, currency, approvedAt, null, null, null, null, null);
    }
}
