package io.windshift.contract.obligation;

import java.math.BigDecimal;
import java.time.LocalDate;

/** {@code obligation.registered}: a new obligation in the register, with its owner and first due date. */
public record ObligationRegistered(
        String obligationId,
        String allianceId,
        String title,
        String type,
        String category,
        String direction,
        String ownerId,
        String reviewerId,
        BigDecimal amount,
        String currency,
        LocalDate firstDueDate,
        String agreementId,
        String clauseRef,
        String sourceEventId) {
}
