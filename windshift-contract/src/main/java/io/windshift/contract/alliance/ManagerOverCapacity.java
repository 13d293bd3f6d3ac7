package io.windshift.contract.alliance;

import java.util.List;

/**
 * {@code alliance.manager-over-capacity}: an alliance manager leads more STRATEGIC alliances than the
 * configured capacity (only published under the {@code flag} policy; {@code refuse} rejects instead).
 */
public record ManagerOverCapacity(
        String managerId,
        int strategicAlliances,
        int capacity,
        List<String> allianceIds,
        String triggerEventId) {

    public ManagerOverCapacity {
        allianceIds = allianceIds == null ? List.of() : List.copyOf(allianceIds);
    }
}
