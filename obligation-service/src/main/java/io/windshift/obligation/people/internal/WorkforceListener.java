package io.windshift.obligation.people.internal;

import io.windshift.contract.CloudEvent;
import io.windshift.contract.Topics;
import io.windshift.contract.hr.EventRescinded;
import io.windshift.contract.hr.OrgReorganized;
import io.windshift.contract.hr.WorkerHired;
import io.windshift.contract.hr.WorkerManagerChanged;
import io.windshift.contract.hr.WorkerTerminated;
import io.windshift.contract.EventType;
import io.windshift.messaging.config.MessagingAutoConfiguration;
import io.windshift.messaging.consume.IdempotentBatch;
import io.windshift.messaging.consume.IdempotentConsumer;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
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

    private final IdempotentBatch batch;
    private final WorkforceUpdates updates;
    private final ObligationRegister register;

    WorkforceListener(IdempotentConsumer idempotent, WorkforceUpdates updates, ObligationRegister register) {
        this.batch = new IdempotentBatch(idempotent, "obligation-service.hr",
                event -> event.knownType().orElse(null) == EventType.HR_WORKER_HIRED, this::applyHires, this::apply);
        this.updates = updates;
        this.register = register;
    }

    /** A poll at a time: a run of hires is one read and one bulk write of the workforce, every other event on its own. */
    @KafkaListener(topics = Topics.HR, groupId = "obligation-service", containerFactory = MessagingAutoConfiguration.BATCH_FACTORY)
    void on(List<ConsumerRecord<String, CloudEvent>> records) {
        batch.handle(records);
    }

    private void applyHires(List<CloudEvent> hires) {
        updates.hiredAll(hires.stream().map(event -> {
            WorkerHired hired = event.dataAs(WorkerHired.class);
            return new Worker(hired.personId(), hired.name(), hired.managerId(), false, event.id());
        }).toList());
    }

    private void apply(CloudEvent event) {
        String id = event.id();
        switch (event.knownType().orElse(null)) {
            case HR_WORKER_HIRED -> {
                WorkerHired hired = event.dataAs(WorkerHired.class);
                updates.hiredAll(List.of(new Worker(hired.personId(), hired.name(), hired.managerId(), false, id)));
            }
            case HR_WORKER_TERMINATED -> {
                String personId = event.dataAs(WorkerTerminated.class).personId();
                updates.changeAll(List.of(new WorkforceUpdates.Change(personId, w -> new Worker(w.personId(), w.name(), w.managerId(), true, id))));
                register.vacateOwnerships(personId, null, "TERMINATED", id);
            }
            case HR_WORKER_MANAGER_CHANGED -> {
                WorkerManagerChanged changed = event.dataAs(WorkerManagerChanged.class);
                updates.changeAll(List.of(new WorkforceUpdates.Change(changed.personId(),
                        w -> new Worker(w.personId(), w.name(), changed.newManagerId(), w.departed(), id))));
            }
            case HR_ORG_REORGANIZED -> {
                OrgReorganized reorg = event.dataAs(OrgReorganized.class);
                List<WorkforceUpdates.Change> changes = new ArrayList<>();
                reorg.movedWorkers().forEach(m -> changes.add(new WorkforceUpdates.Change(m.personId(), w -> new Worker(w.personId(), w.name(),
                        m.newManagerId() == null ? w.managerId() : m.newManagerId(), w.departed(), id))));
                reorg.departedWorkers().forEach(d -> changes.add(new WorkforceUpdates.Change(d.personId(),
                        w -> new Worker(w.personId(), w.name(), w.managerId(), true, id))));
                updates.changeAll(changes);
                reorg.departedWorkers().forEach(d -> register.vacateOwnerships(d.personId(), null, "REORG_DEPARTURE", id));
            }
            case HR_EVENT_RESCINDED -> register.restoreOwnerships(event.dataAs(EventRescinded.class).rescindedEventId(), id);
            case null, default -> {
                // Transfers between org units do not change ownership or reporting lines here.
            }
        }
    }
}
