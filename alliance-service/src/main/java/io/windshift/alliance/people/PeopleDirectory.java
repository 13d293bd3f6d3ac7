package io.windshift.alliance.people;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
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
        Person existing = find(personId).orElse(null);
        List<Person.Before> history = existing == null ? List.of()
                : existing.changedBy(eventId, orgUnitId, managerId, PersonStatus.ACTIVE, effective).changes();
        mongo.save(new Person(personId, name, email, orgUnitId, managerId, PersonStatus.ACTIVE, effective, eventId, history));
    }

    public void departed(String personId, LocalDate effective, String eventId) {
        update(personId, p -> p.changedBy(eventId, p.orgUnitId(), p.managerId(), PersonStatus.DEPARTED, effective));
    }

    public void moved(String personId, String orgUnitId, String managerId, LocalDate effective, String eventId) {
        update(personId, p -> p.changedBy(eventId, orgUnitId == null ? p.orgUnitId() : orgUnitId,
                managerId == null ? p.managerId() : managerId, p.status(), effective));
    }

    /** Puts back what a rescinded event changed; returns the people it touched. */
    public List<String> rescind(String eventId) {
        List<Person> touched = mongo.find(new Query(Criteria.where("changes.eventId").is(eventId)), Person.class);
        touched.forEach(p -> mongo.save(p.withoutChange(eventId)));
        return touched.stream().map(Person::personId).toList();
    }

    /** Applies a change; a person HR never announced is created from what the event says. */
    private void update(String personId, UnaryOperator<Person> change) {
        Person current = find(personId).orElse(new Person(personId, null, null, null, null, PersonStatus.ACTIVE, null, null, List.of()));
        mongo.save(change.apply(current));
    }
}
