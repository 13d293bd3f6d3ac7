package io.windshift.alliance.impact;

import io.windshift.alliance.impact.ChangeAssessment.PersonChange;
import io.windshift.alliance.people.PeopleDirectory;
import io.windshift.alliance.people.Person;
import io.windshift.alliance.people.PersonStatus;
import io.windshift.alliance.portfolio.Alliance;
import io.windshift.alliance.portfolio.AlliancePortfolio;
import io.windshift.alliance.portfolio.Role;
import io.windshift.alliance.portfolio.Tier;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who could stand in while a role holder is on leave, worked out once per change (the assessment then reads it from
 * parallel batches). An alliance manager's STRATEGIC alliances go to the other alliance manager with the most room,
 * as for a vacancy, counting this change's own suggestions; any other role to the person's line manager, when HR
 * names one who is not away too. The person keeps the role: this is a suggestion, not an assignment.
 */
final class TemporaryCover {

    private final Map<String, String> suggestions = new HashMap<>();

    TemporaryCover(AlliancePortfolio portfolio, PeopleDirectory directory, Collection<Alliance> touched, List<PersonChange> changes) {
        Set<String> away = changes.stream().filter(c -> c.kind() == PersonChange.Kind.ON_LEAVE).map(PersonChange::personId)
                .collect(Collectors.toSet());
        if (away.isEmpty()) {
            return;
        }
        int capacity = portfolio.policy().capacity();
        Map<String, Integer> load = null;
        for (Alliance alliance : touched.stream().sorted(Comparator.comparing(Alliance::name)).toList()) {
            for (var held : alliance.currentAssignments()) {
                if (!away.contains(held.personId())) {
                    continue;
                }
                String text;
                if (held.role() == Role.ALLIANCE_MANAGER && alliance.tier() == Tier.STRATEGIC) {
                    if (load == null) {
                        load = new HashMap<>();
                        for (var led : portfolio.managerLoad().entrySet()) {
                            if (!away.contains(led.getKey())) {
                                load.put(led.getKey(), led.getValue().size());
                            }
                        }
                    }
                    text = managerCover(load, capacity, directory);
                } else {
                    text = directory.find(held.personId()).map(Person::managerId).filter(m -> !m.equals(held.personId()) && !away.contains(m))
                            .filter(m -> directory.find(m).map(p -> p.status() == PersonStatus.ACTIVE).orElse(true))
                            .map(m -> "suggested temporary cover: their manager " + directory.label(m))
                            .orElse("no temporary cover to suggest: name one");
                }
                suggestions.put(key(alliance.id(), held.role(), held.personId()), text);
            }
        }
    }

    private static String managerCover(Map<String, Integer> load, int capacity, PeopleDirectory directory) {
        var least = load.entrySet().stream().min(Map.Entry.<String, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey()));
        if (least.isEmpty()) {
            return "no other alliance manager to cover it";
        }
        String manager = least.get().getKey();
        int after = least.get().getValue() + 1;
        load.put(manager, after);
        return after > capacity
                ? "covering it would put the least loaded alliance manager, " + directory.label(manager) + ", at " + after
                        + " STRATEGIC alliances (capacity " + capacity + ")"
                : "suggested temporary cover: " + directory.label(manager) + " (" + after + "/" + capacity + " STRATEGIC)";
    }

    /** The suggestion for this person's role on this alliance ("suggested temporary cover: Omar Haddad (p-omar)"). */
    String suggestion(Alliance alliance, Role role, String personId) {
        return suggestions.getOrDefault(key(alliance.id(), role, personId), "no temporary cover to suggest: name one");
    }

    private static String key(String allianceId, Role role, String personId) {
        return allianceId + "|" + role + "|" + personId;
    }
}
