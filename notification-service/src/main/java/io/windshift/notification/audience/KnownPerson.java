package io.windshift.notification.audience;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/** What notification-service knows of a person from HR events: how to address them and who their manager is. */
@Document("people")
public record KnownPerson(@Id String personId, String name, String email, String managerId, boolean departed) {

    /** "Ada Moreno (p-1001)", or the id alone when HR never sent a name. */
    public String label() {
        return name == null ? personId : name + " (" + personId + ")";
    }
}
