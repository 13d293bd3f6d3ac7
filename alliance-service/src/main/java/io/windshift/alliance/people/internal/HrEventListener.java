package io.windshift.alliance.people.internal;

import io.windshift.alliance.people.OrgUnits;
import io.windshift.alliance.people.PeopleDirectory;
import io.windshift.alliance.impact.ChangeAssessment;
import io.windshift.alliance.impact.ChangeAssessment.PersonChange;
import io.windshift.contract.CloudEvent;
import io.windshift.contract.EventType;
import io.windshift.contract.Topics;
import io.windshift.contract.hr.EventRescinded;
import io.windshift.contract.hr.OrgReorganized;
import io.windshift.contract.hr.OrgUnitChanged;
import io.windshift.contract.hr.WorkerHired;
import io.windshift.contract.hr.WorkerLeaveEnded;
import io.windshift.contract.hr.WorkerLeaveStarted;
import io.windshift.contract.hr.WorkerManagerChanged;
import io.windshift.contract.hr.WorkerTerminated;
import io.windshift.contract.hr.WorkerTransferred;
import io.windshift.messaging.config.MessagingAutoConfiguration;
import io.windshift.messaging.consume.IdempotentBatch;
import io.windshift.messaging.consume.IdempotentConsumer;
import io.windshift.messaging.consume.PoisonEventException;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Applies HR changes, as they take effect, to the directory and the portfolio, once per event id. Departures
 * vacate roles and governance seats (nobody is put in a departed person's place), moves ask role holders to
 * confirm, a person on leave keeps their roles (with a suggested temporary cover), and every affected alliance gets
 * one change impact per event; a rescind undoes and says so. Org units are named as HR names them.
 */
@Component
class HrEventListener {

    private static final Logger log = LoggerFactory.getLogger(HrEventListener.class);
    static final String CONSUMER = "alliance-service.hr";

    private final IdempotentBatch batch;
    private final PeopleDirectory directory;
    private final ChangeAssessment assessment;
    private final OrgUnits orgUnits;

    HrEventListener(IdempotentConsumer idempotent, PeopleDirectory directory, ChangeAssessment assessment, OrgUnits orgUnits) {
        this.batch = new IdempotentBatch(idempotent, CONSUMER, HrEventListener::isHire, this::applyHires, this::apply);
        this.orgUnits = orgUnits;
        this.directory = directory;
        this.assessment = assessment;
    }

    /**
     * A poll at a time: a run of consecutive hires (an HR system's initial load, by the thousand) is applied with a
     * few batched reads and writes, every other event on its own, in order.
     */
    @KafkaListener(topics = Topics.HR, groupId = "alliance-service", containerFactory = MessagingAutoConfiguration.BATCH_FACTORY)
    void on(List<ConsumerRecord<String, CloudEvent>> records) {
        batch.handle(records);
    }

    private static boolean isHire(CloudEvent event) {
        return event.knownType().orElse(null) == EventType.HR_WORKER_HIRED;
    }

    private void applyHires(List<CloudEvent> hires) {
        log.info("Applying {} hr.worker.hired event(s) together, {} to {}", hires.size(), hires.getFirst().id(), hires.getLast().id());
        directory.hiredAll(hires.stream().map(event -> {
            WorkerHired hired = event.dataAs(WorkerHired.class);
            return new PeopleDirectory.Hire(hired.personId(), hired.name(), hired.email(), hired.orgUnitId(), hired.managerId(),
                    hired.effectiveDate(), event.id());
        }).toList());
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
                    directory.hiredAll(List.of(new PeopleDirectory.Hire(hired.personId(), hired.name(), hired.email(), hired.orgUnitId(),
                            hired.managerId(), hired.effectiveDate(), event.id())));
                }
                case HR_WORKER_TERMINATED -> {
                    WorkerTerminated terminated = event.dataAs(WorkerTerminated.class);
                    directory.departed(terminated.personId(), terminated.effectiveDate(), event.id());
                    assessment.assess(event.id(), type.wireName(), terminated.effectiveDate(),
                            List.of(PersonChange.departed(terminated.personId(), "TERMINATED")));
                }
                case HR_WORKER_TRANSFERRED -> {
                    WorkerTransferred moved = event.dataAs(WorkerTransferred.class);
                    directory.moved(moved.personId(), moved.toOrgUnitId(), null, moved.effectiveDate(), event.id());
                    assessment.assess(event.id(), type.wireName(), moved.effectiveDate(),
                            List.of(PersonChange.moved(moved.personId(), "transferred to " + orgUnits.label(moved.toOrgUnitId()))));
                }
                case HR_WORKER_MANAGER_CHANGED -> {
                    WorkerManagerChanged changed = event.dataAs(WorkerManagerChanged.class);
                    directory.moved(changed.personId(), null, changed.newManagerId(), changed.effectiveDate(), event.id());
                    assessment.assess(event.id(), type.wireName(), changed.effectiveDate(),
                            List.of(PersonChange.moved(changed.personId(), "now reports to " + directory.label(changed.newManagerId()))));
                }
                case HR_ORG_REORGANIZED -> {
                    OrgReorganized reorg = event.dataAs(OrgReorganized.class);
                    List<PersonChange> changes = new ArrayList<>();
                    List<PeopleDirectory.ReorgChange> directoryChanges = new ArrayList<>();
                    reorg.movedWorkers().forEach(m -> directoryChanges.add(new PeopleDirectory.ReorgChange(m.personId(), m.toOrgUnitId(), m.newManagerId(), false)));
                    reorg.departedWorkers().forEach(d -> directoryChanges.add(new PeopleDirectory.ReorgChange(d.personId(), null, null, true)));
                    directory.reorganised(directoryChanges, reorg.effectiveDate(), event.id());
                    // A large reorg moves many people into few units: each unit's name is read once.
                    java.util.Map<String, String> units = new java.util.HashMap<>();
                    for (OrgReorganized.MovedWorker m : reorg.movedWorkers()) {
                        changes.add(PersonChange.moved(m.personId(), (m.toOrgUnitId() == null ? "moved"
                                : "moved to " + units.computeIfAbsent(m.toOrgUnitId(), orgUnits::label))
                                + " in reorg "
                                + (reorg.name() == null ? reorg.reorgId() : reorg.name())));
                    }
                    for (OrgReorganized.DepartedWorker departed : reorg.departedWorkers()) {
                        changes.add(PersonChange.departed(departed.personId(), "DEPARTED_IN_REORG"));
                    }
                    assessment.assess(event.id(), type.wireName(), reorg.effectiveDate(), changes);
                }
                case HR_ORG_UNIT_CHANGED -> {
                    OrgUnitChanged unit = event.dataAs(OrgUnitChanged.class);
                    orgUnits.changed(unit.orgUnitId(), unit.name(), unit.parentOrgUnitId(), unit.headPersonId(), unit.effectiveDate(), event.id());
                }
                case HR_WORKER_LEAVE_STARTED -> {
                    WorkerLeaveStarted leave = event.dataAs(WorkerLeaveStarted.class);
                    directory.leaveStarted(leave.personId(), leave.effectiveDate(), event.id());
                    String kind = leave.leaveType() == null || leave.leaveType().isBlank() ? "" : leave.leaveType().toLowerCase().replace('_', ' ') + " ";
                    assessment.assess(event.id(), type.wireName(), leave.effectiveDate(), List.of(PersonChange.onLeave(leave.personId(),
                            "on " + kind + "leave from " + leave.effectiveDate()
                                    + (leave.expectedReturnDate() == null ? "" : ", expected back " + leave.expectedReturnDate()))));
                }
                case HR_WORKER_LEAVE_ENDED -> {
                    WorkerLeaveEnded back = event.dataAs(WorkerLeaveEnded.class);
                    directory.leaveEnded(back.personId(), back.effectiveDate(), event.id());
                    assessment.backFromLeave(event.id(), type.wireName(), back.effectiveDate(), back.personId(),
                            "back from leave on " + back.effectiveDate());
                }
                case HR_EVENT_RESCINDED -> {
                    String rescinded = event.dataAs(EventRescinded.class).rescindedEventId();
                    List<String> people = directory.rescind(rescinded);
                    int impacts = assessment.rescind(rescinded, event.id());
                    log.info("Rescind {} of {}: {} person record(s) and {} impact(s) undone", event.id(), rescinded, people.size(), impacts);
                }
                default -> throw new PoisonEventException("unhandled HR event type " + type.wireName());
            }
        } catch (IllegalArgumentException | tools.jackson.core.JacksonException e) {
            throw new PoisonEventException("invalid " + type.wireName() + " payload: " + e.getMessage(), e);
        }
    }
}
