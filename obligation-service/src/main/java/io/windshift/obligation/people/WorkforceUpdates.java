package io.windshift.obligation.people;

import java.util.function.UnaryOperator;
import org.springframework.stereotype.Service;

/** Writes to the workforce projection; a person HR never announced is created from what the event says. */
@Service
public class WorkforceUpdates {

    private final Workforce workforce;

    WorkforceUpdates(Workforce workforce) {
        this.workforce = workforce;
    }

    /**
     * A hire. If changes for the person were applied before it (a reorg or departure travels on another partition
     * than the hire), HR sent the hire first: it only adds the name, and the manager and departure stay.
     */
    public void hired(Worker worker) {
        Worker current = workforce.find(worker.personId()).orElse(null);
        if (current != null && current.name() == null) {
            workforce.save(new Worker(current.personId(), worker.name(), current.managerId() == null ? worker.managerId() : current.managerId(),
                    current.departed(), current.lastEventId()));
            return;
        }
        workforce.save(worker);
    }

    public void change(String personId, UnaryOperator<Worker> change) {
        Worker current = workforce.find(personId).orElse(new Worker(personId, null, null, false, null));
        workforce.save(change.apply(current));
    }
}
