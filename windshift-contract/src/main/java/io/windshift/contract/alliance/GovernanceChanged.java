package io.windshift.contract.alliance;

import java.util.List;

/** {@code alliance.governance-changed}: the alliance's governance bodies as they now stand (full state). */
public record GovernanceChanged(
        String allianceId,
        List<GovernanceBody> governanceBodies,
        long allianceVersion) {

    public GovernanceChanged {
        governanceBodies = governanceBodies == null ? List.of() : List.copyOf(governanceBodies);
    }
}
