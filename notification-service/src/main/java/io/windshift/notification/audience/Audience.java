package io.windshift.notification.audience;

import java.util.Optional;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Service;

/** Read side of the projections: who is on an alliance's team, and who a person is. */
@Service
public class Audience {

    private final MongoTemplate mongo;

    Audience(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    public Optional<AllianceTeam> team(String allianceId) {
        return Optional.ofNullable(mongo.findById(allianceId, AllianceTeam.class));
    }

    public String label(String personId) {
        return Optional.ofNullable(mongo.findById(personId, KnownPerson.class)).map(KnownPerson::label).orElse(personId);
    }
}
