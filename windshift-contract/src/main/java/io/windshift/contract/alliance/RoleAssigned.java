package io.windshift.contract.alliance;

/** {@code alliance.role-assigned}: a person now holds a role on an alliance. */
public record RoleAssigned(
        String allianceId,
        String role,
        String personId,
        String previousPersonId,
        String triggerEventId,
        long allianceVersion) {
}
