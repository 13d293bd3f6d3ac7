package io.windshift.obligation.teams.internal;

import io.windshift.contract.CloudEvent;
import io.windshift.contract.EventIds;
import io.windshift.contract.Topics;
import io.windshift.contract.alliance.AllianceRegistered;
import io.windshift.contract.alliance.KeyRoleChanged;
import io.windshift.contract.alliance.PartnerNotice;
import io.windshift.contract.alliance.RoleAssigned;
import io.windshift.contract.alliance.RoleVacated;
import io.windshift.messaging.consume.IdempotentConsumer;
import io.windshift.obligation.register.Category;
import io.windshift.obligation.register.Direction;
import io.windshift.obligation.register.ObligationRegister;
import io.windshift.obligation.register.ObligationTerms;
import io.windshift.obligation.register.ObligationType;
import io.windshift.obligation.register.Schedule;
import io.windshift.obligation.teams.AllianceTeams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Keeps the alliance-team projection, vacates obligation owners who left an alliance's team, and turns
 * the partner notices of a sponsor or manager change into PARTNER_NOTICE obligations (one per event and
 * clause, under a derived id, so a redelivery adds nothing).
 */
@Component
class AllianceEventListener {

    private static final Logger log = LoggerFactory.getLogger(AllianceEventListener.class);

    private final IdempotentConsumer idempotent;
    private final AllianceTeams teams;
    private final ObligationRegister register;

    AllianceEventListener(IdempotentConsumer idempotent, AllianceTeams teams, ObligationRegister register) {
        this.idempotent = idempotent;
        this.teams = teams;
        this.register = register;
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
            case ALLIANCE_SPONSOR_CHANGED, ALLIANCE_MANAGER_CHANGED -> keyRoleChanged(event, event.dataAs(KeyRoleChanged.class));
            case null, default -> {
                // Governance, capacity and impact events change nothing in the register.
            }
        }
    }

    private void keyRoleChanged(CloudEvent event, KeyRoleChanged changed) {
        if (changed.newPersonId() != null) {
            teams.assigned(changed.allianceId(), changed.role(), changed.newPersonId(), changed.allianceVersion());
        }
        String owner = teams.find(changed.allianceId()).flatMap(t -> t.holderOf(AllianceTeams.ALLIANCE_MANAGER))
                .orElse(changed.newPersonId());
        String source = changed.triggerEventId() == null ? event.id() : changed.triggerEventId();
        for (PartnerNotice notice : changed.partnerNotices()) {
            String id = "ob-" + EventIds.derived(event.id(), notice.agreementId(), notice.clauseRef());
            String title = "Notify the partner of the " + changed.role().toLowerCase().replace('_', ' ') + " change on "
                    + (changed.allianceName() == null ? changed.allianceId() : changed.allianceName());
            ObligationTerms terms = new ObligationTerms(changed.allianceId(), title, notice.agreementId(), notice.clauseRef(),
                    Category.GOVERNANCE, ObligationType.PARTNER_NOTICE, Direction.OWED_BY_US, owner, null, null, null, null,
                    Schedule.once(notice.dueDate()));
            register.registerOnce(id, terms, "alliance-service", source)
                    .ifPresent(o -> log.info("Partner notice {} due {} for {}", o.id(), notice.dueDate(), changed.allianceId()));
        }
    }
}
