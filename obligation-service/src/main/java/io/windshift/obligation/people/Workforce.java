package io.windshift.obligation.people;

import java.util.Optional;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Service;

/** Who owns obligations can leave; who they report to is whom an overdue obligation escalates to. */
@Service
public class Workforce {

    private final MongoTemplate mongo;

    Workforce(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    public Optional<Worker> find(String personId) {
        return Optional.ofNullable(mongo.findById(personId, Worker.class));
    }

    public Optional<String> managerOf(String personId) {
        return find(personId).map(Worker::managerId);
    }

    void save(Worker worker) {
        mongo.save(worker);
    }
}
