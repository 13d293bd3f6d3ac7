package io.windshift.alliance.portfolio;

import io.windshift.alliance.portfolio.internal.ManagerLoadIndex;
import io.windshift.contract.EventIds;
import io.windshift.contract.EventType;
import io.windshift.contract.alliance.ManagerOverCapacity;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * "An alliance manager leads at most {@code capacity} STRATEGIC alliances", held under concurrent commands: a
 * command that gives a manager a STRATEGIC alliance claims the slot in the manager's load entry first (one atomic
 * check-and-claim, see {@link ManagerLoadIndex}), and settles it from the saved alliance afterwards, also when the
 * save failed. Under the {@code flag} policy the claim always succeeds and the overload is announced instead.
 */
@Component
class ManagerCapacity {

    private final MongoTemplate mongo;
    private final ManagerLoadIndex load;
    private final PortfolioPolicy policy;

    ManagerCapacity(MongoTemplate mongo, ManagerLoadIndex load, PortfolioPolicy policy) {
        this.mongo = mongo;
        this.load = load;
        this.policy = policy;
    }

    /**
     * Claims a slot for {@code managerId} on {@code alliance} if it is STRATEGIC. Refused with {@link CapacityExceeded}
     * under the {@code refuse} policy; flagged (event and finding) under {@code flag}. Returns whether a claim was
     * made: the caller must then {@link #settle} it, whatever becomes of the command.
     */
    boolean claim(Alliance alliance, String managerId, String field, String triggerEventId, List<AllianceEvent> changes,
                  List<Finding> findings) {
        if (alliance.tier() != Tier.STRATEGIC) {
            return false;
        }
        boolean refuse = policy.capacityPolicy() == PortfolioPolicy.CapacityPolicy.REFUSE;
        ManagerLoadIndex.Claim claim = load.claim(managerId, alliance.id(), policy.capacity(), refuse, ids -> ledAmong(managerId, ids));
        List<String> led = claim.led();
        if (!claim.granted()) {
            throw new CapacityExceeded(field, managerId, led.size(), policy.capacity());
        }
        if (TeamRules.overCapacity(led.size(), policy)) {
            changes.add(new AllianceEvent(EventIds.derived(triggerEventId, managerId, "over-capacity"), EventType.ALLIANCE_MANAGER_OVER_CAPACITY,
                    alliance.id(), new ManagerOverCapacity(managerId, led.size(), policy.capacity(), led, triggerEventId)));
            findings.add(Finding.of(ImpactKind.MANAGER_OVER_CAPACITY, Role.ALLIANCE_MANAGER.name(), managerId,
                    managerId + " leads " + led.size() + " STRATEGIC alliances; capacity is " + policy.capacity()));
        }
        return true;
    }

    /**
     * After a command on one alliance (saved or not): every manager the alliance has had, and the command's own
     * claimant (may be null), keep the alliance in their load entry exactly when they lead it as a STRATEGIC one.
     */
    void settle(String allianceId, Collection<String> managers, String claimant) {
        Set<String> all = new LinkedHashSet<>(managers);
        if (claimant != null) {
            all.add(claimant);
        }
        for (String manager : all) {
            load.reconcile(manager, allianceId, manager.equals(claimant), () -> leads(manager, allianceId));
        }
    }

    /** Everyone who has been this alliance's manager: their load entries may mention it. */
    static Set<String> managersOf(Alliance alliance) {
        return alliance.assignments().stream().filter(a -> a.role() == Role.ALLIANCE_MANAGER).map(RoleAssignment::personId)
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    private boolean leads(String managerId, String allianceId) {
        Alliance alliance = mongo.findById(allianceId, Alliance.class);
        return alliance != null && alliance.tier() == Tier.STRATEGIC && alliance.holds(managerId, Role.ALLIANCE_MANAGER);
    }

    private Set<String> ledAmong(String managerId, Collection<String> allianceIds) {
        if (allianceIds.isEmpty()) {
            return Set.of();
        }
        return mongo.find(new Query(Criteria.where("_id").in(allianceIds)), Alliance.class).stream()
                .filter(a -> a.tier() == Tier.STRATEGIC && a.holds(managerId, Role.ALLIANCE_MANAGER))
                .map(Alliance::id).collect(Collectors.toSet());
    }
}
