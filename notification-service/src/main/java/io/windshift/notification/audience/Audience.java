package io.windshift.notification.audience;

import io.windshift.notification.inbox.Reach;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Service;

/**
 * Read side of the projections: who is on an alliance's team, who a person is, who heads alliance
 * management. Nothing here calls another service. Departed people are never an audience.
 */
@Service
public class Audience {

    private final MongoTemplate mongo;
    private final List<String> heads;

    Audience(MongoTemplate mongo, @Value("${windshift.notification.heads-of-alliance-management:p-head}") List<String> heads) {
        this.mongo = mongo;
        this.heads = heads.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    public Optional<AllianceTeam> team(String allianceId) {
        return Optional.ofNullable(mongo.findById(allianceId, AllianceTeam.class));
    }

    public Optional<KnownPerson> person(String personId) {
        return personId == null ? Optional.empty() : Optional.ofNullable(mongo.findById(personId, KnownPerson.class));
    }

    public String label(String personId) {
        return person(personId).map(KnownPerson::label).orElse(personId);
    }

    public List<String> headsOfAllianceManagement() {
        return heads;
    }

    public boolean departed(String personId) {
        return person(personId).map(KnownPerson::departed).orElse(false);
    }

    /** The manager to escalate to, if HR told us one and they are still here. */
    public Optional<String> managerOf(String personId) {
        return person(personId).map(KnownPerson::managerId).filter(m -> !departed(m));
    }

    /** What the notification rules need to know about people, backed by this projection. */
    public Reach reach() {
        return new Reach(this::label, this::departed, heads);
    }
}
