package io.windshift.contract.obligation;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * {@code obligation.fulfilled} and {@code obligation.waived}: an occurrence is closed; pending reminders for
 * it must be cancelled. {@code timeliness} is EARLY, ON_TIME or LATE for a fulfilment, null for a waiver.
 */
public record OccurrenceClosed(
        String obligationId,
        String occurrenceId,
        String allianceId,
        String title,
        LocalDate dueDate,
        Instant closedAt,
        String timeliness,
        BigDecimal amountPaid,
        String currency,
        String evidence,
        String sourceEventId) {
}
