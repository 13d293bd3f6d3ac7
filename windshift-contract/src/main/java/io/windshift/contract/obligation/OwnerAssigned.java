package io.windshift.contract.obligation;

/**
 * {@code obligation.owner-assigned}: an obligation has a new owner (reassignment or a rescinded departure).
 * {@code filledVacancyOf} is the {@code triggerEventId} of the change that had left it without an owner
 * (null when it had one): the owner-vacant action of that change is closed by this event.
 */
public record OwnerAssigned(
        String obligationId,
        String allianceId,
        String title,
        String ownerId,
        String previousOwnerId,
        String triggerEventId,
        String filledVacancyOf) {
}
