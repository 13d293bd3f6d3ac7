package io.windshift.alliance.portfolio;

import java.util.List;

/** A signed agreement of the alliance and the clauses that oblige us to tell the partner about changes. */
public record Agreement(String agreementId, String title, List<NoticeClause> noticeClauses) {

    public Agreement {
        noticeClauses = noticeClauses == null ? List.of() : List.copyOf(noticeClauses);
    }

    /**
     * "The partner must be told within {@code noticeDays} days when the holder of {@code seat} changes"
     * (section {@code clauseRef}).
     */
    public record NoticeClause(String clauseRef, NoticeSeat seat, int noticeDays) {
    }

    /** Seats whose change a notice clause can cover. */
    public enum NoticeSeat {
        ALLIANCE_MANAGER, EXECUTIVE_SPONSOR, PARTNERSHIP_LEAD, GOVERNANCE_MEMBER;

        static NoticeSeat of(Role role) {
            return switch (role) {
                case ALLIANCE_MANAGER -> ALLIANCE_MANAGER;
                case EXECUTIVE_SPONSOR -> EXECUTIVE_SPONSOR;
                case PARTNERSHIP_LEAD -> PARTNERSHIP_LEAD;
                default -> null;
            };
        }
    }
}
