package io.windshift.alliance.portfolio;

import java.time.LocalDate;

/**
 * One thing a change did to one alliance: which kind, which seat (a role name or {@code GOVERNANCE:<code>}),
 * whose, and for a partner notice the clause and the date by which the partner must be told.
 */
public record Finding(ImpactKind kind, String seat, String personId, String detail, String clauseRef, LocalDate dueDate, String personName,
                      String agreementId) {

    public Finding(ImpactKind kind, String seat, String personId, String detail, String clauseRef, LocalDate dueDate) {
        this(kind, seat, personId, detail, clauseRef, dueDate, null, null);
    }

    /** A partner notice: the clause of which agreement, and by when. */
    public static Finding notice(String seat, String personId, String detail, String agreementId, String clauseRef, LocalDate dueDate) {
        return new Finding(ImpactKind.PARTNER_NOTICE_REQUIRED, seat, personId, detail, clauseRef, dueDate, null, agreementId);
    }

    public static Finding of(ImpactKind kind, String seat, String personId, String detail) {
        return new Finding(kind, seat, personId, detail, null, null, null, null);
    }

    /** The same finding, naming the person as the directory knows them. */
    public Finding named(String name) {
        return new Finding(kind, seat, personId, detail, clauseRef, dueDate, name, agreementId);
    }

    /** "Ana Ruiz (p-ana)", or the id alone when the directory has no name. */
    public String who() {
        return personName == null ? personId : personName + " (" + personId + ")";
    }

    /** Same fact, whatever the wording: used to fold repeated findings into one. */
    public String key() {
        return kind + "|" + seat + "|" + personId + "|" + clauseRef;
    }
}
