package io.windshift.obligation.finance;

import io.windshift.contract.CloudEvent;
import io.windshift.contract.EventType;
import io.windshift.contract.finance.FinanceKeys;
import io.windshift.contract.finance.InvoiceApproved;
import io.windshift.contract.finance.InvoiceCanceled;
import io.windshift.contract.finance.InvoicePaid;
import io.windshift.contract.finance.PaymentReported;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * One finance event as the ledger reads it, whatever its type: what it names ({@link FinanceKeys}), the invoice, the
 * amount and currency, when, the direction it states (OWED_TO_US for a receipt, OWED_BY_US for a payment out, or null
 * when it does not say) and the key that makes a second payment a duplicate.
 */
record FinanceFacts(EventType type, FinanceKeys keys, String invoiceId, BigDecimal amount, String currency, Instant at, String direction,
                    String paymentKey) {

    static FinanceFacts of(CloudEvent event) {
        EventType type = event.knownType().orElseThrow();
        return switch (type) {
            case FINANCE_INVOICE_PAID -> {
                InvoicePaid p = event.dataAs(InvoicePaid.class);
                yield new FinanceFacts(type, p, p.invoiceId(), p.amount(), p.currency(), p.paidAt(), p.direction(),
                        p.paymentId() != null && !p.paymentId().isBlank() ? "payment:" + p.paymentId().strip() : "invoice:" + p.invoiceId().strip());
            }
            case FINANCE_PAYMENT_RECEIVED, FINANCE_PAYMENT_SENT -> {
                PaymentReported p = event.dataAs(PaymentReported.class);
                yield new FinanceFacts(type, p, p.invoiceId() != null ? p.invoiceId() : p.paymentId(), p.amount(), p.currency(), p.paidAt(),
                        type == EventType.FINANCE_PAYMENT_RECEIVED ? "OWED_TO_US" : "OWED_BY_US", "payment:" + p.paymentId().strip());
            }
            case FINANCE_INVOICE_APPROVED -> {
                InvoiceApproved a = event.dataAs(InvoiceApproved.class);
                yield new FinanceFacts(type, a, a.invoiceId(), a.amount(), a.currency(), a.approvedAt(), a.direction(), null);
            }
            case FINANCE_INVOICE_CANCELED -> {
                InvoiceCanceled c = event.dataAs(InvoiceCanceled.class);
                yield new FinanceFacts(type, c, c.invoiceId(), null, null, c.canceledAt(), null, null);
            }
            default -> throw new IllegalArgumentException("not a finance event: " + event.type());
        };
    }

    boolean isPayment() {
        return type == EventType.FINANCE_INVOICE_PAID || type == EventType.FINANCE_PAYMENT_RECEIVED || type == EventType.FINANCE_PAYMENT_SENT;
    }
}
