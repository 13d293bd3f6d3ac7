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

    public void put(Worker worker) {
        workforce.save(worker);
    }

    public void change(String personId, UnaryOperator<Worker> change) {
        Worker current = workforce.find(personId).orElse(new Worker(personId, null, null, false, null));
        workforce.save(change.apply(current));
    }
}
