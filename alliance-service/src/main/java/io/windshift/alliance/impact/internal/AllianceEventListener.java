package io.windshift.alliance.impact.internal;

import io.windshift.alliance.impact.ActionFact;
import io.windshift.alliance.impact.ChangeImpacts;
import io.windshift.alliance.portfolio.AlliancePortfolio;
import io.windshift.alliance.portfolio.Role;
import io.windshift.alliance.portfolio.RoleAssignment;
import io.windshift.contract.CloudEvent;
import io.windshift.contract.EventType;
import io.windshift.contract.Topics;
import io.windshift.contract.alliance.GovernanceBody;
import io.windshift.contract.alliance.GovernanceChanged;
import io.windshift.contract.alliance.RoleAssigned;
import io.windshift.contract.alliance.RoleVacated;
import io.windshift.messaging.consume.IdempotentConsumer;
import java.util.LinkedHashSet;
import java.util.Set;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * The portfolio's own events, read back from the topic (so they are as durable as the outbox that published
 * them): a role or governance seat filled, and an alliance manager's load changed, close the actions they settle.
 */
@Component
class AllianceEventListener {

    static final String CONSUMER = "alliance-service.actions";

    private final IdempotentConsumer idempotent;
    private final ChangeImpacts impacts;
    private final AlliancePortfolio portfolio;

    AllianceEventListener(IdempotentConsumer idempotent, ChangeImpacts impacts, AlliancePortfolio portfolio) {
        this.idempotent = idempotent;
        this.impacts = impacts;
        this.portfolio = portfolio;
    }

    @KafkaListener(topics = Topics.ALLIANCE, groupId = "alliance-service.actions")
    void on(CloudEvent event) {
        EventType type = event.knownType().orElse(null);
        if (type != EventType.ALLIANCE_ROLE_ASSIGNED && type != EventType.ALLIANCE_GOVERNANCE_CHANGED && type != EventType.ALLIANCE_ROLE_VACATED
                && type != EventType.ALLIANCE_REPRIORITISED) {
            return;
        }
        idempotent.handleOnce(CONSUMER, event, e -> apply(type, e));
    }

    private void apply(EventType type, CloudEvent e) {
        Set<String> managers = new LinkedHashSet<>();
        switch (type) {
            case ALLIANCE_ROLE_ASSIGNED -> {
                RoleAssigned assigned = e.dataAs(RoleAssigned.class);
                impacts.settle(ActionFact.done(ActionFact.seat(assigned.allianceId(), assigned.role()), assigned.allianceVersion(), e.id(), e.type(),
                        assigned.personId() + " is " + assigned.role() + " now"));
                if (Role.ALLIANCE_MANAGER.name().equals(assigned.role()) && assigned.previousPersonId() != null) {
                    managers.add(assigned.previousPersonId());
                }
            }
            case ALLIANCE_GOVERNANCE_CHANGED -> {
                GovernanceChanged changed = e.dataAs(GovernanceChanged.class);
                for (GovernanceBody body : changed.governanceBodies()) {
                    impacts.settle(new ActionFact(ActionFact.seat(changed.allianceId(), "GOVERNANCE:" + body.code()), changed.allianceVersion(),
                            e.id(), e.type(), body.code() + " seat filled", false, body.memberIds()));
                }
            }
            case ALLIANCE_ROLE_VACATED -> {
                RoleVacated vacated = e.dataAs(RoleVacated.class);
                if (Role.ALLIANCE_MANAGER.name().equals(vacated.role())) {
                    managers.add(vacated.personId());
                }
            }
            default -> portfolio.find(e.subject()).flatMap(a -> a.currentHolderOf(Role.ALLIANCE_MANAGER)).map(RoleAssignment::personId)
                    .ifPresent(managers::add);
        }
        for (String manager : managers) {
            int load = portfolio.strategicLoadOf(manager);
            if (load <= portfolio.policy().capacity()) {
                impacts.settle(ActionFact.done(ActionFact.capacity(manager), Long.MAX_VALUE, e.id(), e.type(),
                        manager + " leads " + load + " STRATEGIC alliances (capacity " + portfolio.policy().capacity() + ")"));
            }
        }
    }
}
