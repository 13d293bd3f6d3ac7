package io.windshift.obligation.people;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/** obligation-service's own view of a person: whether they are still here and who their manager is (for escalation). */
@Document("workers")
public record Worker(@Id String personId, String name, String managerId, boolean departed, String lastEventId) {
}
