package io.windshift.contract.obligation;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * {@code obligation.milestone-due}: an occurrence is {@code leadTimeDays} from its due date. Emitted once per
 * (occurrence, lead time); the event id is derived from both, so a replay cannot send a second one.
 */
public record MilestoneDue(
        String obligationId,
        String occurrenceId,
        String allianceId,
        String title,
        String type,
        String ownerId,
        String reviewerId,
        LocalDate dueDate,
        int leadTimeDays,
        BigDecimal amount,
        String currency,
        String clauseRef) {
}
