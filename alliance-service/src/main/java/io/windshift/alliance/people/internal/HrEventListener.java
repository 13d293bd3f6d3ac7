package io.windshift.alliance.people.internal;

import io.windshift.alliance.people.PeopleDirectory;
import io.windshift.alliance.portfolio.AlliancePortfolio;
import io.windshift.contract.CloudEvent;
import io.windshift.contract.EventType;
import io.windshift.contract.Topics;
import io.windshift.contract.hr.OrgReorganized;
import io.windshift.contract.hr.WorkerHired;
import io.windshift.contract.hr.WorkerManagerChanged;
import io.windshift.contract.hr.WorkerTerminated;
import io.windshift.contract.hr.WorkerTransferred;
import io.windshift.messaging.consume.IdempotentConsumer;
import io.windshift.messaging.consume.PoisonEventException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Applies HR changes to the directory and the portfolio, once per event id. Departures vacate roles;
 * nobody is put in a departed person's place.
 */
@Component
class HrEventListener {

    private static final Logger log = LoggerFactory.getLogger(HrEventListener.class);
    static final String CONSUMER = "alliance-service.hr";

    private final IdempotentConsumer idempotent;
    private final PeopleDirectory directory;
    private final AlliancePortfolio portfolio;

    HrEventListener(IdempotentConsumer idempotent, PeopleDirectory directory, AlliancePortfolio portfolio) {
        this.idempotent = idempotent;
        this.directory = directory;
        this.portfolio = portfolio;
    }

    @KafkaListener(topics = Topics.HR, groupId = "alliance-service")
    void on(CloudEvent event) {
        idempotent.handleOnce(CONSUMER, event, this::apply);
    }

    private void apply(CloudEvent event) {
        EventType type = event.knownType()
                .filter(EventType::isHr)
                .orElseThrow(() -> new PoisonEventException("unknown HR event type '" + event.type() + "'"));
        log.info("Applying {} {}", type.wireName(), event.id());
        try {
            switch (type) {
                case HR_WORKER_HIRED -> {
                    WorkerHired hired = event.dataAs(WorkerHired.class);
                    directory.hired(hired.personId(), hired.name(), hired.email(), hired.orgUnitId(), hired.managerId(), hired.effectiveDate(), event.id());
                }
                case HR_WORKER_TERMINATED -> {
                    WorkerTerminated terminated = event.dataAs(WorkerTerminated.class);
                    directory.departed(terminated.personId(), terminated.effectiveDate(), event.id());
                    portfolio.vacateRolesOf(terminated.personId(), "TERMINATED", terminated.effectiveDate(), event.id());
                }
                case HR_WORKER_TRANSFERRED -> {
                    WorkerTransferred moved = event.dataAs(WorkerTransferred.class);
                    directory.moved(moved.personId(), moved.toOrgUnitId(), null, moved.effectiveDate(), event.id());
                }
                case HR_WORKER_MANAGER_CHANGED -> {
                    WorkerManagerChanged changed = event.dataAs(WorkerManagerChanged.class);
                    directory.moved(changed.personId(), null, changed.newManagerId(), changed.effectiveDate(), event.id());
                }
                case HR_ORG_REORGANIZED -> {
                    OrgReorganized reorg = event.dataAs(OrgReorganized.class);
                    reorg.movedWorkers().forEach(m -> directory.moved(m.personId(), m.toOrgUnitId(), m.newManagerId(), reorg.effectiveDate(), event.id()));
                    for (OrgReorganized.DepartedWorker departed : reorg.departedWorkers()) {
                        directory.departed(departed.personId(), reorg.effectiveDate(), event.id());
                        portfolio.vacateRolesOf(departed.personId(), "DEPARTED_IN_REORG", reorg.effectiveDate(), event.id());
                    }
                }
                case HR_EVENT_RESCINDED -> log.warn("Rescind of {} received; undoing rescinded changes is not supported yet", event.id());
                default -> throw new PoisonEventException("unhandled HR event type " + type.wireName());
            }
        } catch (IllegalArgumentException | tools.jackson.core.JacksonException e) {
            throw new PoisonEventException("invalid " + type.wireName() + " payload: " + e.getMessage(), e);
        }
    }
}
