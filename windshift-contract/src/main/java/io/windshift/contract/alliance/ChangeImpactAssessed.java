package io.windshift.contract.alliance;

import java.time.Instant;
import java.util.List;

/**
 * {@code alliance.change-impact-assessed}: what one triggering change does to one alliance. One record per
 * (trigger, alliance), however many people of the trigger touch that alliance; a later revision of the same
 * impact (an obligation owner found vacant, a rescind) carries a higher {@code revision} and the same
 * {@code impactId}. {@code status} is OPEN, IN_PROGRESS, RESOLVED
 * (every action done or dismissed; also an impact that asks for no action) or RESCINDED.
 */
public record ChangeImpactAssessed(
        String impactId,
        String triggerEventId,
        String triggerType,
        String allianceId,
        String allianceName,
        String tier,
        String stage,
        String severity,
        String status,
        List<Finding> findings,
        List<String> suggestedActions,
        Instant assessedAt,
        int revision) {

    public ChangeImpactAssessed {
        findings = findings == null ? List.of() : List.copyOf(findings);
        suggestedActions = suggestedActions == null ? List.of() : List.copyOf(suggestedActions);
    }

    /**
     * One finding: kind is SPONSOR_VACANT, ALLIANCE_MANAGER_VACANT, LEAD_VACANT, GOVERNANCE_SEAT_VACANT,
     * OBLIGATION_OWNER_VACANT, MANAGER_OVER_CAPACITY or PARTNER_NOTICE_REQUIRED.
     */
    public record Finding(String kind, String role, String personId, String detail) {
    }
}
