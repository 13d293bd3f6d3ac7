package io.windshift.contract.alliance;

import java.time.Instant;

/**
 * {@code alliance.change-impact-resolved}: every action on one change impact is done or dismissed. Sent
 * once per impact (its id is derived from the impact), after the last {@code alliance.impact-action-changed}.
 */
public record ChangeImpactResolved(
        String impactId,
        String triggerEventId,
        String triggerType,
        String allianceId,
        String allianceName,
        String tier,
        int actionsDone,
        int actionsDismissed,
        Instant resolvedAt,
        int revision) {
}
