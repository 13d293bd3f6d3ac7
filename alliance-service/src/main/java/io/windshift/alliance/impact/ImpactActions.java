package io.windshift.alliance.impact;

import io.windshift.alliance.impact.internal.ActionStore;
import io.windshift.alliance.people.PeopleDirectory;
import io.windshift.alliance.people.PersonStatus;
import io.windshift.alliance.portfolio.Alliance;
import io.windshift.alliance.portfolio.AlliancePortfolio;
import io.windshift.alliance.portfolio.Role;
import io.windshift.service.security.Caller;
import io.windshift.service.web.InvalidRequestException;
import io.windshift.service.web.NotFoundException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;

/**
 * People acting on actions, and the questions about open work. Who may act: the alliance's alliance manager
 * and partnership lead, the head of alliance management and admins; anyone else is refused without learning
 * whether the impact exists.
 */
@Service
public class ImpactActions {

    private final ChangeImpacts impacts;
    private final ActionStore store;
    private final AlliancePortfolio portfolio;
    private final PeopleDirectory directory;
    private final Clock clock;

    ImpactActions(ChangeImpacts impacts, ActionStore store, AlliancePortfolio portfolio, PeopleDirectory directory, Clock clock) {
        this.impacts = impacts;
        this.store = store;
        this.portfolio = portfolio;
        this.directory = directory;
        this.clock = clock;
    }

    public ChangeImpact complete(Caller caller, String impactId, String actionId, String note) {
        return act(caller, impactId, actionId, i -> i.complete(actionId, caller.subject(), note, clock.instant()));
    }

    public ChangeImpact dismiss(Caller caller, String impactId, String actionId, String reason) {
        return act(caller, impactId, actionId, i -> i.dismiss(actionId, caller.subject(), reason, clock.instant()));
    }

    public ChangeImpact assign(Caller caller, String impactId, String actionId, String personId) {
        directory.find(personId).filter(p -> p.status() == PersonStatus.DEPARTED).ifPresent(p -> {
            throw new InvalidRequestException("personId", personId + " has left the company");
        });
        return act(caller, impactId, actionId, i -> i.assign(actionId, personId, caller.subject(), clock.instant()));
    }

    private ChangeImpact act(Caller caller, String impactId, String actionId, java.util.function.Consumer<ChangeImpact> change) {
        Optional<ChangeImpact> found = impacts.find(impactId);
        if (found.isEmpty() && caller.seesEverything()) {
            throw new NotFoundException("No impact " + impactId);
        }
        ChangeImpact impact = found.filter(i -> mayAct(caller, i))
                .orElseThrow(() -> new AccessDeniedException("not allowed to act on impact " + impactId));
        if (impact.action(actionId).isEmpty()) {
            throw new NotFoundException("No action " + actionId + " on impact " + impactId);
        }
        return impacts.act(impactId, i -> {
            int revision = i.revision();
            change.accept(i);
            return i.revision() != revision;
        }).orElseThrow(() -> new NotFoundException("No impact " + impactId));
    }

    public boolean mayAct(Caller caller, ChangeImpact impact) {
        if (caller.seesEverything()) {
            return true;
        }
        return portfolio.find(impact.allianceId())
                .filter(a -> a.holds(caller.subject(), Role.ALLIANCE_MANAGER) || a.holds(caller.subject(), Role.PARTNERSHIP_LEAD)).isPresent();
    }

    public boolean maySee(Caller caller, String allianceId) {
        return caller.seesEverything() || portfolio.find(allianceId).filter(a -> a.seats(caller.subject())).isPresent();
    }

    /** A page of actions; people who do not see everything see their own, or those on alliances where they hold a seat. */
    public Map.Entry<List<ActionStore.ActionRow>, Long> find(Caller caller, String assigneeId, ImpactAction.State state, LocalDate dueBefore,
                                                             int page, int size) {
        List<String> alliances = null;
        String assignee = assigneeId;
        if (!caller.seesEverything()) {
            if (assignee == null) {
                assignee = caller.subject();
            } else if (!assignee.equals(caller.subject())) {
                alliances = portfolio.alliancesOf(caller.subject()).stream().filter(a -> a.seats(caller.subject())).map(Alliance::id).toList();
            }
        }
        return store.find(assignee, state == null ? null : state.name(), dueBefore, alliances, page, size);
    }

    /** Where one change stands: its impacts and actions by state and kind, the oldest open action, how many are overdue. */
    public Progress progress(Caller caller, String triggerEventId) {
        List<ChangeImpact> visible = impacts.ofTrigger(triggerEventId).stream().filter(i -> maySee(caller, i.allianceId())).toList();
        if (visible.isEmpty()) {
            throw new NotFoundException("No impacts of " + triggerEventId + " visible to you");
        }
        LocalDate today = LocalDate.now(clock);
        Map<String, Long> impactsByStatus = new TreeMap<>();
        Map<String, Long> byState = new TreeMap<>();
        Map<String, Map<String, Long>> byKind = new TreeMap<>();
        int overdue = 0;
        OldestOpen oldest = null;
        for (ChangeImpact impact : visible) {
            impactsByStatus.merge(impact.status().name(), 1L, Long::sum);
            for (ImpactAction a : impact.actions()) {
                byState.merge(a.state().name(), 1L, Long::sum);
                byKind.computeIfAbsent(a.kind().name(), k -> new TreeMap<>()).merge(a.state().name(), 1L, Long::sum);
                overdue += a.overdue(today) ? 1 : 0;
                if (a.isOpen() && (oldest == null || a.openedAt().isBefore(oldest.openedAt()))) {
                    oldest = new OldestOpen(impact.id(), a.id(), impact.allianceId(), impact.allianceName(), a.kind().name(), a.title(),
                            a.assigneeId(), a.dueDate(), a.openedAt());
                }
            }
        }
        long total = byState.values().stream().mapToLong(Long::longValue).sum();
        long open = byState.getOrDefault(ImpactAction.State.OPEN.name(), 0L);
        boolean resolved = visible.stream().allMatch(i -> i.status() == ChangeImpact.Status.RESOLVED || i.status() == ChangeImpact.Status.RESCINDED);
        int percent = total == 0 ? 100 : (int) Math.round(100.0 * (total - open) / total);
        return new Progress(triggerEventId, visible.size(), impactsByStatus, total, byState, byKind, open, overdue, percent, resolved, oldest);
    }

    public record Progress(String triggerEventId, int impacts, Map<String, Long> impactsByStatus, long actions, Map<String, Long> actionsByState,
                           Map<String, Map<String, Long>> actionsByKind, long open, int overdue, int percentClosed, boolean resolved,
                           OldestOpen oldestOpen) {
    }

    public record OldestOpen(String impactId, String actionId, String allianceId, String allianceName, String kind, String title,
                             String assigneeId, LocalDate dueDate, Instant openedAt) {
    }

    /** Impacts of a trigger or an alliance, optionally of one status, visible to the caller, paged. */
    public List<ChangeImpact> impacts(Caller caller, String triggerEventId, String allianceId, ChangeImpact.Status status, int page, int size) {
        List<ChangeImpact> found = triggerEventId != null ? impacts.ofTrigger(triggerEventId) : impacts.ofAlliance(allianceId);
        return found.stream().filter(i -> status == null || i.status() == status).filter(i -> maySee(caller, i.allianceId()))
                .sorted(Comparator.comparing(ChangeImpact::severity).reversed().thenComparing(ChangeImpact::allianceName))
                .skip((long) page * size).limit(size).toList();
    }

    public Optional<ChangeImpact> find(String impactId) {
        return impacts.find(impactId);
    }
}
