package io.windshift.alliance.people;

import java.time.LocalDate;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/** A worker as HR last described them, mirrored into the directory. */
@Document("people")
public record Person(@Id String personId, String name, String email, String orgUnitId, String managerId, PersonStatus status,
                     LocalDate effectiveDate, String lastEventId) {
}
