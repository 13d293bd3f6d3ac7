package io.windshift.alliance.impact;

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
    private final Clock clock;

    ChangeImpacts(MongoTemplate mongo, Outbox outbox, ImpactIndex index, Clock clock) {
        this.mongo = mongo;
        this.outbox = outbox;
        this.index = index;
        this.clock = clock;
        outbox.watch(ChangeImpact.class);
    }

    /** Adds findings to the impact of a trigger on an alliance, creating it on first sight. Idempotent. */
    public ChangeImpact record(String triggerEventId, String triggerType, Alliance alliance, List<Finding> findings) {
        return record(null, triggerEventId, triggerType, alliance, findings);
    }

    /** As {@link #record(String, String, Alliance, List)}, saving in {@code batch} (relayed when it closes). */
    public ChangeImpact record(Outbox.Batch batch, String triggerEventId, String triggerType, Alliance alliance, List<Finding> findings) {
        if (findings.isEmpty()) {
            return find(ChangeImpact.idOf(triggerEventId, alliance.id())).orElse(null);
        }
        index.add(triggerEventId, alliance.id(), ChangeImpact.idOf(triggerEventId, alliance.id()));
        return update(batch, ChangeImpact.idOf(triggerEventId, alliance.id()), () -> ChangeImpact.open(triggerEventId, triggerType, alliance),
                impact -> impact.assess(findings, clock.instant()));
    }

    /** Marks every impact of a rescinded trigger on an alliance as rescinded, with what was given back. */
    public Optional<ChangeImpact> rescind(String impactId, List<String> notes, String rescindEventId) {
        return Optional.ofNullable(update(null, impactId, () -> null, impact -> impact.rescind(notes, rescindEventId, clock.instant())));
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
                return batch == null ? outbox.save(impact) : batch.save(impact);
            } catch (OptimisticLockingFailureException | DuplicateKeyException e) {
                if (attempt >= MAX_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }
}
