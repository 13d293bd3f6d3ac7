package io.windshift.alliance.portfolio;

import io.windshift.contract.alliance.PartnerNotice;
import java.time.LocalDate;
import java.util.List;

/** A signed agreement of the alliance and the clauses that oblige us to tell the partner about changes. */
public record Agreement(String agreementId, String title, List<NoticeClause> noticeClauses) {

    public Agreement {
        noticeClauses = noticeClauses == null ? List.of() : List.copyOf(noticeClauses);
    }

    /** The notices the agreements make due when the holder of {@code seat} changes on {@code on}. */
    static List<PartnerNotice> noticesDue(List<Agreement> agreements, NoticeSeat seat, LocalDate on) {
        if (seat == null) {
            return List.of();
        }
        return agreements.stream().flatMap(a -> a.noticeClauses().stream().filter(c -> c.seat() == seat)
                .map(c -> new PartnerNotice(a.agreementId(), c.clauseRef(), c.noticeDays(), on.plusDays(c.noticeDays())))).toList();
    }

    static List<io.windshift.contract.alliance.NoticeClause> onWire(List<Agreement> agreements) {
        return agreements.stream().flatMap(a -> a.noticeClauses().stream()
                .map(c -> new io.windshift.contract.alliance.NoticeClause(a.agreementId(), c.clauseRef(), c.seat().name(), c.noticeDays()))).toList();
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
