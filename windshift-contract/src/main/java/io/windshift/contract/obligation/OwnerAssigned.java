package io.windshift.contract.obligation;

/** {@code obligation.owner-assigned}: an obligation has a new owner (reassignment or a rescinded departure). */
public record OwnerAssigned(
        String obligationId,
        String allianceId,
        String title,
        String ownerId,
        String previousOwnerId,
        String triggerEventId) {
}
