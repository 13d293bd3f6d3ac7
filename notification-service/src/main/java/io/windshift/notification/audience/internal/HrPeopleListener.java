package io.windshift.notification.audience.internal;

import io.windshift.contract.CloudEvent;
import io.windshift.contract.EventType;
import io.windshift.contract.Topics;
import io.windshift.contract.hr.EventRescinded;
import io.windshift.contract.hr.OrgReorganized;
import io.windshift.contract.hr.WorkerHired;
import io.windshift.contract.hr.WorkerManagerChanged;
import io.windshift.contract.hr.WorkerTerminated;
import io.windshift.messaging.config.MessagingAutoConfiguration;
import io.windshift.messaging.consume.IdempotentBatch;
import io.windshift.messaging.consume.IdempotentConsumer;
import io.windshift.messaging.store.KeyedChanges;
import io.windshift.notification.audience.KnownPerson;
import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Learns names, emails and managers from HR events, for addressing and escalating notifications. A poll at a time:
 * a run of hires, and each reorg's people, are one read and one bulk write ({@link KeyedChanges}).
 */
@Component
class HrPeopleListener {

    private final MongoTemplate mongo;
    private final IdempotentBatch batch;

    HrPeopleListener(IdempotentConsumer idempotent, MongoTemplate mongo) {
        this.mongo = mongo;
        this.batch = new IdempotentBatch(idempotent, "notification-service.hr",
                event -> event.knownType().orElse(null) == EventType.HR_WORKER_HIRED, this::applyHires, this::apply);
    }

    @KafkaListener(topics = Topics.HR, groupId = "notification-service", containerFactory = MessagingAutoConfiguration.BATCH_FACTORY)
    void on(List<ConsumerRecord<String, CloudEvent>> records) {
        batch.handle(records);
    }

    private void applyHires(List<CloudEvent> hires) {
        KeyedChanges<KnownPerson> people = changes();
        hires.forEach(event -> hired(people, event.dataAs(WorkerHired.class)));
        people.apply();
    }

    private void apply(CloudEvent event) {
        KeyedChanges<KnownPerson> people = changes();
        switch (event.knownType().orElse(null)) {
            case HR_WORKER_HIRED -> hired(people, event.dataAs(WorkerHired.class));
            case HR_WORKER_TERMINATED -> update(people, event.dataAs(WorkerTerminated.class).personId(),
                    p -> new KnownPerson(p.personId(), p.name(), p.email(), p.managerId(), true, event.id()));
            case HR_EVENT_RESCINDED -> {
                // A rescinded departure brings the person back; rescinds of anything else change nobody's address.
                String rescinded = event.dataAs(EventRescinded.class).rescindedEventId();
                mongo.find(Query.query(Criteria.where("departedBy").is(rescinded)), KnownPerson.class).forEach(p -> people.change(p.personId(),
                        current -> new KnownPerson(p.personId(), p.name(), p.email(), p.managerId(), false, null)));
            }
            case HR_WORKER_MANAGER_CHANGED -> {
                WorkerManagerChanged changed = event.dataAs(WorkerManagerChanged.class);
                update(people, changed.personId(), p -> new KnownPerson(p.personId(), p.name(), p.email(), changed.newManagerId(), p.departed(), p.departedBy()));
            }
            case HR_ORG_REORGANIZED -> {
                OrgReorganized reorg = event.dataAs(OrgReorganized.class);
                reorg.movedWorkers().forEach(m -> update(people, m.personId(), p -> new KnownPerson(p.personId(), p.name(), p.email(),
                        m.newManagerId() == null ? p.managerId() : m.newManagerId(), p.departed(), p.departedBy())));
                reorg.departedWorkers().forEach(d -> update(people, d.personId(),
                        p -> new KnownPerson(p.personId(), p.name(), p.email(), p.managerId(), true, event.id())));
            }
            case null, default -> {
                // Transfers do not change how a person is addressed.
            }
        }
        people.apply();
    }

    private KeyedChanges<KnownPerson> changes() {
        return KeyedChanges.of(mongo, KnownPerson.class, KnownPerson::personId);
    }

    private static void hired(KeyedChanges<KnownPerson> people, WorkerHired hired) {
        people.change(hired.personId(), earlier -> earlier != null && earlier.name() == null && earlier.email() == null
                // changes applied before the hire (another partition): the hire only says who and where to write
                ? new KnownPerson(earlier.personId(), hired.name(), hired.email(),
                        earlier.managerId() == null ? hired.managerId() : earlier.managerId(), earlier.departed(), earlier.departedBy())
                : new KnownPerson(hired.personId(), hired.name(), hired.email(), hired.managerId(), false));
    }

    private static void update(KeyedChanges<KnownPerson> people, String personId, UnaryOperator<KnownPerson> change) {
        people.change(personId, current -> change.apply(current != null ? current : new KnownPerson(personId, null, null, null, false)));
    }
}
