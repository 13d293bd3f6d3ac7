package io.windshift.contract.finance;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;

/** {@code finance.invoice.canceled}: an approved invoice will not be paid. Found by its invoice id, or as a payment is. */
public record InvoiceCanceled(
        @NotBlank @Size(max = MAX_KEY) String invoiceId,
        @Size(max = MAX_KEY) String obligationId,
        String reason,
        @NotNull Instant canceledAt,
        @Size(max = MAX_KEY) String reference,
        @Size(max = MAX_KEY) String agreementId,
        @Size(max = MAX_KEY) String milestone,
        @Size(max = MAX_KEY) String clauseRef) implements FinanceKeys {

    public InvoiceCanceled(String invoiceId, String obligationId, String reason, Instant canceledAt) {
        this(invoiceId, obligationId, reason, canceledAt, null, null, null, null);
    }
}
