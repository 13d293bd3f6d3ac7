package io.windshift.contract.alliance;

import java.time.Instant;
import java.time.LocalDate;

/**
 * {@code alliance.impact-action-changed}: one action on a change impact was opened, assigned, completed or
 * dismissed. {@code change} is OPENED, ASSIGNED, COMPLETED or DISMISSED; {@code state} is the action's state
 * after it (OPEN, DONE, DISMISSED). {@code by} is the person who acted, or {@code system} when Windshift
 * closed the action itself because a fact arrived ({@code closedByEventId}, {@code closedByEventType}).
 * {@code kind} is the finding's kind (SPONSOR_VACANT, PARTNER_NOTICE_REQUIRED, ...). For a partner notice,
 * {@code noticeObligationId} is the id of the notice obligation that tracks it (obligation-service registers
 * it under that id when the action opens). {@code impactStatus} and {@code progress} describe the whole
 * impact after the change; {@code revision} orders the changes of one impact.
 */
public record ImpactActionChanged(
        String impactId,
        String actionId,
        String triggerEventId,
        String triggerType,
        String allianceId,
        String allianceName,
        String tier,
        String kind,
        String seat,
        String subjectPersonId,
        String title,
        String change,
        String state,
        String assigneeId,
        String previousAssigneeId,
        LocalDate dueDate,
        String agreementId,
        String clauseRef,
        String noticeObligationId,
        String obligationId,
        String by,
        String note,
        String closedByEventId,
        String closedByEventType,
        Instant at,
        String impactStatus,
        Progress progress,
        int revision) {

    /** The impact's actions by state, after this change. */
    public record Progress(int total, int open, int done, int dismissed) {
    }
}
