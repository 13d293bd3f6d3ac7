package io.windshift.contract.alliance;

import java.time.LocalDate;

/**
 * {@code alliance.role-vacated}: the holder of a role left it (departure, transfer) and nobody was put in
 * their place. {@code triggerEventId} is the id of the change that started it, as the client sent it.
 */
public record RoleVacated(
        String allianceId,
        String allianceName,
        String tier,
        String stage,
        String role,
        String personId,
        String reason,
        LocalDate effectiveDate,
        String triggerEventId,
        long allianceVersion) {
}
