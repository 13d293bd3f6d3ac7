package io.windshift.alliance.impact;

import io.windshift.alliance.portfolio.ImpactKind;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One thing someone must do about a change impact: fill a vacated seat, notify the partner, reassign an
 * obligation, rebalance a manager's load. Open until a person completes or dismisses it, or until Windshift
 * sees the fact that settles it arrive ({@code closeKey} names that fact: the seat filled at or after
 * {@code sinceVersion} of the alliance, the notice obligation fulfilled, the obligation's vacancy filled, the
 * manager's load back within capacity). Immutable: every change returns the next state with its history line.
 */
public record ImpactAction(String id, ImpactKind kind, String seat, String subjectPersonId, String title, State state, String assigneeId,
                           LocalDate dueDate, String agreementId, String clauseRef, String noticeObligationId, String obligationId,
                           String closeKey, long sinceVersion, List<String> membersAtVacancy, Instant openedAt, Instant closedAt,
                           List<Change> history) {

    public enum State { OPEN, DONE, DISMISSED }

    /** Who changed what and when; {@code eventId} is the event that closed it when {@code by} is {@value #SYSTEM}. */
    public record Change(Instant at, String by, String change, String note, String assigneeId, String eventId, String eventType) {
    }

    public static final String SYSTEM = "system";

    /** The kinds that ask someone to act; a moved role holder is told, not given work. */
    static final Set<ImpactKind> ACTIONABLE = Set.of(ImpactKind.SPONSOR_VACANT, ImpactKind.ALLIANCE_MANAGER_VACANT, ImpactKind.LEAD_VACANT,
            ImpactKind.GOVERNANCE_SEAT_VACANT, ImpactKind.ROLE_VACANT, ImpactKind.PARTNER_NOTICE_REQUIRED, ImpactKind.OBLIGATION_OWNER_VACANT,
            ImpactKind.MANAGER_OVER_CAPACITY, ImpactKind.ROLE_HOLDER_ON_LEAVE);

    public ImpactAction {
        membersAtVacancy = membersAtVacancy == null ? List.of() : List.copyOf(membersAtVacancy);
        history = history == null ? List.of() : List.copyOf(history);
    }

    static ImpactAction open(String id, ImpactKind kind, String seat, String subjectPersonId, String title, String assigneeId, LocalDate dueDate,
                             String agreementId, String clauseRef, String noticeObligationId, String obligationId, String closeKey,
                             long sinceVersion, List<String> membersAtVacancy, Instant now) {
        return new ImpactAction(id, kind, seat, subjectPersonId, title, State.OPEN, assigneeId, dueDate, agreementId, clauseRef,
                noticeObligationId, obligationId, closeKey, sinceVersion, membersAtVacancy, now, null,
                List.of(new Change(now, SYSTEM, "OPENED", null, assigneeId, null, null)));
    }

    public boolean isOpen() {
        return state == State.OPEN;
    }

    ImpactAction closed(State to, String by, String change, String note, String eventId, String eventType, Instant now) {
        return new ImpactAction(id, kind, seat, subjectPersonId, title, to, assigneeId, dueDate, agreementId, clauseRef, noticeObligationId,
                obligationId, closeKey, sinceVersion, membersAtVacancy, openedAt, now,
                append(new Change(now, by, change, note, assigneeId, eventId, eventType)));
    }

    ImpactAction assignedTo(String personId, String by, Instant now) {
        return new ImpactAction(id, kind, seat, subjectPersonId, title, state, personId, dueDate, agreementId, clauseRef, noticeObligationId,
                obligationId, closeKey, sinceVersion, membersAtVacancy, openedAt, closedAt,
                append(new Change(now, by, "ASSIGNED", null, personId, null, null)));
    }

    /** Assigned by a person since it opened (the impact is then in progress even with nothing closed). */
    boolean handledByHand() {
        return history.stream().anyMatch(c -> !SYSTEM.equals(c.by()));
    }

    boolean overdue(LocalDate today) {
        return isOpen() && dueDate != null && dueDate.isBefore(today);
    }

    private List<Change> append(Change change) {
        List<Change> next = new ArrayList<>(history);
        next.add(change);
        return next;
    }
}
