package io.windshift.notification.audience;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * notification-service's own view of an alliance and who holds which role, built from alliance events.
 * {@code allianceVersion} is the last applied version: older or repeated events are ignored.
 */
@Document("alliance_teams")
public record AllianceTeam(@Id String allianceId, String name, String tier, String stage, Map<String, List<String>> holders,
                           long allianceVersion, List<String> governanceMembers) {

    @PersistenceCreator
    public AllianceTeam {
        holders = holders == null ? new LinkedHashMap<>() : new LinkedHashMap<>(holders);
        governanceMembers = governanceMembers == null ? List.of() : List.copyOf(governanceMembers);
    }

    public AllianceTeam(String allianceId, String name, String tier, String stage, Map<String, List<String>> holders, long allianceVersion) {
        this(allianceId, name, tier, stage, holders, allianceVersion, List.of());
    }

    /** Everyone holding any role on the alliance, in role order. */
    public List<String> everyone() {
        return holders.values().stream().flatMap(List::stream).distinct().toList();
    }

    public AllianceTeam withGovernance(List<String> members, long version) {
        return new AllianceTeam(allianceId, name, tier, stage, holders, version, members);
    }

    public List<String> holdersOf(String role) {
        return holders.getOrDefault(role, List.of());
    }

    public AllianceTeam with(String role, String personId, long version) {
        Map<String, List<String>> next = new LinkedHashMap<>(holders);
        List<String> people = new ArrayList<>(next.getOrDefault(role, List.of()));
        if (!people.contains(personId)) {
            people.add(personId);
        }
        next.put(role, people);
        return new AllianceTeam(allianceId, name, tier, stage, next, version, governanceMembers);
    }

    public AllianceTeam without(String role, String personId, long version) {
        Map<String, List<String>> next = new LinkedHashMap<>(holders);
        List<String> people = new ArrayList<>(next.getOrDefault(role, List.of()));
        people.remove(personId);
        next.put(role, people);
        return new AllianceTeam(allianceId, name, tier, stage, next, version, governanceMembers);
    }

    /** Replaces the single holder of a role (assignment of a singleton role). */
    public AllianceTeam replacing(String role, String personId, long version) {
        Map<String, List<String>> next = new LinkedHashMap<>(holders);
        next.put(role, personId == null ? List.of() : List.of(personId));
        return new AllianceTeam(allianceId, name, tier, stage, next, version, governanceMembers);
    }
}
