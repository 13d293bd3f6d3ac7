package io.windshift.obligation.register;

import java.time.LocalDate;
import java.util.List;
import org.springframework.data.mongodb.core.query.Criteria;

/**
 * Where an obligation stands: the status of its current occurrence (the earliest one still open or in
 * dispute), or, once every occurrence is closed, FULFILLED (at least one was fulfilled) or WAIVED (all were
 * waived). DUE_SOON and OVERDUE follow from the clock, as for occurrences. The obligation document carries
 * what this needs ({@code state}, {@code nextDueDate}, {@code dueSoonFrom}), so a list filters on it in the store.
 */
public enum ObligationStatus {
    OPEN, DUE_SOON, OVERDUE, FULFILLED, WAIVED, IN_DISPUTE;

    static final String STATE = "state";
    static final String NEXT_DUE_DATE = "nextDueDate";
    static final String DUE_SOON_FROM = "dueSoonFrom";

    /** The status from the summary fields, as {@link Occurrence#status} does for one occurrence. */
    static ObligationStatus of(OccurrenceState state, LocalDate nextDueDate, LocalDate dueSoonFrom, LocalDate today) {
        if (state == null || state == OccurrenceState.OPEN) {
            if (nextDueDate == null) {
                return OPEN;
            }
            if (today.isAfter(nextDueDate)) {
                return OVERDUE;
            }
            return dueSoonFrom != null && !today.isBefore(dueSoonFrom) ? DUE_SOON : OPEN;
        }
        return valueOf(state.name());
    }

    /** The same rule as a store filter on the obligation document, for the day {@code today}. */
    public Criteria criteria(LocalDate today) {
        Criteria open = Criteria.where(STATE).is(OccurrenceState.OPEN.name());
        return switch (this) {
            case OPEN -> new Criteria().andOperator(open, new Criteria().orOperator(
                    Criteria.where(NEXT_DUE_DATE).is(null), Criteria.where(DUE_SOON_FROM).gt(today)));
            case DUE_SOON -> new Criteria().andOperator(open, Criteria.where(DUE_SOON_FROM).lte(today),
                    Criteria.where(NEXT_DUE_DATE).gte(today));
            case OVERDUE -> new Criteria().andOperator(open, Criteria.where(NEXT_DUE_DATE).lt(today));
            case FULFILLED, WAIVED, IN_DISPUTE -> Criteria.where(STATE).is(name());
        };
    }

    public static List<String> names() {
        return java.util.Arrays.stream(values()).map(Enum::name).toList();
    }
}
