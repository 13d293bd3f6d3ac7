package io.windshift.alliance.portfolio;

import java.time.LocalDate;

/**
 * One person in one role on one alliance, from {@code since} until {@code until} (open while held).
 * Ended assignments stay as history: who held it, from, to, and why it ended.
 */
public record RoleAssignment(Role role, String personId, LocalDate since, LocalDate until, String endReason, String endedBy) {

    public static RoleAssignment start(Role role, String personId, LocalDate since) {
        return new RoleAssignment(role, personId, since, null, null, null);
    }

    public boolean isCurrent() {
        return until == null;
    }

    public RoleAssignment end(LocalDate on, String reason, String triggerEventId) {
        return new RoleAssignment(role, personId, since, on, reason, triggerEventId);
    }
}
