package io.windshift.alliance.portfolio;

import io.windshift.contract.EventIds;
import io.windshift.contract.EventType;
import io.windshift.contract.alliance.RoleAssigned;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A rescind gives back what the rescinded HR event took: each role it ended, unless someone holds that
 * single-holder role since (then the notes say so), and each governance seat it vacated.
 */
final class SeatRestoration {

    private SeatRestoration() {
    }

    static Alliance.Restoration restore(Alliance alliance, String rescindedEventId, List<Finding> vacatedGovernanceSeats, String rescindEventId) {
        List<AllianceEvent> events = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (RoleAssignment ended : alliance.assignments()) {
            if (ended.isCurrent() || !rescindedEventId.equals(ended.endedBy())) {
                continue;
            }
            Role role = ended.role();
            Optional<RoleAssignment> holder = alliance.currentHolderOf(role);
            if (TeamRules.SINGLE_HOLDER.contains(role) && holder.isPresent()) {
                notes.add(ended.personId() + " was not restored as " + role + ": " + holder.get().personId() + " holds it since " + holder.get().since());
                continue;
            }
            alliance.reopen(ended);
            events.add(new AllianceEvent(EventIds.derived(rescindEventId, alliance.id(), role.name(), "restored"), EventType.ALLIANCE_ROLE_ASSIGNED,
                    alliance.id(), new RoleAssigned(alliance.id(), role.name(), ended.personId(), null, rescindEventId, alliance.nextVersion())));
            KeyRoleKind key = KeyRoleKind.of(role);
            if (key != null) {
                events.add(alliance.keyRoleChanged(key, null, ended.personId(), "RESCINDED", ended.since(), rescindEventId));
            }
            notes.add(ended.personId() + " restored as " + role);
        }
        boolean governanceChanged = false;
        for (Finding seat : vacatedGovernanceSeats) {
            String code = seat.seat().substring("GOVERNANCE:".length());
            if (alliance.readmit(code, seat.personId())) {
                governanceChanged = true;
                notes.add(seat.personId() + " restored to the " + code);
            }
        }
        if (governanceChanged) {
            events.add(alliance.governanceChanged(EventIds.derived(rescindEventId, alliance.id(), "governance", "restored")));
        }
        return new Alliance.Restoration(events, notes);
    }
}
