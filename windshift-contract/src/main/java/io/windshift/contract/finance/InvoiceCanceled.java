package io.windshift.contract.finance;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;

/** {@code finance.invoice.canceled}: an approved invoice will not be paid. */
public record InvoiceCanceled(
        @NotBlank String invoiceId,
        @NotBlank String obligationId,
        String reason,
        @NotNull Instant canceledAt) {
}
