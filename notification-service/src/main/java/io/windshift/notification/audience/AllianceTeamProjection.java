package io.windshift.notification.audience;

import io.windshift.contract.CloudEvent;
import io.windshift.contract.alliance.AllianceRegistered;
import io.windshift.contract.alliance.AllianceReprioritised;
import io.windshift.contract.alliance.GovernanceBody;
import io.windshift.contract.alliance.GovernanceChanged;
import io.windshift.contract.alliance.KeyRoleChanged;
import io.windshift.contract.alliance.RoleAssigned;
import io.windshift.contract.alliance.RoleVacated;
import io.windshift.contract.alliance.TeamMember;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Service;

/**
 * Keeps {@link AllianceTeam} in step with alliance events. Each event carries the alliance version it
 * produced; an event at or below the stored version was applied already and changes nothing.
 */
@Service
public class AllianceTeamProjection {

    private final MongoTemplate mongo;

    AllianceTeamProjection(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    public void apply(CloudEvent event) {
        switch (event.knownType().orElse(null)) {
            case ALLIANCE_REGISTERED -> registered(event.dataAs(AllianceRegistered.class));
            case ALLIANCE_ROLE_ASSIGNED -> {
                RoleAssigned assigned = event.dataAs(RoleAssigned.class);
                update(assigned.allianceId(), assigned.allianceVersion(), team -> team.replacing(assigned.role(), assigned.personId(), assigned.allianceVersion()));
            }
            case ALLIANCE_ROLE_VACATED -> {
                RoleVacated vacated = event.dataAs(RoleVacated.class);
                update(vacated.allianceId(), vacated.allianceVersion(), team -> team.without(vacated.role(), vacated.personId(), vacated.allianceVersion()));
            }
            case ALLIANCE_SPONSOR_CHANGED, ALLIANCE_MANAGER_CHANGED -> {
                KeyRoleChanged changed = event.dataAs(KeyRoleChanged.class);
                update(changed.allianceId(), changed.allianceVersion(), team -> team.replacing(changed.role(), changed.newPersonId(), changed.allianceVersion()));
            }
            case ALLIANCE_GOVERNANCE_CHANGED -> {
                GovernanceChanged changed = event.dataAs(GovernanceChanged.class);
                update(changed.allianceId(), changed.allianceVersion(), team -> team.withGovernance(members(changed.governanceBodies()), changed.allianceVersion()));
            }
            case ALLIANCE_REPRIORITISED -> {
                AllianceReprioritised changed = event.dataAs(AllianceReprioritised.class);
                update(changed.allianceId(), changed.allianceVersion(), team -> new AllianceTeam(team.allianceId(), team.name(), changed.tier(),
                        changed.stage(), team.holders(), changed.allianceVersion(), team.governanceMembers()));
            }
            case null, default -> {
                // Other alliance events do not change who is on the team.
            }
        }
    }

    private void registered(AllianceRegistered registered) {
        AllianceTeam current = mongo.findById(registered.allianceId(), AllianceTeam.class);
        if (current != null && current.allianceVersion() >= registered.allianceVersion()) {
            return;
        }
        Map<String, List<String>> holders = new LinkedHashMap<>();
        for (TeamMember member : registered.team()) {
            holders.computeIfAbsent(member.role(), r -> new java.util.ArrayList<>()).add(member.personId());
        }
        mongo.save(new AllianceTeam(registered.allianceId(), registered.name(), registered.tier(), registered.stage(), holders,
                registered.allianceVersion(), members(registered.governanceBodies())));
    }

    private static List<String> members(List<GovernanceBody> bodies) {
        return bodies.stream().flatMap(b -> b.memberIds().stream()).distinct().toList();
    }

    private void update(String allianceId, long version, java.util.function.UnaryOperator<AllianceTeam> change) {
        AllianceTeam current = mongo.findById(allianceId, AllianceTeam.class);
        if (current == null || current.allianceVersion() >= version) {
            // Unknown alliance (registered before this projection existed) or already applied.
            return;
        }
        mongo.save(change.apply(current));
    }
}
