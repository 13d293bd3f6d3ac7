package io.windshift.obligation.register;

import java.math.BigDecimal;
import java.time.Instant;

/** An invoice finance reported against an occurrence: APPROVED, PAID or CANCELED, and by which event. */
public record InvoiceRecord(String invoiceId, String status, BigDecimal amount, String eventId, Instant at) {
}
