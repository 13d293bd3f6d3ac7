package io.windshift.alliance.portfolio;

import io.windshift.contract.EventIds;
import io.windshift.contract.EventType;
import io.windshift.contract.alliance.AllianceRegistered;
import io.windshift.contract.alliance.RoleAssigned;
import io.windshift.contract.alliance.RoleVacated;
import io.windshift.contract.alliance.TeamMember;
import io.windshift.messaging.outbox.OutboxAggregate;
import io.windshift.messaging.outbox.OutboxEvent;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * An alliance and its Partnership Management Team. Domain methods change state and return the events
 * that describe the change; the caller puts them in this document's outbox so both are saved at once.
 */
@Document("alliances")
public class Alliance implements OutboxAggregate {

    @Id
    private final String id;
    private String name;
    private String partner;
    private String asset;
    private AllianceType type;
    private Stage stage;
    private AllianceStatus status;
    private Tier tier;
    /** Current and past assignments; current ones have no {@code until}. */
    private final List<RoleAssignment> assignments;
    private final Instant createdAt;
    @Version
    private Long version;
    private final List<OutboxEvent> pendingEvents;

    @PersistenceCreator
    Alliance(String id, String name, String partner, String asset, AllianceType type, Stage stage, AllianceStatus status,
             Tier tier, List<RoleAssignment> assignments, Instant createdAt, Long version, List<OutboxEvent> pendingEvents) {
        this.id = id;
        this.name = name;
        this.partner = partner;
        this.asset = asset;
        this.type = type;
        this.stage = stage;
        this.status = status;
        this.tier = tier;
        this.assignments = new ArrayList<>(assignments == null ? List.of() : assignments);
        this.createdAt = createdAt;
        this.version = version;
        this.pendingEvents = new ArrayList<>(pendingEvents == null ? List.of() : pendingEvents);
    }

    /** A new alliance with its team; the team must satisfy {@link TeamRules}. */
    public static Registration register(String id, AllianceProfile profile, List<TeamSeat> team, LocalDate today, Instant now) {
        TeamRules.checkNewTeam(profile.tier(), team);
        List<RoleAssignment> assignments = team.stream().map(s -> RoleAssignment.start(s.role(), s.personId(), today)).toList();
        Alliance alliance = new Alliance(id, profile.name(), profile.partner(), profile.asset(), profile.type(), profile.stage(),
                profile.status(), profile.tier(), assignments, now, null, List.of());
        AllianceRegistered registered = new AllianceRegistered(id, profile.name(), profile.partner(), profile.asset(),
                profile.type().name(), profile.stage().name(), profile.status().name(), profile.tier().name(),
                alliance.currentTeam(), alliance.nextVersion(), List.of(), List.of());
        return new Registration(alliance, new AllianceEvent(EventIds.random(), EventType.ALLIANCE_REGISTERED, id, registered));
    }

    /** The new alliance and the event announcing it. */
    public record Registration(Alliance alliance, AllianceEvent event) {
    }

    /**
     * Puts a person in a singleton role, ending the previous holder's assignment. Assigning the same
     * person again changes nothing and returns no event.
     */
    public Optional<AllianceEvent> assign(Role role, String personId, LocalDate today, String triggerEventId) {
        Optional<RoleAssignment> current = currentHolderOf(role);
        if (current.isPresent() && current.get().personId().equals(personId)) {
            return Optional.empty();
        }
        current.ifPresent(previous -> replace(previous, previous.end(today, "REASSIGNED", triggerEventId)));
        assignments.add(RoleAssignment.start(role, personId, today));
        String eventId = triggerEventId == null ? EventIds.random() : EventIds.derived(triggerEventId, id, role.name(), "assigned");
        RoleAssigned assigned = new RoleAssigned(id, role.name(), personId, current.map(RoleAssignment::personId).orElse(null),
                triggerEventId == null ? eventId : triggerEventId, nextVersion());
        return Optional.of(new AllianceEvent(eventId, EventType.ALLIANCE_ROLE_ASSIGNED, id, assigned));
    }

    /**
     * Ends every current role of a person who left or moved away. The roles become vacant: nobody is put
     * in their place silently. Idempotent: a person who holds no role here yields no events.
     */
    public List<AllianceEvent> vacateRolesOf(String personId, String reason, LocalDate effectiveDate, String triggerEventId) {
        List<AllianceEvent> events = new ArrayList<>();
        for (RoleAssignment held : List.copyOf(assignments)) {
            if (held.isCurrent() && held.personId().equals(personId)) {
                replace(held, held.end(effectiveDate, reason, triggerEventId));
                RoleVacated vacated = new RoleVacated(id, name, tier.name(), stage.name(), held.role().name(), personId, reason,
                        effectiveDate, triggerEventId, nextVersion());
                events.add(new AllianceEvent(EventIds.derived(triggerEventId, id, held.role().name(), personId, "vacated"),
                        EventType.ALLIANCE_ROLE_VACATED, id, vacated));
            }
        }
        return events;
    }

    public Optional<RoleAssignment> currentHolderOf(Role role) {
        return assignments.stream().filter(a -> a.isCurrent() && a.role() == role).findFirst();
    }

    public List<RoleAssignment> currentAssignments() {
        return assignments.stream().filter(RoleAssignment::isCurrent).toList();
    }

    public Set<Role> vacantRoles() {
        Set<Role> held = currentAssignments().stream().map(RoleAssignment::role).collect(Collectors.toSet());
        return TeamRules.requiredRoles(tier).stream().filter(r -> !held.contains(r)).collect(Collectors.toSet());
    }

    public boolean involves(String personId) {
        return currentAssignments().stream().anyMatch(a -> a.personId().equals(personId));
    }

    /** Appends events to this document's outbox; they are saved with the state change. */
    public void record(List<OutboxEvent> events) {
        pendingEvents.addAll(events);
    }

    private List<TeamMember> currentTeam() {
        return currentAssignments().stream().map(a -> new TeamMember(a.role().name(), a.personId())).toList();
    }

    private void replace(RoleAssignment old, RoleAssignment updated) {
        assignments.set(assignments.indexOf(old), updated);
    }

    /** The version this document will have once the pending change is saved (Spring Data starts at 0). */
    private long nextVersion() {
        return version == null ? 0 : version + 1;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public List<OutboxEvent> pendingEvents() {
        return pendingEvents;
    }

    public String name() {
        return name;
    }

    public String partner() {
        return partner;
    }

    public String asset() {
        return asset;
    }

    public AllianceType type() {
        return type;
    }

    public Stage stage() {
        return stage;
    }

    public AllianceStatus status() {
        return status;
    }

    public Tier tier() {
        return tier;
    }

    public List<RoleAssignment> assignments() {
        return List.copyOf(assignments);
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Long version() {
        return version;
    }
}
