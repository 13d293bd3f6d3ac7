package io.windshift.contract.finance;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.math.BigDecimal;
import java.time.Instant;

/** {@code finance.invoice.approved}: an invoice against a payment obligation is approved for payment. */
public record InvoiceApproved(
        @NotBlank String invoiceId,
        @NotBlank String obligationId,
        @NotNull @Positive BigDecimal amount,
        @NotBlank String currency,
        @NotNull Instant approvedAt) {
}
