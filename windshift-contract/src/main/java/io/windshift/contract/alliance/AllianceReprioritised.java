package io.windshift.contract.alliance;

/**
 * {@code alliance.reprioritised}: the portfolio was reprioritised around an asset and this alliance's tier,
 * stage or status changed. {@code triggerEventId} is the id of the reprioritisation (shared by every
 * alliance of the asset).
 */
public record AllianceReprioritised(
        String allianceId,
        String asset,
        String tier,
        String stage,
        String status,
        String previousTier,
        String previousStage,
        String previousStatus,
        String reason,
        String triggerEventId,
        long allianceVersion) {
}
