package io.windshift.alliance.people;

import java.time.LocalDate;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Service;

/** The people directory mirrored from HR events; keyed by person id. */
@Service
public class PeopleDirectory {

    private final MongoTemplate mongo;

    PeopleDirectory(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    public Optional<Person> find(String personId) {
        return Optional.ofNullable(mongo.findById(personId, Person.class));
    }

    public void hired(String personId, String name, String email, String orgUnitId, String managerId, LocalDate effective, String eventId) {
        mongo.save(new Person(personId, name, email, orgUnitId, managerId, PersonStatus.ACTIVE, effective, eventId));
    }

    public void departed(String personId, LocalDate effective, String eventId) {
        update(personId, p -> new Person(p.personId(), p.name(), p.email(), p.orgUnitId(), p.managerId(), PersonStatus.DEPARTED, effective, eventId));
    }

    public void moved(String personId, String orgUnitId, String managerId, LocalDate effective, String eventId) {
        update(personId, p -> new Person(p.personId(), p.name(), p.email(), orgUnitId == null ? p.orgUnitId() : orgUnitId,
                managerId == null ? p.managerId() : managerId, p.status(), effective, eventId));
    }

    /** Applies a change; a person HR never announced is created from what the event says. */
    private void update(String personId, UnaryOperator<Person> change) {
        Person current = find(personId).orElse(new Person(personId, null, null, null, null, PersonStatus.ACTIVE, null, null));
        mongo.save(change.apply(current));
    }
}
