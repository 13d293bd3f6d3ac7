package io.windshift.alliance.people;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A worker as HR last described them, mirrored into the directory. {@code changes} keeps, for the latest HR
 * events applied, what the person looked like before each one, so a rescind can put it back.
 */
@Document("people")
public record Person(@Id String personId, String name, String email, String orgUnitId, String managerId, PersonStatus status,
                     LocalDate effectiveDate, String lastEventId, List<Before> changes) {

    static final int KEPT_CHANGES = 20;

    public Person {
        changes = changes == null ? List.of() : List.copyOf(changes);
    }

    /** The person as they were before event {@code eventId}. */
    public record Before(String eventId, String orgUnitId, String managerId, PersonStatus status, LocalDate effectiveDate, String lastEventId) {
    }

    Person changedBy(String eventId, String newOrgUnitId, String newManagerId, PersonStatus newStatus, LocalDate effective) {
        List<Before> kept = new ArrayList<>(changes);
        kept.add(new Before(eventId, orgUnitId, managerId, status, effectiveDate, lastEventId));
        while (kept.size() > KEPT_CHANGES) {
            kept.removeFirst();
        }
        return new Person(personId, name, email, newOrgUnitId, newManagerId, newStatus, effective, eventId, kept);
    }

    /** Known only from changes applied before their hire (a reorg or departure on another partition). */
    boolean unannounced() {
        return name == null && email == null;
    }

    /**
     * A hire that arrives after changes which were applied before it: HR sent the hire first, so it only completes
     * who the person is; the org unit, manager and status those later changes set stay.
     */
    Person completedBy(String hiredName, String hiredEmail, String hiredOrgUnitId, String hiredManagerId, LocalDate effective) {
        return new Person(personId, hiredName, hiredEmail, orgUnitId == null ? hiredOrgUnitId : orgUnitId,
                managerId == null ? hiredManagerId : managerId, status, effectiveDate == null ? effective : effectiveDate, lastEventId, changes);
    }

    /** Puts back what {@code eventId} changed, if this person still remembers it. */
    Person withoutChange(String eventId) {
        Before before = changes.stream().filter(b -> b.eventId().equals(eventId)).findFirst().orElse(null);
        if (before == null) {
            return this;
        }
        List<Before> kept = changes.stream().filter(b -> !b.eventId().equals(eventId)).toList();
        if (!eventId.equals(lastEventId)) {
            // A later event changed the person since: only the status of a rescinded departure is put back.
            PersonStatus restored = status == PersonStatus.DEPARTED && before.status() != PersonStatus.DEPARTED ? before.status() : status;
            return new Person(personId, name, email, orgUnitId, managerId, restored, effectiveDate, lastEventId, kept);
        }
        return new Person(personId, name, email, before.orgUnitId(), before.managerId(), before.status(), before.effectiveDate(),
                before.lastEventId(), kept);
    }
}
