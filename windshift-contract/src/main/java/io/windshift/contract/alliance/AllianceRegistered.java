package io.windshift.contract.alliance;

import java.util.List;

/**
 * {@code alliance.registered}: a new alliance with its full team. Carries the whole state so that other
 * services can build their projections from the topic alone.
 */
public record AllianceRegistered(
        String allianceId,
        String name,
        String partner,
        String asset,
        String type,
        String stage,
        String status,
        String tier,
        List<TeamMember> team,
        long allianceVersion) {

    public AllianceRegistered {
        team = team == null ? List.of() : List.copyOf(team);
    }
}
