package io.windshift.obligation.register;

import java.math.BigDecimal;
import java.util.List;

/** What the agreement says: the validated content of a new obligation. */
public record ObligationTerms(
        String allianceId,
        String title,
        String agreementId,
        String clauseRef,
        Category category,
        ObligationType type,
        Direction direction,
        String ownerId,
        String reviewerId,
        BigDecimal amount,
        String currency,
        List<Integer> leadTimes,
        Schedule schedule,
        List<ExternalReference> references) {

    public ObligationTerms(String allianceId, String title, String agreementId, String clauseRef, Category category, ObligationType type,
                           Direction direction, String ownerId, String reviewerId, BigDecimal amount, String currency, List<Integer> leadTimes,
                           Schedule schedule) {
        this(allianceId, title, agreementId, clauseRef, category, type, direction, ownerId, reviewerId, amount, currency, leadTimes, schedule,
                List.of());
    }

    public ObligationTerms {
        references = references == null ? List.of() : List.copyOf(references);
        leadTimes = leadTimes == null || leadTimes.isEmpty() ? ReminderPlan.DEFAULT_LEAD_TIMES
                : leadTimes.stream().distinct().sorted(java.util.Comparator.reverseOrder()).toList();
    }
}
