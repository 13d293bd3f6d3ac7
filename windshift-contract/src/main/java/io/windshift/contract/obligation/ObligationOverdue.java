package io.windshift.contract.obligation;

import java.math.BigDecimal;
import java.time.LocalDate;

/** {@code obligation.overdue}: an occurrence passed its due date unfulfilled; escalates to the owner's manager. */
public record ObligationOverdue(
        String obligationId,
        String occurrenceId,
        String allianceId,
        String title,
        String ownerId,
        String ownerManagerId,
        LocalDate dueDate,
        BigDecimal amount,
        String currency) {
}
