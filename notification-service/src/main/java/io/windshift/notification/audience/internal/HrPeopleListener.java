package io.windshift.notification.audience.internal;

import io.windshift.contract.CloudEvent;
import io.windshift.contract.Topics;
import io.windshift.contract.hr.EventRescinded;
import io.windshift.contract.hr.OrgReorganized;
import io.windshift.contract.hr.WorkerHired;
import io.windshift.contract.hr.WorkerManagerChanged;
import io.windshift.contract.hr.WorkerTerminated;
import io.windshift.messaging.consume.IdempotentConsumer;
import io.windshift.notification.audience.KnownPerson;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Learns names, emails and managers from HR events, for addressing and escalating notifications. */
@Component
class HrPeopleListener {

    private final IdempotentConsumer idempotent;
    private final MongoTemplate mongo;

    HrPeopleListener(IdempotentConsumer idempotent, MongoTemplate mongo) {
        this.idempotent = idempotent;
        this.mongo = mongo;
    }

    @KafkaListener(topics = Topics.HR, groupId = "notification-service")
    void on(CloudEvent event) {
        idempotent.handleOnce("notification-service.hr", event, this::apply);
    }

    private void apply(CloudEvent event) {
        switch (event.knownType().orElse(null)) {
            case HR_WORKER_HIRED -> {
                WorkerHired hired = event.dataAs(WorkerHired.class);
                KnownPerson earlier = mongo.findById(hired.personId(), KnownPerson.class);
                if (earlier != null && earlier.name() == null && earlier.email() == null) {
                    // changes applied before the hire (another partition): the hire only says who and where to write
                    mongo.save(new KnownPerson(earlier.personId(), hired.name(), hired.email(),
                            earlier.managerId() == null ? hired.managerId() : earlier.managerId(), earlier.departed(), earlier.departedBy()));
                } else {
                    mongo.save(new KnownPerson(hired.personId(), hired.name(), hired.email(), hired.managerId(), false));
                }
            }
            case HR_WORKER_TERMINATED -> update(event.dataAs(WorkerTerminated.class).personId(),
                    p -> new KnownPerson(p.personId(), p.name(), p.email(), p.managerId(), true, event.id()));
            case HR_EVENT_RESCINDED -> {
                // A rescinded departure brings the person back; rescinds of anything else change nobody's address.
                String rescinded = event.dataAs(EventRescinded.class).rescindedEventId();
                mongo.find(Query.query(Criteria.where("departedBy").is(rescinded)), KnownPerson.class).forEach(p ->
                        mongo.save(new KnownPerson(p.personId(), p.name(), p.email(), p.managerId(), false, null)));
            }
            case HR_WORKER_MANAGER_CHANGED -> {
                WorkerManagerChanged changed = event.dataAs(WorkerManagerChanged.class);
                update(changed.personId(), p -> new KnownPerson(p.personId(), p.name(), p.email(), changed.newManagerId(), p.departed(), p.departedBy()));
            }
            case HR_ORG_REORGANIZED -> {
                OrgReorganized reorg = event.dataAs(OrgReorganized.class);
                reorg.movedWorkers().forEach(m -> update(m.personId(), p -> new KnownPerson(p.personId(), p.name(), p.email(),
                        m.newManagerId() == null ? p.managerId() : m.newManagerId(), p.departed(), p.departedBy())));
                reorg.departedWorkers().forEach(d -> update(d.personId(), p -> new KnownPerson(p.personId(), p.name(), p.email(), p.managerId(), true, event.id())));
            }
            case null, default -> {
                // Transfers do not change how a person is addressed.
            }
        }
    }

    private void update(String personId, UnaryOperator<KnownPerson> change) {
        KnownPerson current = Optional.ofNullable(mongo.findById(personId, KnownPerson.class))
                .orElse(new KnownPerson(personId, null, null, null, false));
        mongo.save(change.apply(current));
    }
}
