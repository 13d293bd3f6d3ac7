package io.windshift.alliance.portfolio.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * alliance manager id -> the STRATEGIC alliances they manage, one small document per manager ({@link ManagerLoad}),
 * so a capacity check costs that manager's alliances, not the portfolio.
 *
 * <p>Capacity is enforced without multi-document transactions: a command claims its slot in the manager's
 * document before it saves the alliance ({@link #claim}), and the check and the claim are one compare-and-set on
 * that document, so two commands racing for the last slot cannot both get it. After the alliance is saved (or the
 * save failed) the command settles the entry from the alliance itself ({@link #reconcile}): kept if the manager
 * leads it, dropped otherwise. A claim whose command died before settling counts for {@link #CLAIM_GRACE}, then
 * only if the alliance proves it.
 */
@Component
public class ManagerLoadIndex {

    static final String COLLECTION = "manager_load";
    /** Far longer than a command takes; a claim older than this is trusted only if its alliance proves it. */
    static final Duration CLAIM_GRACE = Duration.ofMinutes(2);
    private static final int MAX_ATTEMPTS = 64;

    private final MongoTemplate mongo;

    ManagerLoadIndex(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** The STRATEGIC alliances the manager would lead with {@code allianceId}, and whether the slot was taken. */
    public record Claim(List<String> led, boolean granted) {
    }

    /**
     * Claims a slot for {@code allianceId}, refusing ({@code granted == false}, nothing written) when that would
     * exceed {@code capacity} and {@code refuse} is set. {@code ledAmong} says which of some alliance ids the
     * manager leads as STRATEGIC alliances according to the alliances themselves; stale entries are dropped.
     */
    public Claim claim(String managerId, String allianceId, int capacity, boolean refuse, Function<Collection<String>, Set<String>> ledAmong) {
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            ManagerLoad load = load(managerId);
            Instant now = Instant.now();
            List<String> others = load.allianceIds().stream().filter(id -> !id.equals(allianceId)).toList();
            Set<String> proven = ledAmong.apply(others);
            List<String> led = new ArrayList<>(others.stream().filter(id -> proven.contains(id) || fresh(load, id, now)).toList());
            led.add(allianceId);
            led.sort(null);
            if (refuse && led.size() > capacity) {
                return new Claim(List.copyOf(led), false);
            }
            Map<String, Instant> claims = new TreeMap<>();
            load.claims().forEach((id, at) -> {
                if (led.contains(id) && !proven.contains(id)) {
                    claims.put(id, at);
                }
            });
            claims.put(allianceId, now);
            if (saved(new ManagerLoad(managerId, led, claims, load.version()))) {
                return new Claim(List.copyOf(led), true);
            }
        }
        throw new OptimisticLockingFailureException("manager load of " + managerId + " kept changing");
    }

    /**
     * Settles one alliance in the manager's entry from the alliance itself ({@code ledNow}, read after this reads
     * the entry, so a concurrent change is seen by whichever write comes last). {@code ownClaim}: the caller made
     * the claim on this alliance and is done with it; otherwise someone else's fresh claim is left alone.
     */
    public void reconcile(String managerId, String allianceId, boolean ownClaim, BooleanSupplier ledNow) {
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            ManagerLoad load = load(managerId);
            boolean led = ledNow.getAsBoolean();
            if (load.version() == null && !led) {
                return;
            }
            boolean pending = !ownClaim && fresh(load, allianceId, Instant.now());
            List<String> ids = new ArrayList<>(load.allianceIds());
            Map<String, Instant> claims = new TreeMap<>(load.claims());
            if (!pending) {
                claims.remove(allianceId);
                ids.remove(allianceId);
                if (led) {
                    ids.add(allianceId);
                }
            }
            // Written even when unchanged: the version moves, so an older settlement racing this one is retried.
            if (saved(new ManagerLoad(managerId, ids, claims, load.version()))) {
                return;
            }
        }
        throw new OptimisticLockingFailureException("manager load of " + managerId + " kept changing");
    }

    /** Alliance ids in the manager's entry: a superset of what they lead (callers check the alliances). */
    public List<String> strategicAlliancesOf(String managerId) {
        ManagerLoad load = mongo.findById(managerId, ManagerLoad.class);
        return load == null ? List.of() : List.copyOf(load.allianceIds());
    }

    /** Every manager and the alliance ids in their entry, by manager id. */
    public Map<String, List<String>> all() {
        Map<String, List<String>> all = new TreeMap<>();
        for (ManagerLoad load : mongo.findAll(ManagerLoad.class)) {
            if (!load.allianceIds().isEmpty()) {
                all.put(load.managerId(), List.copyOf(load.allianceIds()));
            }
        }
        return all;
    }

    private ManagerLoad load(String managerId) {
        ManagerLoad load = mongo.findById(managerId, ManagerLoad.class);
        if (load == null) {
            return ManagerLoad.empty(managerId);
        }
        if (load.version() == null) {
            // Written before entries were versioned: give it a version once, then compare-and-set as usual.
            mongo.updateFirst(new Query(Criteria.where("_id").is(managerId).and("version").exists(false)), new Update().set("version", 0L),
                    ManagerLoad.class);
            return load(managerId);
        }
        return load;
    }

    private static boolean fresh(ManagerLoad load, String allianceId, Instant now) {
        Instant at = load.claims().get(allianceId);
        return at != null && at.isAfter(now.minus(CLAIM_GRACE));
    }

    /** One compare-and-set: an update on {@code {_id, version}}, or an insert for a manager without an entry. */
    private boolean saved(ManagerLoad next) {
        try {
            mongo.save(next);
            return true;
        } catch (OptimisticLockingFailureException | DuplicateKeyException lostRace) {
            return false;
        }
    }
}
