package io.windshift.obligation.teams;

import io.windshift.contract.alliance.TeamMember;
import java.util.List;
import java.util.Optional;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/** obligation-service's own view of who holds which role on an alliance, built from alliance events. */
@Document("alliance_teams")
public record AllianceTeam(@Id String allianceId, List<TeamMember> members, long allianceVersion) {

    public AllianceTeam {
        members = members == null ? List.of() : List.copyOf(members);
    }

    public boolean involves(String personId) {
        return members.stream().anyMatch(m -> m.personId().equals(personId));
    }

    public boolean holds(String personId, String role) {
        return members.stream().anyMatch(m -> m.personId().equals(personId) && m.role().equals(role));
    }

    public Optional<String> holderOf(String role) {
        return members.stream().filter(m -> m.role().equals(role)).map(TeamMember::personId).findFirst();
    }
}
