package io.windshift.contract.obligation;

/**
 * {@code obligation.owner-vacated}: the owner of an obligation left (termination, reorg departure or a
 * vacated alliance role). {@code triggerEventId} is the id of the change that started it.
 */
public record OwnerVacated(
        String obligationId,
        String allianceId,
        String title,
        String previousOwnerId,
        String reason,
        String triggerEventId) {
}
