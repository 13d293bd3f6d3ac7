package io.windshift.obligation.people;

import io.windshift.messaging.store.KeyedChanges;
import java.util.List;
import java.util.function.UnaryOperator;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Service;

/**
 * Writes to the workforce projection; a person HR never announced is created from what the event says. Many people
 * at once (a run of hires, a reorg) are one read and one bulk write ({@link KeyedChanges}).
 */
@Service
public class WorkforceUpdates {

    /** One person's change: receives the worker as stored, or a bare one for a person HR never announced. */
    public record Change(String personId, UnaryOperator<Worker> change) {
    }

    private final MongoTemplate mongo;

    WorkforceUpdates(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /**
     * Hires, in order. If changes for a person were applied before the hire (a reorg or departure travels on another
     * partition than the hire), HR sent the hire first: it only adds the name, and the manager and departure stay.
     */
    public void hiredAll(List<Worker> hires) {
        KeyedChanges<Worker> workers = KeyedChanges.of(mongo, Worker.class, Worker::personId);
        hires.forEach(worker -> workers.change(worker.personId(), current -> current != null && current.name() == null
                ? new Worker(current.personId(), worker.name(), current.managerId() == null ? worker.managerId() : current.managerId(),
                current.departed(), current.lastEventId())
                : worker));
        workers.apply();
    }

    public void changeAll(List<Change> changes) {
        KeyedChanges<Worker> workers = KeyedChanges.of(mongo, Worker.class, Worker::personId);
        changes.forEach(c -> workers.change(c.personId(), current -> c.change().apply(current != null ? current
                : new Worker(c.personId(), null, null, false, null))));
        workers.apply();
    }
}
