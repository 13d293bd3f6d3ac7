package io.windshift.obligation.teams.internal;

import io.windshift.contract.CloudEvent;
import io.windshift.contract.Topics;
import io.windshift.contract.alliance.AllianceRegistered;
import io.windshift.contract.alliance.ImpactActionChanged;
import io.windshift.contract.alliance.KeyRoleChanged;
import io.windshift.contract.alliance.RoleAssigned;
import io.windshift.contract.alliance.RoleVacated;
import io.windshift.messaging.consume.IdempotentConsumer;
import io.windshift.obligation.notices.PartnerNotices;
import io.windshift.obligation.register.ObligationRegister;
import io.windshift.obligation.teams.AllianceTeams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Keeps the alliance-team projection, vacates obligation owners who left an alliance's team, and hands the
 * impact actions of partner notices to {@link PartnerNotices} (open: a PARTNER_NOTICE obligation under the
 * action's notice obligation id; dismissed by a person: waived; reassigned: new owner).
 */
@Component
class AllianceEventListener {

    private static final Logger log = LoggerFactory.getLogger(AllianceEventListener.class);

    private final IdempotentConsumer idempotent;
    private final AllianceTeams teams;
    private final ObligationRegister register;
    private final PartnerNotices notices;

    AllianceEventListener(IdempotentConsumer idempotent, AllianceTeams teams, ObligationRegister register, PartnerNotices notices) {
        this.idempotent = idempotent;
        this.teams = teams;
        this.register = register;
        this.notices = notices;
    }

    @KafkaListener(topics = Topics.ALLIANCE, groupId = "obligation-service")
    void on(CloudEvent event) {
        idempotent.handleOnce("obligation-service.alliance", event, this::apply);
    }

    private void apply(CloudEvent event) {
        switch (event.knownType().orElse(null)) {
            case ALLIANCE_REGISTERED -> {
                AllianceRegistered registered = event.dataAs(AllianceRegistered.class);
                teams.registered(registered.allianceId(), registered.team(), registered.allianceVersion());
            }
            case ALLIANCE_ROLE_ASSIGNED -> {
                RoleAssigned assigned = event.dataAs(RoleAssigned.class);
                teams.assigned(assigned.allianceId(), assigned.role(), assigned.personId(), assigned.allianceVersion());
            }
            case ALLIANCE_ROLE_VACATED -> {
                RoleVacated vacated = event.dataAs(RoleVacated.class);
                teams.vacated(vacated.allianceId(), vacated.role(), vacated.personId(), vacated.allianceVersion());
                String trigger = vacated.triggerEventId() == null ? event.id() : vacated.triggerEventId();
                int count = register.vacateOwnerships(vacated.personId(), vacated.allianceId(), "ROLE_VACATED", trigger);
                if (count > 0) {
                    log.info("{} obligation(s) on {} lost their owner {} ({})", count, vacated.allianceId(), vacated.personId(), trigger);
                }
            }
            case ALLIANCE_SPONSOR_CHANGED, ALLIANCE_MANAGER_CHANGED -> keyRoleChanged(event.dataAs(KeyRoleChanged.class));
            case ALLIANCE_IMPACT_ACTION_CHANGED -> notices.changed(event.id(), event.dataAs(ImpactActionChanged.class));
            case null, default -> {
                // Governance, capacity and impact assessments change nothing in the register.
            }
        }
    }

    /**
     * The projection follows the seat. Partner notices are no longer created here: alliance-service opens one
     * impact action per notice (for every seat, governance bodies included) and {@link PartnerNotices} registers
     * the notice obligation from that, so taking them from this event too would double them.
     */
    private void keyRoleChanged(KeyRoleChanged changed) {
        if (changed.newPersonId() != null) {
            teams.assigned(changed.allianceId(), changed.role(), changed.newPersonId(), changed.allianceVersion());
        }
    }
}
