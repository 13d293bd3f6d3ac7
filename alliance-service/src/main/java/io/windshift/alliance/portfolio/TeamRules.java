package io.windshift.alliance.portfolio;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Rules a team must satisfy when it is formed or changed by a command. A departure can still leave a
 * seat empty: that is a vacancy to report, not a rule to enforce on HR.
 */
public final class TeamRules {

    /** Roles one person holds at a time: accountability sits with a person, not a team. */
    public static final Set<Role> SINGLE_HOLDER = EnumSet.of(Role.PARTNERSHIP_LEAD, Role.ALLIANCE_MANAGER, Role.EXECUTIVE_SPONSOR);

    private TeamRules() {
    }

    public static Set<Role> requiredRoles(Tier tier) {
        return tier == Tier.STRATEGIC ? EnumSet.of(Role.PARTNERSHIP_LEAD, Role.ALLIANCE_MANAGER) : EnumSet.of(Role.PARTNERSHIP_LEAD);
    }

    public static void checkNewTeam(Tier tier, List<TeamSeat> team) {
        long leads = team.stream().filter(s -> s.role() == Role.PARTNERSHIP_LEAD).count();
        if (leads != 1) {
            throw new TeamRuleViolation("team", "exactly one PARTNERSHIP_LEAD is required (found " + leads + ")");
        }
        if (tier == Tier.STRATEGIC && team.stream().noneMatch(s -> s.role() == Role.ALLIANCE_MANAGER)) {
            throw new TeamRuleViolation("team", "a STRATEGIC alliance needs an ALLIANCE_MANAGER");
        }
        Set<Role> seen = EnumSet.noneOf(Role.class);
        Set<TeamSeat> distinct = new HashSet<>();
        for (int i = 0; i < team.size(); i++) {
            TeamSeat seat = team.get(i);
            if (!distinct.add(seat)) {
                throw new TeamRuleViolation("team[" + i + "]", seat.personId() + " is already " + seat.role());
            }
            if (SINGLE_HOLDER.contains(seat.role()) && !seen.add(seat.role())) {
                throw new TeamRuleViolation("team[" + i + "].role", seat.role() + " can be held by one person only");
            }
        }
    }

    /** Under the company's model the lead at this stage is whoever holds the model's role: the same person. */
    public static void checkLeadModel(Stage stage, List<TeamSeat> team, PortfolioPolicy policy) {
        Role leadRole = policy.leadRoleAt(stage);
        if (leadRole == null) {
            return;
        }
        String lead = team.stream().filter(s -> s.role() == Role.PARTNERSHIP_LEAD).map(TeamSeat::personId).findFirst().orElse(null);
        boolean leadHoldsModelRole = team.stream().anyMatch(s -> s.role() == leadRole && s.personId().equals(lead));
        if (!leadHoldsModelRole) {
            throw new TeamRuleViolation("team", "at stage " + stage + " the PARTNERSHIP_LEAD must also be the " + leadRole
                    + " (company model); " + lead + " is not");
        }
    }

    public static void checkGovernance(List<GovernanceBody> bodies) {
        Set<String> codes = new HashSet<>();
        for (int i = 0; i < bodies.size(); i++) {
            if (!codes.add(bodies.get(i).code())) {
                throw new TeamRuleViolation("governanceBodies[" + i + "].code", "governance body " + bodies.get(i).code() + " is listed twice");
            }
        }
    }

    /**
     * An alliance manager leads at most {@code capacity} STRATEGIC alliances; {@code load} counts the ones
     * they would lead after the change.
     */
    public static boolean overCapacity(int load, PortfolioPolicy policy) {
        return load > policy.capacity();
    }

    /**
     * What a new profile asks of an existing team: a STRATEGIC alliance without an alliance manager, or a
     * lead who no longer fits the company's model at the new stage.
     */
    static List<Finding> afterReprioritisation(Alliance alliance, Tier previousTier, PortfolioPolicy policy) {
        List<Finding> findings = new java.util.ArrayList<>();
        if (alliance.tier() == Tier.STRATEGIC && alliance.currentHolderOf(Role.ALLIANCE_MANAGER).isEmpty()) {
            findings.add(Finding.of(ImpactKind.ALLIANCE_MANAGER_VACANT, Role.ALLIANCE_MANAGER.name(), null,
                    "now STRATEGIC (was " + previousTier + ") and has no alliance manager"));
        }
        Role leadRole = policy.leadRoleAt(alliance.stage());
        alliance.currentHolderOf(Role.PARTNERSHIP_LEAD).filter(lead -> leadRole != null && !alliance.holds(lead.personId(), leadRole))
                .ifPresent(lead -> findings.add(Finding.of(ImpactKind.LEAD_VACANT, Role.PARTNERSHIP_LEAD.name(), lead.personId(),
                        "at stage " + alliance.stage() + " the partnership lead must be the " + leadRole + "; the current lead is not")));
        return findings;
    }
}
