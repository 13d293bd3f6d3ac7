package io.windshift.alliance.portfolio;

import io.windshift.alliance.portfolio.internal.AllianceEventFactory;
import io.windshift.alliance.portfolio.internal.PersonAllianceIndex;
import io.windshift.messaging.outbox.Outbox;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/** The portfolio's commands and questions. Each command is one atomic write of an alliance and its events. */
@Service
public class AlliancePortfolio {

    private static final Logger log = LoggerFactory.getLogger(AlliancePortfolio.class);
    private static final int MAX_ATTEMPTS = 5;

    private final MongoTemplate mongo;
    private final Outbox outbox;
    private final PersonAllianceIndex index;
    private final AllianceEventFactory events;
    private final Clock clock;

    AlliancePortfolio(MongoTemplate mongo, Outbox outbox, PersonAllianceIndex index, AllianceEventFactory events, Clock clock) {
        this.mongo = mongo;
        this.outbox = outbox;
        this.index = index;
        this.events = events;
        this.clock = clock;
        outbox.watch(Alliance.class);
    }

    public Alliance register(AllianceProfile profile, List<TeamSeat> team) {
        Alliance.Registration registration = Alliance.register("al-" + UUID.randomUUID(), profile, team, today(), clock.instant());
        Alliance alliance = registration.alliance();
        team.forEach(seat -> index.add(seat.personId(), alliance.id()));
        alliance.record(events.toOutbox(List.of(registration.event())));
        return outbox.save(alliance);
    }

    public Alliance assign(String allianceId, Role role, String personId) {
        Alliance saved = withRetry(allianceId, alliance -> {
            index.add(personId, allianceId);
            alliance.assign(role, personId, today(), null).ifPresent(e -> alliance.record(events.toOutbox(List.of(e))));
            return alliance;
        });
        saved.assignments().stream().filter(a -> !a.isCurrent()).map(RoleAssignment::personId).distinct()
                .filter(p -> !saved.involves(p)).forEach(p -> index.remove(p, allianceId));
        return saved;
    }

    /**
     * Vacates every role a person holds, on every alliance, because of one HR change. Returns the number of
     * roles vacated. Safe to repeat: a second run finds nothing to vacate.
     */
    public int vacateRolesOf(String personId, String reason, LocalDate effectiveDate, String triggerEventId) {
        int vacated = 0;
        for (String allianceId : index.allianceIdsOf(personId)) {
            List<Integer> count = new ArrayList<>();
            Alliance saved = withRetry(allianceId, alliance -> {
                List<AllianceEvent> changes = alliance.vacateRolesOf(personId, reason, effectiveDate, triggerEventId);
                count.add(changes.size());
                alliance.record(events.toOutbox(changes));
                return alliance;
            });
            vacated += count.isEmpty() ? 0 : count.getLast();
            if (saved != null && !saved.involves(personId)) {
                index.remove(personId, allianceId);
            }
        }
        log.info("Vacated {} role(s) of {} ({}, trigger {})", vacated, personId, reason, triggerEventId);
        return vacated;
    }

    public Optional<Alliance> find(String allianceId) {
        return Optional.ofNullable(mongo.findById(allianceId, Alliance.class));
    }

    /** Alliances matching the filters; {@code personId} uses the index, the rest filter on the store. */
    public List<Alliance> list(String personId, Tier tier, Stage stage) {
        // One flat filter document: an `$and` wrapper would make the embedded store scan even for `_id`.
        Criteria criteria = null;
        if (personId != null) {
            criteria = Criteria.where("_id").in(index.allianceIdsOf(personId));
        }
        if (tier != null) {
            criteria = criteria == null ? Criteria.where("tier").is(tier) : criteria.and("tier").is(tier);
        }
        if (stage != null) {
            criteria = criteria == null ? Criteria.where("stage").is(stage) : criteria.and("stage").is(stage);
        }
        Query query = criteria == null ? new Query() : new Query(criteria);
        List<Alliance> found = mongo.find(query.with(Sort.by("name")), Alliance.class);
        return personId == null ? found : found.stream().filter(a -> a.involves(personId)).toList();
    }

    /** Reads, changes and saves one alliance, again from a fresh read if another writer got there first. */
    private Alliance withRetry(String allianceId, Function<Alliance, Alliance> change) {
        for (int attempt = 1; ; attempt++) {
            Alliance alliance = mongo.findById(allianceId, Alliance.class);
            if (alliance == null) {
                return null;
            }
            Alliance changed = change.apply(alliance);
            try {
                return changed.pendingEvents().isEmpty() ? changed : outbox.save(changed);
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
