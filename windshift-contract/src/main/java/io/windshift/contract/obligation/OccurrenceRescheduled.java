package io.windshift.contract.obligation;

import java.time.LocalDate;

/** {@code obligation.rescheduled}: an occurrence's due date moved; reminders are re-planned from the new date. */
public record OccurrenceRescheduled(
        String obligationId,
        String occurrenceId,
        String allianceId,
        String title,
        LocalDate previousDueDate,
        LocalDate dueDate) {
}
