package io.windshift.contract.finance;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * {@code finance.payment.received} (from the partner: settles an OWED_TO_US obligation) and {@code finance.payment.sent}
 * (to the partner: OWED_BY_US), as an ERP reports a payment: its own {@code paymentId} (a second event with the same
 * one is a duplicate), and what it settles by the ERP's keys ({@link FinanceKeys}), not necessarily Windshift's id.
 */
public record PaymentReported(
        @NotBlank @Size(max = MAX_KEY) String paymentId,
        @Size(max = MAX_KEY) String reference,
        @Size(max = MAX_KEY) String invoiceId,
        @Size(max = MAX_KEY) String obligationId,
        @Size(max = MAX_KEY) String agreementId,
        @Size(max = MAX_KEY) String milestone,
        @Size(max = MAX_KEY) String clauseRef,
        @NotNull @Positive BigDecimal amount,
        @NotBlank String currency,
        @NotNull Instant paidAt) implements FinanceKeys {
}
