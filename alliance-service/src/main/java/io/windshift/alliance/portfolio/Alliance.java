package io.windshift.alliance.portfolio;

import io.windshift.contract.EventIds;
import io.windshift.contract.EventType;
import io.windshift.contract.alliance.AllianceRegistered;
import io.windshift.contract.alliance.GovernanceChanged;
import io.windshift.contract.alliance.KeyRoleChanged;
import io.windshift.contract.alliance.PartnerNotice;
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
 * An alliance, its Partnership Management Team, governance bodies and agreements. Domain methods change
 * state and return the events that describe the change; the caller puts them in this document's outbox so
 * both are saved at once.
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
    private final List<GovernanceBody> governanceBodies;
    private final List<Agreement> agreements;
    private final Instant createdAt;
    @Version
    private Long version;
    private final List<OutboxEvent> pendingEvents;

    @PersistenceCreator
    Alliance(String id, String name, String partner, String asset, AllianceType type, Stage stage, AllianceStatus status,
             Tier tier, List<RoleAssignment> assignments, List<GovernanceBody> governanceBodies, List<Agreement> agreements,
             Instant createdAt, Long version, List<OutboxEvent> pendingEvents) {
        this.id = id;
        this.name = name;
        this.partner = partner;
        this.asset = asset;
        this.type = type;
        this.stage = stage;
        this.status = status;
        this.tier = tier;
        this.assignments = new ArrayList<>(assignments == null ? List.of() : assignments);
        this.governanceBodies = new ArrayList<>(governanceBodies == null ? List.of() : governanceBodies);
        this.agreements = new ArrayList<>(agreements == null ? List.of() : agreements);
        this.createdAt = createdAt;
        this.version = version;
        this.pendingEvents = new ArrayList<>(pendingEvents == null ? List.of() : pendingEvents);
    }

    /** A new alliance with its team; the team must satisfy {@link TeamRules} and the lead model of the policy. */
    public static Registration register(String id, AllianceProfile profile, List<TeamSeat> team, List<GovernanceBody> bodies,
                                        List<Agreement> agreements, PortfolioPolicy policy, LocalDate today, Instant now) {
        TeamRules.checkNewTeam(profile.tier(), team);
        TeamRules.checkLeadModel(profile.stage(), team, policy);
        TeamRules.checkGovernance(bodies);
        List<RoleAssignment> assignments = team.stream().map(s -> RoleAssignment.start(s.role(), s.personId(), today)).toList();
        Alliance alliance = new Alliance(id, profile.name(), profile.partner(), profile.asset(), profile.type(), profile.stage(),
                profile.status(), profile.tier(), assignments, bodies, agreements, now, null, List.of());
        AllianceRegistered registered = new AllianceRegistered(id, profile.name(), profile.partner(), profile.asset(),
                profile.type().name(), profile.stage().name(), profile.status().name(), profile.tier().name(),
                alliance.currentTeam(), alliance.nextVersion(), alliance.governanceOnWire(), alliance.noticeClausesOnWire());
        return new Registration(alliance, new AllianceEvent(EventIds.random(), EventType.ALLIANCE_REGISTERED, id, registered));
    }

    /** The new alliance and the event announcing it. */
    public record Registration(Alliance alliance, AllianceEvent event) {
    }

    /**
     * Puts a person in a role, ending the previous holder's assignment of a single-holder role. Assigning the
     * alliance manager or sponsor is a key role change that names the partner notices it makes due; where the
     * company's model says the lead is whoever holds this role at this stage, the lead follows. Assigning the
     * same person again changes nothing and returns no event.
     */
    public List<AllianceEvent> assign(Role role, String personId, PortfolioPolicy policy, LocalDate today) {
        Optional<RoleAssignment> current = TeamRules.SINGLE_HOLDER.contains(role) ? currentHolderOf(role)
                : currentAssignments().stream().filter(a -> a.role() == role && a.personId().equals(personId)).findFirst();
        if (current.isPresent() && current.get().personId().equals(personId)) {
            return List.of();
        }
        Role leadRole = policy.leadRoleAt(stage);
        if (role == Role.PARTNERSHIP_LEAD && leadRole != null && !holds(personId, leadRole)) {
            throw new TeamRuleViolation("personId", "at stage " + stage + " the PARTNERSHIP_LEAD must be the " + leadRole
                    + " of the alliance, and " + personId + " is not");
        }
        KeyRoleKind key = KeyRoleKind.of(role);
        String triggerEventId = EventIds.random();
        List<AllianceEvent> events = new ArrayList<>(put(role, personId, current, today, triggerEventId));
        if (key != null) {
            events.add(keyRoleChanged(key, current.map(RoleAssignment::personId).orElse(null), personId, "ASSIGNED", today, triggerEventId));
        }
        if (role == leadRole) {
            Optional<RoleAssignment> lead = currentHolderOf(Role.PARTNERSHIP_LEAD);
            if (lead.isEmpty() || !lead.get().personId().equals(personId)) {
                events.addAll(put(Role.PARTNERSHIP_LEAD, personId, lead, today, triggerEventId));
            }
        }
        return events;
    }

    private List<AllianceEvent> put(Role role, String personId, Optional<RoleAssignment> previous, LocalDate today, String triggerEventId) {
        previous.filter(p -> TeamRules.SINGLE_HOLDER.contains(role))
                .ifPresent(p -> replace(p, p.end(today, "REASSIGNED", triggerEventId)));
        assignments.add(RoleAssignment.start(role, personId, today));
        RoleAssigned assigned = new RoleAssigned(id, role.name(), personId,
                previous.filter(p -> TeamRules.SINGLE_HOLDER.contains(role)).map(RoleAssignment::personId).orElse(null),
                triggerEventId, nextVersion());
        return List.of(new AllianceEvent(EventIds.derived(triggerEventId, id, role.name(), "assigned"), EventType.ALLIANCE_ROLE_ASSIGNED, id, assigned));
    }

    /**
     * Ends every seat of a person who left: roles and governance seats become vacant, nobody is put in their
     * place silently. Returns the events and what the departure does to this alliance, including the partner
     * notices it makes due. Idempotent: a person who holds no seat here yields nothing.
     */
    public Vacancy vacateSeatsOf(String personId, String reason, LocalDate effectiveDate, String triggerEventId) {
        List<AllianceEvent> events = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        for (RoleAssignment held : List.copyOf(assignments)) {
            if (held.isCurrent() && held.personId().equals(personId)) {
                Role role = held.role();
                replace(held, held.end(effectiveDate, reason, triggerEventId));
                events.add(new AllianceEvent(EventIds.derived(triggerEventId, id, role.name(), personId, "vacated"),
                        EventType.ALLIANCE_ROLE_VACATED, id, new RoleVacated(id, name, tier.name(), stage.name(), role.name(), personId,
                        reason, effectiveDate, triggerEventId, nextVersion())));
                findings.add(Finding.of(ImpactKind.vacancyOf(role), role.name(), personId, role + " vacated (" + reason + ")"));
                KeyRoleKind key = KeyRoleKind.of(role);
                if (key != null) {
                    events.add(keyRoleChanged(key, personId, null, reason, effectiveDate, triggerEventId));
                }
                findings.addAll(noticesFor(Agreement.NoticeSeat.of(role), role.name(), personId, effectiveDate));
            }
        }
        boolean governanceChanged = false;
        for (GovernanceBody body : List.copyOf(governanceBodies)) {
            if (body.hasMember(personId)) {
                governanceBodies.set(governanceBodies.indexOf(body), body.without(personId));
                governanceChanged = true;
                String seat = "GOVERNANCE:" + body.code();
                findings.add(Finding.of(ImpactKind.GOVERNANCE_SEAT_VACANT, seat, personId, body.code() + " seat vacated (" + reason + ")"));
                findings.addAll(noticesFor(Agreement.NoticeSeat.GOVERNANCE_MEMBER, seat, personId, effectiveDate));
            }
        }
        if (governanceChanged) {
            events.add(governanceChanged(EventIds.derived(triggerEventId, id, personId, "governance")));
        }
        return new Vacancy(events, findings);
    }

    /** Events to publish and findings to assess, from one change to one alliance. */
    public record Vacancy(List<AllianceEvent> events, List<Finding> findings) {
        public boolean isEmpty() {
            return events.isEmpty() && findings.isEmpty();
        }
    }

    /** A role holder moved org unit or manager: nothing changes here, but the team should confirm the seat. */
    public List<Finding> seatsOfMovedPerson(String personId, String detail) {
        return rolesOf(personId, ImpactKind.ROLE_HOLDER_MOVED, role -> detail);
    }

    /** One finding of {@code kind} per role the person holds here, worded per role; the team itself is unchanged. */
    public List<Finding> rolesOf(String personId, ImpactKind kind, java.util.function.Function<Role, String> detail) {
        return currentAssignments().stream().filter(a -> a.personId().equals(personId))
                .map(a -> Finding.of(kind, a.role().name(), personId, detail.apply(a.role()))).toList();
    }

    /**
     * Undoes the vacancies a rescinded HR event caused: a seat is given back when nobody has taken it since.
     * Returns the events and, in words, what was and was not restored.
     */
    public Restoration restoreSeatsVacatedBy(String rescindedEventId, List<Finding> vacatedGovernanceSeats, String rescindEventId) {
        return SeatRestoration.restore(this, rescindedEventId, vacatedGovernanceSeats, rescindEventId);
    }

    /** What a rescind gave back. */
    public record Restoration(List<AllianceEvent> events, List<String> notes) {
    }

    /** Gives an ended assignment back, as if it had never ended (a rescind). */
    void reopen(RoleAssignment ended) {
        replace(ended, RoleAssignment.start(ended.role(), ended.personId(), ended.since()));
    }

    /** Puts a person back on a governance body; false if they are on it already or there is no such body. */
    boolean readmit(String code, String personId) {
        for (GovernanceBody body : List.copyOf(governanceBodies)) {
            if (body.code().equals(code) && !body.hasMember(personId)) {
                governanceBodies.set(governanceBodies.indexOf(body), body.with(personId));
                return true;
            }
        }
        return false;
    }

    AllianceEvent governanceChanged(String eventId) {
        return new AllianceEvent(eventId, EventType.ALLIANCE_GOVERNANCE_CHANGED, id, new GovernanceChanged(id, governanceOnWire(), nextVersion()));
    }

    /**
     * The portfolio was reprioritised around this alliance's asset: tier, stage or status change (null keeps
     * the current value). Returns the event and what the new profile asks of the team: a STRATEGIC alliance
     * without an alliance manager, or a lead who no longer fits the company's model at the new stage.
     */
    public Vacancy reprioritise(Tier newTier, Stage newStage, AllianceStatus newStatus, String reason, PortfolioPolicy policy,
                                String triggerEventId) {
        Tier previousTier = tier;
        Stage previousStage = stage;
        AllianceStatus previousStatus = status;
        tier = newTier == null ? tier : newTier;
        stage = newStage == null ? stage : newStage;
        status = newStatus == null ? status : newStatus;
        if (tier == previousTier && stage == previousStage && status == previousStatus) {
            return new Vacancy(List.of(), List.of());
        }
        List<Finding> findings = TeamRules.afterReprioritisation(this, previousTier, policy);
        AllianceEvent event = new AllianceEvent(EventIds.derived(triggerEventId, id, "reprioritised"), EventType.ALLIANCE_REPRIORITISED, id,
                new io.windshift.contract.alliance.AllianceReprioritised(id, asset, tier.name(), stage.name(), status.name(), previousTier.name(),
                        previousStage.name(), previousStatus.name(), reason, triggerEventId, nextVersion()));
        return new Vacancy(List.of(event), findings);
    }

    /** Replaces (or adds) one governance body; the full set of bodies is announced. */
    public AllianceEvent putGovernanceBody(GovernanceBody body) {
        TeamRules.checkGovernance(List.of(body));
        governanceBodies.removeIf(b -> b.code().equals(body.code()));
        governanceBodies.add(body);
        return governanceChanged(EventIds.random());
    }

    /** Partner notices due because the holder of {@code seat} changed on {@code on}. */
    public List<PartnerNotice> partnerNoticesFor(Agreement.NoticeSeat seat, LocalDate on) {
        return Agreement.noticesDue(agreements, seat, on);
    }

    private List<Finding> noticesFor(Agreement.NoticeSeat seat, String seatName, String personId, LocalDate on) {
        return partnerNoticesFor(seat, on).stream().map(n -> Finding.notice(seatName, personId,
                "notify " + partner + " by " + n.dueDate() + " under section " + n.clauseRef() + " of " + n.agreementId(),
                n.agreementId(), n.clauseRef(), n.dueDate())).toList();
    }

    AllianceEvent keyRoleChanged(KeyRoleKind key, String previous, String next, String reason, LocalDate on, String triggerEventId) {
        KeyRoleChanged changed = new KeyRoleChanged(id, name, tier.name(), stage.name(), key.role.name(), previous, next, reason, on,
                partnerNoticesFor(Agreement.NoticeSeat.of(key.role), on), triggerEventId, nextVersion());
        String eventId = "ASSIGNED".equals(reason) ? triggerEventId : EventIds.derived(triggerEventId, id, key.role.name(), "changed");
        return new AllianceEvent(eventId, key.type, id, changed);
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

    /** Holds a role on the team (what makes an alliance visible to a person). */
    public boolean involves(String personId) {
        return currentAssignments().stream().anyMatch(a -> a.personId().equals(personId));
    }

    public boolean holds(String personId, Role role) {
        return currentAssignments().stream().anyMatch(a -> a.role() == role && a.personId().equals(personId));
    }

    /** Holds a role or a governance seat. */
    public boolean seats(String personId) {
        return involves(personId) || governanceBodies.stream().anyMatch(b -> b.hasMember(personId));
    }

    /** Everyone with a seat here: the people index must point from each of them to this alliance. */
    public Set<String> seatedPeople() {
        Set<String> people = currentAssignments().stream().map(RoleAssignment::personId).collect(Collectors.toCollection(java.util.TreeSet::new));
        governanceBodies.forEach(b -> people.addAll(b.memberIds()));
        return people;
    }

    /** Appends events to this document's outbox; they are saved with the state change. */
    public void record(List<OutboxEvent> events) {
        pendingEvents.addAll(events);
    }

    private List<TeamMember> currentTeam() {
        return currentAssignments().stream().map(a -> new TeamMember(a.role().name(), a.personId())).toList();
    }

    private List<io.windshift.contract.alliance.GovernanceBody> governanceOnWire() {
        return governanceBodies.stream().map(GovernanceBody::toContract).toList();
    }

    private List<io.windshift.contract.alliance.NoticeClause> noticeClausesOnWire() {
        return Agreement.onWire(agreements);
    }

    private void replace(RoleAssignment old, RoleAssignment updated) {
        assignments.set(assignments.indexOf(old), updated);
    }

    /** The version this document will have once the pending change is saved (Spring Data starts at 0). */
    public long nextVersion() {
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

    public List<GovernanceBody> governanceBodies() {
        return List.copyOf(governanceBodies);
    }

    public List<Agreement> agreements() {
        return List.copyOf(agreements);
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Long version() {
        return version;
    }
}
