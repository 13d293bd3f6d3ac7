package io.windshift.alliance.impact;

import io.windshift.alliance.impact.internal.ActionStore;
import io.windshift.alliance.impact.internal.ImpactIndex;
import io.windshift.alliance.portfolio.Alliance;
import io.windshift.alliance.portfolio.Finding;
import io.windshift.messaging.outbox.Outbox;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/** The store of change impacts: recorded once per (trigger, alliance), revised, queried by trigger and alliance. */
@Service
public class ChangeImpacts {

    private static final int MAX_ATTEMPTS = 5;

    private final MongoTemplate mongo;
    private final Outbox outbox;
    private final ImpactIndex index;
    private final ActionPlanner planner;
    private final ActionStore actions;
    private final io.windshift.alliance.portfolio.AlliancePortfolio portfolio;
    private final Clock clock;

    ChangeImpacts(MongoTemplate mongo, Outbox outbox, ImpactIndex index, ActionPlanner planner, ActionStore actions,
                  io.windshift.alliance.portfolio.AlliancePortfolio portfolio, Clock clock) {
        this.mongo = mongo;
        this.outbox = outbox;
        this.index = index;
        this.planner = planner;
        this.actions = actions;
        this.portfolio = portfolio;
        this.clock = clock;
        outbox.watch(ChangeImpact.class);
    }

    /** Adds findings to the impact of a trigger on an alliance, creating it on first sight. Idempotent. */
    public ChangeImpact record(String triggerEventId, String triggerType, Alliance alliance, long allianceVersion, List<Finding> findings) {
        return record(null, triggerEventId, triggerType, alliance, allianceVersion, findings);
    }

    /**
     * As {@link #record(String, String, Alliance, long, List)}, saving in {@code batch} (relayed when it closes).
     * {@code allianceVersion} is the version the alliance has with this change saved: a seat filled at that
     * version or later closes the action its vacancy opens.
     */
    public ChangeImpact record(Outbox.Batch batch, String triggerEventId, String triggerType, Alliance alliance, long allianceVersion,
                               List<Finding> findings) {
        if (findings.isEmpty()) {
            return find(ChangeImpact.idOf(triggerEventId, alliance.id())).orElse(null);
        }
        String impactId = ChangeImpact.idOf(triggerEventId, alliance.id());
        index.add(triggerEventId, alliance.id(), impactId);
        java.time.Instant now = clock.instant();
        return update(batch, impactId, () -> ChangeImpact.open(triggerEventId, triggerType, alliance),
                impact -> impact.assess(findings, f -> planner.plan(impactId, triggerEventId, alliance, allianceVersion, f, now), now));
    }

    /** Marks every impact of a rescinded trigger on an alliance as rescinded, with what was given back. */
    public Optional<ChangeImpact> rescind(String impactId, List<String> notes, String rescindEventId) {
        return Optional.ofNullable(update(null, impactId, () -> null, impact -> impact.rescind(notes, rescindEventId, clock.instant())));
    }

    /** A person acts on one action: {@code change} returns false when it changed nothing. */
    public Optional<ChangeImpact> act(String impactId, Predicate<ChangeImpact> change) {
        return Optional.ofNullable(update(null, impactId, () -> null, change));
    }

    /** A fact arrived: every impact waiting for its key settles the actions it closes. Idempotent. */
    public int settle(ActionFact fact) {
        if (!ActionFact.isLive(fact.key())) {
            actions.remember(fact);
        }
        int closed = 0;
        for (String impactId : actions.impactsAwaiting(fact.key())) {
            int[] count = {0};
            ChangeImpact impact = update(null, impactId, () -> null, i -> {
                count[0] = i.settle(fact, clock.instant()).size();
                return count[0] > 0;
            });
            closed += count[0];
            if (impact != null && impact.actions().stream().noneMatch(a -> a.isOpen() && fact.key().equals(a.closeKey()))) {
                actions.stopAwaiting(fact.key(), impactId);
            }
        }
        return closed;
    }

    /** The person is back from leave: the open temporary-cover actions of their leave are dismissed as moot. */
    public int coverNoLongerNeeded(String personId, String eventId, String eventType) {
        return settle(new ActionFact(ActionFact.leave(personId), clock.millis(), eventId, eventType, "back from leave", true, List.of()));
    }

    public Optional<ChangeImpact> find(String impactId) {
        return Optional.ofNullable(mongo.findById(impactId, ChangeImpact.class));
    }

    public List<ChangeImpact> ofTrigger(String triggerEventId) {
        return load(index.ofTrigger(triggerEventId));
    }

    public List<ChangeImpact> ofAlliance(String allianceId) {
        return load(index.ofAlliance(allianceId));
    }

    private List<ChangeImpact> load(List<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return mongo.find(new Query(Criteria.where("_id").in(ids)), ChangeImpact.class).stream()
                .sorted(Comparator.comparing(ChangeImpact::severity).reversed().thenComparing(ChangeImpact::allianceName)).toList();
    }

    /**
     * Keeps the read model in step, waits for the facts that close its open actions, and settles those already
     * known (a seat filled, or a notice fulfilled, before the impact was assessed). Manager load is a live fact.
     */
    private ChangeImpact afterSave(Outbox.Batch batch, ChangeImpact saved) {
        actions.write(saved.actions().stream().map(a -> new ActionStore.ActionRow(a.id(), saved.id(), saved.triggerEventId(), saved.allianceId(),
                saved.allianceName(), a.kind().name(), a.title(), a.state().name(), a.assigneeId(), a.dueDate(), a.openedAt(), a.closedAt())).toList());
        java.util.Set<String> keys = new java.util.LinkedHashSet<>();
        saved.actions().stream().filter(ImpactAction::isOpen).forEach(a -> keys.add(a.closeKey()));
        actions.await(saved.id(), keys);
        List<ActionFact> known = new java.util.ArrayList<>(actions.factsFor(keys));
        for (String key : keys) {
            if (ActionFact.isLive(key)) {
                String manager = ActionFact.managerOf(key);
                if (portfolio.strategicLoadOf(manager) <= portfolio.policy().capacity()) {
                    known.add(ActionFact.done(key, Long.MAX_VALUE, null, null, manager + " is back within capacity"));
                }
            }
        }
        ChangeImpact current = saved;
        for (ActionFact fact : known) {
            if (current.actions().stream().anyMatch(a -> a.isOpen() && fact.key().equals(a.closeKey()) && fact.seq() >= a.sinceVersion())) {
                ChangeImpact settled = update(batch, saved.id(), () -> null, i -> !i.settle(fact, clock.instant()).isEmpty());
                current = settled == null ? current : settled;
            }
        }
        return current;
    }

    private ChangeImpact update(Outbox.Batch batch, String id, java.util.function.Supplier<ChangeImpact> create, Predicate<ChangeImpact> change) {
        for (int attempt = 1; ; attempt++) {
            ChangeImpact impact = mongo.findById(id, ChangeImpact.class);
            if (impact == null) {
                impact = create.get();
                if (impact == null) {
                    return null;
                }
            }
            if (!change.test(impact)) {
                return impact;
            }
            try {
                ChangeImpact saved = batch == null ? outbox.save(impact) : batch.save(impact);
                return afterSave(batch, saved);
            } catch (OptimisticLockingFailureException | DuplicateKeyException e) {
                if (attempt >= MAX_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }
}
