package io.windshift.alliance.portfolio;

import io.windshift.alliance.portfolio.internal.AllianceEventFactory;
import io.windshift.alliance.portfolio.internal.ManagerLoadIndex;
import io.windshift.alliance.portfolio.internal.PersonAllianceIndex;
import io.windshift.messaging.outbox.Outbox;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.stream.Stream;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/**
 * The portfolio's commands and questions. Each command is one atomic write of an alliance and its events;
 * the person index is kept as a superset around that write, so readers check the alliance. A command that gives
 * a manager a STRATEGIC alliance claims the slot first ({@link ManagerCapacity}), so the capacity rule holds
 * when commands race, and settles the manager load from the saved alliance after.
 */
@Service
public class AlliancePortfolio {

    private static final int MAX_ATTEMPTS = 5;

    private final MongoTemplate mongo;
    private final Outbox outbox;
    private final PersonAllianceIndex people;
    private final ManagerLoadIndex load;
    private final ManagerCapacity capacity;
    private final AllianceEventFactory events;
    private final PortfolioPolicy policy;
    private final Clock clock;

    AlliancePortfolio(MongoTemplate mongo, Outbox outbox, PersonAllianceIndex people, ManagerLoadIndex load, ManagerCapacity capacity,
                      AllianceEventFactory events, PortfolioPolicy policy, Clock clock) {
        this.mongo = mongo;
        this.outbox = outbox;
        this.people = people;
        this.load = load;
        this.capacity = capacity;
        this.events = events;
        this.policy = policy;
        this.clock = clock;
        outbox.watch(Alliance.class);
    }

    /** A command's outcome: the saved alliance, what it did (for the change impact) and the id of the change. */
    public record Change(Alliance alliance, List<Finding> findings, String triggerEventId) {
    }

    public Change register(AllianceProfile profile, List<TeamSeat> team, List<GovernanceBody> bodies, List<Agreement> agreements) {
        Alliance.Registration registration = Alliance.register("al-" + UUID.randomUUID(), profile, team, bodies, agreements, policy,
                today(), clock.instant());
        Alliance alliance = registration.alliance();
        List<AllianceEvent> changes = new ArrayList<>(List.of(registration.event()));
        List<Finding> findings = new ArrayList<>();
        String claimant = alliance.currentHolderOf(Role.ALLIANCE_MANAGER).map(RoleAssignment::personId)
                .filter(am -> capacity.claim(alliance, am, "team", registration.event().eventId(), changes, findings)).orElse(null);
        alliance.seatedPeople().forEach(p -> people.add(p, alliance.id()));
        alliance.record(events.toOutbox(changes));
        Alliance saved;
        try {
            saved = outbox.save(alliance);
        } catch (RuntimeException e) {
            capacity.settle(alliance.id(), List.of(), claimant);
            throw e;
        }
        afterSave(saved, claimant);
        return new Change(saved, findings, registration.event().eventId());
    }

    /** Assigns a role; a sixth STRATEGIC alliance for one manager is refused or flagged, as configured. */
    public Change assign(String allianceId, Role role, String personId) {
        List<Finding> findings = new ArrayList<>();
        List<String> trigger = new ArrayList<>();
        Set<String> claimed = new HashSet<>();
        Function<Alliance, Alliance> command = alliance -> {
            findings.clear();
            trigger.clear();
            people.add(personId, allianceId);
            List<AllianceEvent> changes = new ArrayList<>(alliance.assign(role, personId, policy, today()));
            if (changes.isEmpty()) {
                return alliance;
            }
            String triggerEventId = ((io.windshift.contract.alliance.RoleAssigned) changes.getFirst().payload()).triggerEventId();
            trigger.add(triggerEventId);
            if (role == Role.ALLIANCE_MANAGER && capacity.claim(alliance, personId, "personId", triggerEventId, changes, findings)) {
                claimed.add(personId);
            }
            changes.stream().map(AllianceEvent::payload).filter(p -> p instanceof io.windshift.contract.alliance.KeyRoleChanged)
                    .map(p -> (io.windshift.contract.alliance.KeyRoleChanged) p)
                    .forEach(k -> k.partnerNotices().forEach(n -> findings.add(Finding.notice(k.role(), k.newPersonId(),
                            "notify " + alliance.partner() + " by " + n.dueDate() + " under section " + n.clauseRef()
                            + " of " + n.agreementId(), n.agreementId(), n.clauseRef(), n.dueDate()))));
            alliance.record(events.toOutbox(changes));
            return alliance;
        };
        Alliance saved;
        try {
            saved = withRetry(allianceId, command);
        } catch (RuntimeException e) {
            claimed.forEach(manager -> capacity.settle(allianceId, List.of(), manager));
            throw e;
        }
        afterSave(saved, claimed.isEmpty() ? null : personId);
        return new Change(saved, List.copyOf(findings), trigger.isEmpty() ? null : trigger.getFirst());
    }

    public Alliance putGovernanceBody(String allianceId, GovernanceBody body) {
        body.memberIds().forEach(p -> people.add(p, allianceId));
        Alliance saved = withRetry(allianceId, alliance -> {
            alliance.record(events.toOutbox(List.of(alliance.putGovernanceBody(body))));
            return alliance;
        });
        afterSave(saved);
        return saved;
    }

    /**
     * Applies one change to one alliance and saves it with its events, from a fresh read if another writer got
     * there first. {@code beforeSave} sees the outcome first (and must be idempotent: after a crash between it
     * and the save, the change is applied again and yields the same outcome).
     */
    public Optional<Alliance> change(String allianceId, Function<Alliance, Alliance.Vacancy> change, BiConsumer<Alliance, Alliance.Vacancy> beforeSave) {
        return change(null, allianceId, change, beforeSave);
    }

    /** As {@link #change(String, Function, BiConsumer)}, saving in {@code batch} (relayed when it closes). */
    public Optional<Alliance> change(Outbox.Batch batch, String allianceId, Function<Alliance, Alliance.Vacancy> change,
                                     BiConsumer<Alliance, Alliance.Vacancy> beforeSave) {
        return change(batch, null, allianceId, change, beforeSave);
    }

    /**
     * As {@link #change(Outbox.Batch, String, Function, BiConsumer)}, starting from {@code loaded} (just read by the
     * caller) instead of reading it again; a lost race reads it fresh, as always.
     */
    public Optional<Alliance> change(Outbox.Batch batch, Alliance loaded, String allianceId, Function<Alliance, Alliance.Vacancy> change,
                                     BiConsumer<Alliance, Alliance.Vacancy> beforeSave) {
        Object[] leadershipBefore = {null};
        Alliance saved = withRetry(batch, loaded, allianceId, alliance -> {
            leadershipBefore[0] = leadership(alliance);
            Alliance.Vacancy outcome = change.apply(alliance);
            if (!outcome.isEmpty()) {
                beforeSave.accept(alliance, outcome);
            }
            alliance.record(events.toOutbox(outcome.events()));
            return alliance;
        });
        if (saved != null && leadership(saved).equals(leadershipBefore[0])) {
            // Who leads it and its tier are as before: the manager load is unchanged, only the person index is trimmed
            // (a reorg's moves leave most alliances so, and settling cost three round trips per manager each).
            trimPersonIndex(saved);
        } else {
            afterSave(saved);
        }
        return Optional.ofNullable(saved);
    }

    /** What the manager load follows: the tier and every alliance-manager assignment, held or ended. */
    private static List<Object> leadership(Alliance alliance) {
        return List.of(String.valueOf(alliance.tier()), alliance.assignments().stream().filter(a -> a.role() == Role.ALLIANCE_MANAGER)
                .map(a -> a.personId() + "|" + alliance.holds(a.personId(), Role.ALLIANCE_MANAGER)).toList());
    }

    /** The alliances working on an asset (a reprioritisation concerns them all). */
    public List<String> alliancesOnAsset(String asset) {
        return mongo.find(new Query(Criteria.where("asset").is(asset)), Alliance.class).stream().map(Alliance::id).toList();
    }

    /**
     * Reprioritises one alliance; becoming STRATEGIC can push its alliance manager over capacity, which is
     * reported, not refused: the portfolio decision stands and the impact says who to rebalance.
     */
    public Optional<Alliance> reprioritise(String allianceId, Tier tier, Stage stage, AllianceStatus status, String reason, String triggerEventId,
                                           BiConsumer<Alliance, Alliance.Vacancy> beforeSave) {
        return change(allianceId, alliance -> {
            Tier before = alliance.tier();
            Alliance.Vacancy outcome = alliance.reprioritise(tier, stage, status, reason, policy, triggerEventId);
            List<Finding> findings = new ArrayList<>(outcome.findings());
            alliance.currentHolderOf(Role.ALLIANCE_MANAGER).filter(am -> before != Tier.STRATEGIC && alliance.tier() == Tier.STRATEGIC)
                    .ifPresent(am -> {
                        long led = Stream.concat(load.strategicAlliancesOf(am.personId()).stream(), Stream.of(allianceId)).distinct().count();
                        if (TeamRules.overCapacity((int) led, policy)) {
                            findings.add(Finding.of(ImpactKind.MANAGER_OVER_CAPACITY, Role.ALLIANCE_MANAGER.name(), am.personId(),
                                    am.personId() + " would lead " + led + " STRATEGIC alliances; capacity is " + policy.capacity()));
                        }
                    });
            return new Alliance.Vacancy(outcome.events(), findings);
        }, beforeSave);
    }

    /** Undoes what a rescinded event did to one alliance. */
    public Optional<Alliance.Restoration> restore(String allianceId, String rescindedEventId, List<Finding> governanceSeats, String rescindEventId) {
        List<Alliance.Restoration> outcome = new ArrayList<>();
        Alliance saved = withRetry(allianceId, alliance -> {
            outcome.clear();
            Alliance.Restoration restoration = alliance.restoreSeatsVacatedBy(rescindedEventId, governanceSeats, rescindEventId);
            outcome.add(restoration);
            alliance.seatedPeople().forEach(p -> people.add(p, allianceId));
            alliance.record(events.toOutbox(restoration.events()));
            return alliance;
        });
        afterSave(saved);
        return outcome.stream().findFirst();
    }

    public PortfolioPolicy policy() {
        return policy;
    }

    public Optional<Alliance> find(String allianceId) {
        return Optional.ofNullable(mongo.findById(allianceId, Alliance.class));
    }

    /** The alliances where a person may hold a seat (index superset: callers check the alliance). */
    public List<Alliance> alliancesOf(String personId) {
        return alliancesOf(List.of(personId)).getOrDefault(personId, List.of());
    }

    /**
     * The alliances where each of {@code personIds} may hold a seat, read in a few batched queries (a reorg's
     * people at once rather than two round trips per person). Index superset: callers check the alliance.
     */
    public Map<String, List<Alliance>> alliancesOf(java.util.Collection<String> personIds) {
        Map<String, List<String>> index = people.allianceIdsOf(personIds);
        List<String> allianceIds = index.values().stream().flatMap(List::stream).distinct().toList();
        Map<String, Alliance> byId = new java.util.HashMap<>();
        for (int from = 0; from < allianceIds.size(); from += 1000) {
            mongo.find(new Query(Criteria.where("_id").in(allianceIds.subList(from, Math.min(allianceIds.size(), from + 1000)))), Alliance.class)
                    .forEach(a -> byId.put(a.id(), a));
        }
        Map<String, List<Alliance>> result = new java.util.HashMap<>();
        index.forEach((person, ids) -> result.put(person, ids.stream().map(byId::get).filter(java.util.Objects::nonNull).toList()));
        return result;
    }

    /**
     * Alliances matching the filters. With {@code personId} only that person's alliances are read, by {@code _id}
     * from the person index (then filtered here: any other field in the filter would make the embedded store scan).
     */
    public List<Alliance> list(String personId, Tier tier, Stage stage) {
        if (personId != null) {
            List<String> ids = people.allianceIdsOf(personId);
            List<Alliance> found = new java.util.ArrayList<>();
            for (int from = 0; from < ids.size(); from += 1000) {
                found.addAll(mongo.find(new Query(Criteria.where("_id").in(ids.subList(from, Math.min(ids.size(), from + 1000)))), Alliance.class));
            }
            return found.stream().filter(a -> a.involves(personId))
                    .filter(a -> tier == null || a.tier() == tier).filter(a -> stage == null || a.stage() == stage)
                    .sorted(java.util.Comparator.comparing(Alliance::name)).toList();
        }
        // One flat filter document: an `$and` wrapper would make the embedded store scan even for `_id`.
        Criteria criteria = null;
        if (tier != null) {
            criteria = Criteria.where("tier").is(tier);
        }
        if (stage != null) {
            criteria = criteria == null ? Criteria.where("stage").is(stage) : criteria.and("stage").is(stage);
        }
        Query query = criteria == null ? new Query() : new Query(criteria);
        return mongo.find(query.with(Sort.by("name")), Alliance.class);
    }

    /** Each alliance manager's STRATEGIC alliances (verified against the alliances themselves). */
    public Map<String, List<String>> managerLoad() {
        Map<String, List<String>> result = new java.util.TreeMap<>();
        load.all().forEach((manager, ids) -> {
            List<String> led = mongo.find(new Query(Criteria.where("_id").in(ids)), Alliance.class).stream()
                    .filter(a -> a.tier() == Tier.STRATEGIC && a.holds(manager, Role.ALLIANCE_MANAGER)).map(Alliance::id).sorted().toList();
            if (!led.isEmpty()) {
                result.put(manager, led);
            }
        });
        return result;
    }

    /** How many STRATEGIC alliances one manager leads (that manager's index entry, verified; not the whole load map). */
    public int strategicLoadOf(String managerId) {
        List<String> ids = load.strategicAlliancesOf(managerId);
        if (ids.isEmpty()) {
            return 0;
        }
        return (int) mongo.find(new Query(Criteria.where("_id").in(ids)), Alliance.class).stream()
                .filter(a -> a.tier() == Tier.STRATEGIC && a.holds(managerId, Role.ALLIANCE_MANAGER)).count();
    }

    private void afterSave(Alliance saved) {
        afterSave(saved, null);
    }

    /** Trims the person index to who is seated, and settles the manager load (and the command's own claim). */
    private void afterSave(Alliance saved, String claimant) {
        if (saved == null) {
            return;
        }
        trimPersonIndex(saved);
        capacity.settle(saved.id(), ManagerCapacity.managersOf(saved), claimant);
    }

    private void trimPersonIndex(Alliance saved) {
        Set<String> seated = saved.seatedPeople();
        saved.assignments().stream().map(RoleAssignment::personId).distinct().filter(p -> !seated.contains(p))
                .forEach(p -> people.remove(p, saved.id()));
    }

    private Alliance withRetry(String allianceId, Function<Alliance, Alliance> change) {
        return withRetry(null, null, allianceId, change);
    }

    /** Reads, changes and saves one alliance, again from a fresh read if another writer got there first. */
    private Alliance withRetry(Outbox.Batch batch, Alliance loaded, String allianceId, Function<Alliance, Alliance> change) {
        for (int attempt = 1; ; attempt++) {
            Alliance alliance = attempt == 1 && loaded != null ? loaded : mongo.findById(allianceId, Alliance.class);
            if (alliance == null) {
                return null;
            }
            Alliance changed = change.apply(alliance);
            try {
                return changed.pendingEvents().isEmpty() ? changed : batch == null ? outbox.save(changed) : batch.save(changed);
            } catch (OptimisticLockingFailureException e) {
                if (attempt >= MAX_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }
}
