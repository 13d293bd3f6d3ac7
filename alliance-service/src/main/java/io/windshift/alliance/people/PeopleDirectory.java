package io.windshift.alliance.people;

import io.windshift.alliance.people.internal.PersonNameIndex;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/** The people directory mirrored from HR events; keyed by person id, searchable by name or id ({@link PersonNames}). */
@Service
public class PeopleDirectory {

    private static final Logger log = LoggerFactory.getLogger(PeopleDirectory.class);
    private static final int BULK = 1000;

    private final MongoTemplate mongo;
    private final PersonNameIndex names;

    PeopleDirectory(MongoTemplate mongo, PersonNameIndex names) {
        this.mongo = mongo;
        this.names = names;
    }

    public record Found(List<Person> items, long total) {
    }

    /**
     * People whose name word, whole name or id starts with {@code query} (case and accents ignored), by name, then id;
     * only those {@code visible} accepts. Reads one key of the name index and then the page's people by id: the cost
     * follows the people under the query's first two letters, never the size of the directory.
     */
    public Found search(String query, Predicate<String> visible, int page, int size) {
        String folded = PersonNames.fold(query);
        List<PersonNameIndex.Entry> matches = names.under(PersonNames.queryKey(folded)).stream()
                .filter(e -> PersonNames.matches(folded, e.personId(), e.name()))
                .filter(e -> visible.test(e.personId()))
                .sorted(Comparator.comparing((PersonNameIndex.Entry e) -> PersonNames.fold(e.name()).isEmpty() ? "\uffff" : PersonNames.fold(e.name()))
                        .thenComparing(PersonNameIndex.Entry::personId))
                .toList();
        List<Person> items = matches.stream().skip((long) page * size).limit(size)
                .map(e -> find(e.personId()).orElse(null)).filter(Objects::nonNull).toList();
        return new Found(items, matches.size());
    }

    /** People mirrored before the (sharded) name index existed are put in it once: a scan of the directory, at start-up only. */
    @EventListener(ApplicationReadyEvent.class)
    void backfillNameIndex() {
        if (names.built()) {
            return;
        }
        List<PersonNameIndex.Entry> people = new java.util.ArrayList<>();
        for (Person person : mongo.findAll(Person.class)) {
            people.add(new PersonNameIndex.Entry(person.personId(), person.name()));
        }
        names.build(people);
        log.info("People search index: {} people of the directory indexed", people.size());
    }

    public Optional<Person> find(String personId) {
        return Optional.ofNullable(mongo.findById(personId, Person.class));
    }

    /** "Omar Haddad (p-omar)" when the directory knows the name, else the id: how findings name people. */
    public String label(String personId) {
        return find(personId).map(Person::name).filter(n -> n != null && !n.isBlank()).map(n -> n + " (" + personId + ")").orElse(personId);
    }

    /** One hire as HR announced it. */
    public record Hire(String personId, String name, String email, String orgUnitId, String managerId, LocalDate effective, String eventId) {
    }

    /**
     * Applies hires in order, as one at a time would (a rehire keeps the history of the person before), with one read
     * of the people concerned, one bulk write of their records and one of the search index per thousand.
     */
    public void hiredAll(List<Hire> hires) {
        for (int from = 0; from < hires.size(); from += BULK) {
            List<Hire> slice = hires.subList(from, Math.min(hires.size(), from + BULK));
            java.util.Map<String, Person> before = new java.util.HashMap<>();
            mongo.find(new Query(Criteria.where("_id").in(slice.stream().map(Hire::personId).distinct().toList())), Person.class)
                    .forEach(p -> before.put(p.personId(), p));
            java.util.Map<String, Person> after = new java.util.LinkedHashMap<>();
            for (Hire hire : slice) {
                Person existing = after.containsKey(hire.personId()) ? after.get(hire.personId()) : before.get(hire.personId());
                after.put(hire.personId(), hired(existing, hire));
            }
            names.putAll(after.values().stream().map(p -> new PersonNameIndex.Rename(p.personId(),
                    before.containsKey(p.personId()) ? before.get(p.personId()).name() : null, before.containsKey(p.personId()), p.name())).toList());
            var bulk = mongo.bulkOps(org.springframework.data.mongodb.core.BulkOperations.BulkMode.UNORDERED, Person.class);
            after.values().forEach(p -> bulk.replaceOne(new Query(Criteria.where("_id").is(p.personId())), p,
                    org.springframework.data.mongodb.core.FindAndReplaceOptions.options().upsert()));
            bulk.execute();
        }
    }

    private static Person hired(Person existing, Hire hire) {
        if (existing != null && existing.unannounced()) {
            return existing.completedBy(hire.name(), hire.email(), hire.orgUnitId(), hire.managerId(), hire.effective());
        }
        List<Person.Before> history = existing == null ? List.of()
                : existing.changedBy(hire.eventId(), hire.orgUnitId(), hire.managerId(), PersonStatus.ACTIVE, hire.effective()).changes();
        return new Person(hire.personId(), hire.name(), hire.email(), hire.orgUnitId(), hire.managerId(), PersonStatus.ACTIVE, hire.effective(),
                hire.eventId(), history);
    }

    public void departed(String personId, LocalDate effective, String eventId) {
        update(personId, p -> p.changedBy(eventId, p.orgUnitId(), p.managerId(), PersonStatus.DEPARTED, effective));
    }

    /** On leave: the person keeps every role (a departed person stays departed). */
    public void leaveStarted(String personId, LocalDate effective, String eventId) {
        update(personId, p -> p.changedBy(eventId, p.orgUnitId(), p.managerId(),
                p.status() == PersonStatus.DEPARTED ? PersonStatus.DEPARTED : PersonStatus.ON_LEAVE, effective));
    }

    public void leaveEnded(String personId, LocalDate effective, String eventId) {
        update(personId, p -> p.changedBy(eventId, p.orgUnitId(), p.managerId(),
                p.status() == PersonStatus.ON_LEAVE ? PersonStatus.ACTIVE : p.status(), effective));
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
                Person p = current.containsKey(change.personId()) ? current.get(change.personId()) : unannounced(change.personId());
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
        Person current = find(personId).orElse(null);
        mongo.save(change.apply(current == null ? unannounced(personId) : current));
    }

    /** A person HR never announced, found in the search by id from now on. */
    private Person unannounced(String personId) {
        names.put(personId, null, false, null);
        return new Person(personId, null, null, null, null, PersonStatus.ACTIVE, null, null, List.of());
    }
}
