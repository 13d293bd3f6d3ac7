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
}
