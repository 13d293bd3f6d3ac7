package io.windshift.obligation.people.internal;

import io.windshift.contract.CloudEvent;
import io.windshift.contract.Topics;
import io.windshift.contract.hr.EventRescinded;
import io.windshift.contract.hr.OrgReorganized;
import io.windshift.contract.hr.WorkerHired;
import io.windshift.contract.hr.WorkerManagerChanged;
import io.windshift.contract.hr.WorkerTerminated;
import io.windshift.messaging.consume.IdempotentConsumer;
import io.windshift.obligation.register.ObligationRegister;
import io.windshift.obligation.people.Worker;
import io.windshift.obligation.people.WorkforceUpdates;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Builds the workforce projection from the HR topic, once per event id, and flags the obligations of people
 * who leave as owner-vacated (restoring them when HR rescinds the departure).
 */
@Component
class WorkforceListener {

    private final IdempotentConsumer idempotent;
    private final WorkforceUpdates updates;
    private final ObligationRegister register;

    WorkforceListener(IdempotentConsumer idempotent, WorkforceUpdates updates, ObligationRegister register) {
        this.idempotent = idempotent;
        this.updates = updates;
        this.register = register;
    }

    @KafkaListener(topics = Topics.HR, groupId = "obligation-service")
    void on(CloudEvent event) {
        idempotent.handleOnce("obligation-service.hr", event, this::apply);
    }

    private void apply(CloudEvent event) {
        String id = event.id();
        switch (event.knownType().orElse(null)) {
            case HR_WORKER_HIRED -> {
                WorkerHired hired = event.dataAs(WorkerHired.class);
                updates.hired(new Worker(hired.personId(), hired.name(), hired.managerId(), false, id));
            }
            case HR_WORKER_TERMINATED -> {
                String personId = event.dataAs(WorkerTerminated.class).personId();
                updates.change(personId, w -> new Worker(w.personId(), w.name(), w.managerId(), true, id));
                register.vacateOwnerships(personId, null, "TERMINATED", id);
            }
            case HR_WORKER_MANAGER_CHANGED -> {
                WorkerManagerChanged changed = event.dataAs(WorkerManagerChanged.class);
                updates.change(changed.personId(), w -> new Worker(w.personId(), w.name(), changed.newManagerId(), w.departed(), id));
            }
            case HR_ORG_REORGANIZED -> {
                OrgReorganized reorg = event.dataAs(OrgReorganized.class);
                reorg.movedWorkers().forEach(m -> updates.change(m.personId(), w -> new Worker(w.personId(), w.name(),
                        m.newManagerId() == null ? w.managerId() : m.newManagerId(), w.departed(), id)));
                reorg.departedWorkers().forEach(d -> {
                    updates.change(d.personId(), w -> new Worker(w.personId(), w.name(), w.managerId(), true, id));
                    register.vacateOwnerships(d.personId(), null, "REORG_DEPARTURE", id);
                });
            }
            case HR_EVENT_RESCINDED -> register.restoreOwnerships(event.dataAs(EventRescinded.class).rescindedEventId(), id);
            case null, default -> {
                // Transfers between org units do not change ownership or reporting lines here.
            }
        }
    }
}
