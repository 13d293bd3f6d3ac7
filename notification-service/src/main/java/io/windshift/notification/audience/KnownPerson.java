package io.windshift.notification.audience;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * What notification-service knows of a person from HR events: how to address them, who their manager is,
 * and whether they left ({@code departedBy} is the HR event that said so, so a rescind of it brings them back).
 */
@Document("people")
public record KnownPerson(@Id String personId, String name, String email, String managerId, boolean departed, String departedBy) {

    @PersistenceCreator
    public KnownPerson {
    }

    public KnownPerson(String personId, String name, String email, String managerId, boolean departed) {
        this(personId, name, email, managerId, departed, null);
    }

    /** "Ada Moreno (p-1001)", or the id alone when HR never sent a name. */
    public String label() {
        return name == null ? personId : name + " (" + personId + ")";
    }
}
