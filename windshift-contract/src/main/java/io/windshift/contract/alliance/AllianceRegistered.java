package io.windshift.contract.alliance;

import java.util.List;

/**
 * {@code alliance.registered}: a new alliance with its full team, governance bodies and notice clauses.
 * Carries the whole state so that other services can build their projections from the topic alone.
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
        long allianceVersion,
        List<GovernanceBody> governanceBodies,
        List<NoticeClause> noticeClauses) {

    public AllianceRegistered {
        team = team == null ? List.of() : List.copyOf(team);
        governanceBodies = governanceBodies == null ? List.of() : List.copyOf(governanceBodies);
        noticeClauses = noticeClauses == null ? List.of() : List.copyOf(noticeClauses);
    }
}
