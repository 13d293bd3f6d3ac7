package io.windshift.alliance.impact;

import io.windshift.alliance.people.PeopleDirectory;
import io.windshift.alliance.people.Person;
import io.windshift.alliance.portfolio.Alliance;
import io.windshift.alliance.portfolio.AlliancePortfolio;
import io.windshift.alliance.portfolio.Finding;
import io.windshift.alliance.portfolio.ImpactKind;
import io.windshift.alliance.portfolio.Tier;
import io.windshift.messaging.outbox.Outbox;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Works out what one change does to the portfolio and applies it: roles and governance seats of departed
 * people are vacated (never silently reassigned), role holders who moved are asked to confirm, vacated
 * STRATEGIC alliances get a suggested interim manager or an over-capacity warning, and one impact is stored
 * per affected alliance. Cost follows the people changed and the seats they hold (person index), not the
 * size of the portfolio.
 */
@Service
public class ChangeAssessment {

    private static final Logger log = LoggerFactory.getLogger(ChangeAssessment.class);

    private final AlliancePortfolio portfolio;
    private final ChangeImpacts impacts;
    private final PeopleDirectory directory;
    private final Outbox outbox;
    private final int parallelism;

    ChangeAssessment(AlliancePortfolio portfolio, ChangeImpacts impacts, PeopleDirectory directory, Outbox outbox,
                     @org.springframework.beans.factory.annotation.Value("${windshift.alliance.assessment.parallelism:4}") int parallelism) {
        this.parallelism = parallelism;
        this.portfolio = portfolio;
        this.impacts = impacts;
        this.directory = directory;
        this.outbox = outbox;
    }

    /** Alliances saved per relay: a large reorg publishes in pipelined batches rather than one round trip each. */
    static final int RELAY_BATCH = 100;

    private static <T> List<List<T>> batchesOf(List<T> all) {
        List<List<T>> batches = new ArrayList<>();
        for (int from = 0; from < all.size(); from += RELAY_BATCH) {
            batches.add(all.subList(from, Math.min(all.size(), from + RELAY_BATCH)));
        }
        return batches;
    }

    /**
     * Runs the batches on up to {@code parallelism} threads (the store round trips of one thread leave the CPU
     * idle) and waits for all; the first failure is rethrown, so the event is retried as a whole (every effect
     * is idempotent).
     */
    private <T> void inParallel(List<T> batches, java.util.function.Consumer<T> work) {
        if (batches.size() <= 1 || parallelism <= 1) {
            batches.forEach(work);
            return;
        }
        java.util.concurrent.Semaphore slots = new java.util.concurrent.Semaphore(parallelism);
        List<java.util.concurrent.Future<?>> running = new ArrayList<>();
        try (var executor = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            for (T batch : batches) {
                running.add(executor.submit(() -> {
                    slots.acquireUninterruptibly();
                    try {
                        work.accept(batch);
                    } finally {
                        slots.release();
                    }
                }));
            }
            for (java.util.concurrent.Future<?> each : running) {
                each.get();
            }
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while assessing a change", e);
        }
    }

    /**
     * What happened to one person: left ({@code detail} the reason: TERMINATED, DEPARTED_IN_REORG), moved, went on
     * leave or came back ({@code detail} in words: "moved to Oncology", "on parental leave until 2027-03-01").
     */
    public record PersonChange(String personId, Kind kind, String detail) {

        public enum Kind { DEPARTED, MOVED, ON_LEAVE, BACK_FROM_LEAVE }

        public static PersonChange departed(String personId, String reason) {
            return new PersonChange(personId, Kind.DEPARTED, reason);
        }

        public static PersonChange moved(String personId, String detail) {
            return new PersonChange(personId, Kind.MOVED, detail);
        }

        public static PersonChange onLeave(String personId, String detail) {
            return new PersonChange(personId, Kind.ON_LEAVE, detail);
        }

        public static PersonChange backFromLeave(String personId, String detail) {
            return new PersonChange(personId, Kind.BACK_FROM_LEAVE, detail);
        }

        boolean departed() {
            return kind == Kind.DEPARTED;
        }
    }

    /** Assesses and applies one HR change; returns the number of alliances affected. Safe to repeat. */
    public int assess(String triggerEventId, String triggerType, LocalDate effectiveDate, List<PersonChange> changes) {
        Map<String, List<PersonChange>> byAlliance = new LinkedHashMap<>();
        Map<String, Alliance> seen = new HashMap<>();
        Map<String, List<Alliance>> seated = portfolio.alliancesOf(changes.stream().map(PersonChange::personId).toList());
        for (PersonChange change : changes) {
            seated.getOrDefault(change.personId(), List.of()).stream().filter(a -> a.seats(change.personId())).forEach(a -> {
                seen.putIfAbsent(a.id(), a);
                byAlliance.computeIfAbsent(a.id(), k -> new ArrayList<>()).add(change);
            });
        }
        Map<String, Finding> covers = suggestCover(seen.values(), changes);
        TemporaryCover leaveCover = new TemporaryCover(portfolio, directory, seen.values(), changes);
        Map<String, String> names = new java.util.concurrent.ConcurrentHashMap<>();
        java.util.concurrent.atomic.AtomicInteger affected = new java.util.concurrent.atomic.AtomicInteger();
        List<List<Map.Entry<String, List<PersonChange>>>> batches = batchesOf(new ArrayList<>(byAlliance.entrySet()));
        // Alliances are independent: batches run side by side, each alliance (and so its events' order) in one.
        inParallel(batches, entries -> {
            try (Outbox.Batch batch = outbox.batch()) {
                for (Map.Entry<String, List<PersonChange>> entry : entries) {
                    boolean[] touched = {false};
                    portfolio.change(batch, seen.get(entry.getKey()), entry.getKey(), alliance -> apply(alliance, entry.getValue(), effectiveDate, triggerEventId, covers, leaveCover),
                            (alliance, outcome) -> {
                                touched[0] = true;
                                impacts.record(batch, triggerEventId, triggerType, alliance, alliance.nextVersion(),
                                        named(outcome.findings(), names));
                            });
                    affected.addAndGet(touched[0] ? 1 : 0);
                }
            }
        });
        log.info("Change {} ({}) touched {} alliance(s)", triggerEventId, triggerType, affected.get());
        return affected.get();
    }

    /**
     * A portfolio reprioritisation of an asset: every alliance on it takes the new tier, stage or status, and
     * each one changed gets an impact when the new profile asks something of its team. Returns the ids of
     * the alliances changed.
     */
    public List<String> reprioritise(String triggerEventId, String asset, Tier tier, io.windshift.alliance.portfolio.Stage stage,
                                     io.windshift.alliance.portfolio.AllianceStatus status, String reason) {
        List<String> changed = new ArrayList<>();
        for (String allianceId : portfolio.alliancesOnAsset(asset)) {
            portfolio.reprioritise(allianceId, tier, stage, status, reason, triggerEventId, (alliance, outcome) -> {
                changed.add(allianceId);
                impacts.record(triggerEventId, "alliance.reprioritised", alliance, alliance.nextVersion(),
                        named(outcome.findings(), new HashMap<>()));
            });
        }
        log.info("Reprioritisation {} of asset {} changed {} alliance(s)", triggerEventId, asset, changed.size());
        return changed.stream().distinct().toList();
    }

    /** A change made through the API (sponsor or manager named, capacity flagged) joins the impact store. */
    public void recordApiChange(AlliancePortfolio.Change change, String triggerType) {
        if (!change.findings().isEmpty() && change.triggerEventId() != null) {
            impacts.record(change.triggerEventId(), triggerType, change.alliance(),
                    change.alliance().version() == null ? 0 : change.alliance().version(), named(change.findings(), new HashMap<>()));
        }
    }

    /** obligation-service found an obligation whose owner left: it joins the impact of the same trigger. */
    public void obligationOwnerVacated(String triggerEventId, String allianceId, String obligationId, String title, String previousOwnerId) {
        portfolio.find(allianceId).ifPresent(alliance -> impacts.record(triggerEventId, "obligation.owner-vacated", alliance, 0,
                named(List.of(Finding.of(ImpactKind.OBLIGATION_OWNER_VACANT, "OBLIGATION:" + obligationId, previousOwnerId,
                        "obligation '" + title + "' (" + obligationId + ") owned by " + previousOwnerId)), new HashMap<>())));
    }

    /** The person is back from leave: cover actions are dismissed, and each alliance they serve is told (one impact each). */
    public int backFromLeave(String triggerEventId, String triggerType, LocalDate effectiveDate, String personId, String detail) {
        impacts.coverNoLongerNeeded(personId, triggerEventId, triggerType);
        return assess(triggerEventId, triggerType, effectiveDate, List.of(PersonChange.backFromLeave(personId, detail)));
    }

    /** Undoes what a rescinded change did, alliance by alliance, and marks its impacts rescinded. */
    public int rescind(String rescindedEventId, String rescindEventId) {
        int undone = 0;
        for (ChangeImpact impact : impacts.ofTrigger(rescindedEventId)) {
            List<String> notes = portfolio.restore(impact.allianceId(), rescindedEventId, impact.findingsOf(ImpactKind.GOVERNANCE_SEAT_VACANT),
                    rescindEventId).map(Alliance.Restoration::notes).orElse(List.of());
            impacts.rescind(impact.id(), notes, rescindEventId);
            undone++;
        }
        log.info("Rescind {} of {} undid {} impact(s)", rescindEventId, rescindedEventId, undone);
        return undone;
    }

    /** Findings name people as the directory knows them (one lookup per person and change). */
    private List<Finding> named(List<Finding> findings, Map<String, String> names) {
        return findings.stream().map(f -> {
            if (f.personId() == null) {
                return f;
            }
            String name = names.computeIfAbsent(f.personId(), id -> directory.find(id).map(Person::name).orElse(""));
            return name.isEmpty() ? f : f.named(name);
        }).toList();
    }

    private static Alliance.Vacancy apply(Alliance alliance, List<PersonChange> changes, LocalDate effectiveDate, String triggerEventId,
                                          Map<String, Finding> covers, TemporaryCover leaveCover) {
        List<io.windshift.alliance.portfolio.AllianceEvent> events = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        for (PersonChange change : changes) {
            switch (change.kind()) {
                case DEPARTED -> {
                    Alliance.Vacancy vacancy = alliance.vacateSeatsOf(change.personId(), change.detail(), effectiveDate, triggerEventId);
                    events.addAll(vacancy.events());
                    findings.addAll(vacancy.findings());
                }
                case MOVED -> findings.addAll(alliance.seatsOfMovedPerson(change.personId(), change.detail()));
                case ON_LEAVE -> findings.addAll(alliance.rolesOf(change.personId(), ImpactKind.ROLE_HOLDER_ON_LEAVE,
                        role -> change.detail() + "; keeps the role; " + leaveCover.suggestion(alliance, role, change.personId())));
                case BACK_FROM_LEAVE -> findings.addAll(alliance.rolesOf(change.personId(), ImpactKind.ROLE_HOLDER_BACK, role -> change.detail()));
            }
        }
        Finding cover = covers.get(alliance.id());
        if (cover != null && findings.stream().anyMatch(f -> f.kind() == ImpactKind.ALLIANCE_MANAGER_VACANT)) {
            List<Finding> annotated = new ArrayList<>();
            for (Finding f : findings) {
                annotated.add(f.kind() == ImpactKind.ALLIANCE_MANAGER_VACANT && cover.kind() == ImpactKind.ALLIANCE_MANAGER_VACANT
                        ? new Finding(f.kind(), f.seat(), f.personId(), f.detail() + "; " + cover.detail(), null, null, f.personName(),
                        null) : f);
            }
            findings = annotated;
            if (cover.kind() == ImpactKind.MANAGER_OVER_CAPACITY) {
                findings.add(cover);
            }
        }
        return new Alliance.Vacancy(events, findings);
    }

    /**
     * For every STRATEGIC alliance this change leaves without an alliance manager, the remaining manager with
     * the most room, taking the change's own vacancies into account; when even that manager would exceed
     * capacity, the impact says so.
     */
    private Map<String, Finding> suggestCover(java.util.Collection<Alliance> touched, List<PersonChange> changes) {
        Set<String> departed = new LinkedHashSet<>();
        changes.stream().filter(PersonChange::departed).forEach(c -> departed.add(c.personId()));
        List<Alliance> needingCover = new ArrayList<>();
        touched.stream().filter(a -> a.tier() == Tier.STRATEGIC)
                .filter(a -> a.currentHolderOf(io.windshift.alliance.portfolio.Role.ALLIANCE_MANAGER)
                        .map(am -> departed.contains(am.personId())).orElse(false))
                .forEach(needingCover::add);
        if (needingCover.isEmpty()) {
            return Map.of();
        }
        int capacity = portfolio.policy().capacity();
        Map<String, Integer> load = new HashMap<>();
        portfolio.managerLoad().forEach((manager, led) -> {
            if (!departed.contains(manager)) {
                load.put(manager, led.size());
            }
        });
        Map<String, Finding> covers = new HashMap<>();
        needingCover.sort(Comparator.comparing(Alliance::name));
        for (Alliance alliance : needingCover) {
            String manager = load.entrySet().stream().min(Map.Entry.<String, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                    .map(Map.Entry::getKey).orElse(null);
            if (manager == null) {
                covers.put(alliance.id(), Finding.of(ImpactKind.MANAGER_OVER_CAPACITY, "ALLIANCE_MANAGER", null,
                        "no alliance manager is left to cover it"));
                continue;
            }
            int after = load.get(manager) + 1;
            if (after > capacity) {
                covers.put(alliance.id(), Finding.of(ImpactKind.MANAGER_OVER_CAPACITY, "ALLIANCE_MANAGER", manager,
                        "covering it would put the least loaded alliance manager, " + directory.label(manager) + ", at " + after + " STRATEGIC alliances (capacity "
                                + capacity + ")"));
            } else {
                covers.put(alliance.id(), Finding.of(ImpactKind.ALLIANCE_MANAGER_VACANT, "ALLIANCE_MANAGER", manager,
                        "suggested interim: " + directory.label(manager) + " (" + after + "/" + capacity + " STRATEGIC)"));
            }
            load.put(manager, after);
        }
        return covers;
    }
}
