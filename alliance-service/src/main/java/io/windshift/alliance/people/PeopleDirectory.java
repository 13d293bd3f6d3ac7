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

    private static final int BULK = 1000;

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

    /** One person's part in a reorg: moved (org unit and/or manager) or departed. */
    public record ReorgChange(String personId, String orgUnitId, String managerId, boolean departed) {
    }

    /**
     * Applies a reorg's changes to everyone in it with a few batched reads and one bulk write per thousand
     * people (two round trips per person made a 2,000-person reorg wait on the directory).
     */
    public void reorganised(List<ReorgChange> changes, LocalDate effective, String eventId) {
        for (int from = 0; from < changes.size(); from += BULK) {
            List<ReorgChange> slice = changes.subList(from, Math.min(changes.size(), from + BULK));
            java.util.Map<String, Person> current = new java.util.HashMap<>();
            mongo.find(new Query(Criteria.where("_id").in(slice.stream().map(ReorgChange::personId).toList())), Person.class)
                    .forEach(p -> current.put(p.personId(), p));
            var bulk = mongo.bulkOps(org.springframework.data.mongodb.core.BulkOperations.BulkMode.UNORDERED, Person.class);
            for (ReorgChange change : slice) {
                Person p = current.getOrDefault(change.personId(), unannounced(change.personId()));
                Person changed = change.departed()
                        ? p.changedBy(eventId, p.orgUnitId(), p.managerId(), PersonStatus.DEPARTED, effective)
                        : p.changedBy(eventId, change.orgUnitId() == null ? p.orgUnitId() : change.orgUnitId(),
                        change.managerId() == null ? p.managerId() : change.managerId(), p.status(), effective);
                bulk.replaceOne(new Query(Criteria.where("_id").is(change.personId())), changed,
                        org.springframework.data.mongodb.core.FindAndReplaceOptions.options().upsert());
            }
            bulk.execute();
        }
    }

    /** Puts back what a rescinded event changed; returns the people it touched. */
    public List<String> rescind(String eventId) {
        List<Person> touched = mongo.find(new Query(Criteria.where("changes.eventId").is(eventId)), Person.class);
        touched.forEach(p -> mongo.save(p.withoutChange(eventId)));
        return touched.stream().map(Person::personId).toList();
    }

    /** Applies a change; a person HR never announced is created from what the event says. */
    private void update(String personId, UnaryOperator<Person> change) {
        mongo.save(change.apply(find(personId).orElse(unannounced(personId))));
    }

    private static Person unannounced(String personId) {
        return new Person(personId, null, null, null, null, PersonStatus.ACTIVE, null, null, List.of());
    }
}
