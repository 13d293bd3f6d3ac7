package io.windshift.alliance.portfolio;

import java.time.LocalDate;

/**
 * One thing a change did to one alliance: which kind, which seat (a role name or {@code GOVERNANCE:<code>}),
 * whose, and for a partner notice the clause and the date by which the partner must be told.
 */
public record Finding(ImpactKind kind, String seat, String personId, String detail, String clauseRef, LocalDate dueDate) {

    public static Finding of(ImpactKind kind, String seat, String personId, String detail) {
        return new Finding(kind, seat, personId, detail, null, null);
    }

    /** Same fact, whatever the wording: used to fold repeated findings into one. */
    public String key() {
        return kind + "|" + seat + "|" + personId + "|" + clauseRef;
    }
}
