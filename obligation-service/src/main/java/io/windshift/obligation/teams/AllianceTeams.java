package io.windshift.obligation.teams;

import io.windshift.contract.alliance.TeamMember;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/**
 * Alliance teams as alliance-service announces them: whom the register shows an alliance's obligations
 * to, who may edit them (its alliance manager), and who owns a partner notice.
 */
@Service
public class AllianceTeams {

    public static final String ALLIANCE_MANAGER = "ALLIANCE_MANAGER";

    private final MongoTemplate mongo;

    AllianceTeams(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    public Optional<AllianceTeam> find(String allianceId) {
        return Optional.ofNullable(mongo.findById(allianceId, AllianceTeam.class));
    }

    public boolean involves(String allianceId, String personId) {
        return find(allianceId).map(t -> t.involves(personId)).orElse(false);
    }

    public boolean isAllianceManagerOf(String allianceId, String personId) {
        return find(allianceId).map(t -> t.holds(personId, ALLIANCE_MANAGER)).orElse(false);
    }

    public List<String> allianceIdsOf(String personId) {
        return mongo.find(Query.query(Criteria.where("members.personId").is(personId)), AllianceTeam.class).stream()
                .map(AllianceTeam::allianceId).toList();
    }

    public void registered(String allianceId, List<TeamMember> team, long version) {
        if (find(allianceId).filter(t -> t.allianceVersion() > version).isEmpty()) {
            mongo.save(new AllianceTeam(allianceId, team, version));
        }
    }

    /** A person now holds a singleton role: whoever held it before no longer does. */
    public void assigned(String allianceId, String role, String personId, long version) {
        change(allianceId, version, members -> {
            members.removeIf(m -> m.role().equals(role));
            members.add(new TeamMember(role, personId));
        });
    }

    public void vacated(String allianceId, String role, String personId, long version) {
        change(allianceId, version, members -> members.removeIf(m -> m.role().equals(role) && m.personId().equals(personId)));
    }

    /**
     * Applies an alliance event of {@code version} unless the projection already holds a later version: a replayed
     * or redelivered older event must not overwrite a newer team. Events of one alliance write share a version.
     */
    private void change(String allianceId, long version, java.util.function.Consumer<List<TeamMember>> change) {
        Optional<AllianceTeam> current = find(allianceId);
        if (current.isPresent() && current.get().allianceVersion() > version) {
            return;
        }
        List<TeamMember> members = new ArrayList<>(current.map(AllianceTeam::members).orElse(List.of()));
        change.accept(members);
        mongo.save(new AllianceTeam(allianceId, members, version));
    }
}
