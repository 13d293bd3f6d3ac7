package io.windshift.alliance.trace;

import io.windshift.alliance.impact.ChangeImpact;
import io.windshift.alliance.impact.ChangeImpacts;
import io.windshift.alliance.impact.ImpactAction;
import io.windshift.alliance.portfolio.Finding;
import io.windshift.alliance.trace.internal.RemoteTraceParts;
import io.windshift.messaging.consume.ProcessedEvents;
import io.windshift.messaging.trace.EventAcceptances;
import io.windshift.messaging.trace.EventAcceptances.Acceptance;
import io.windshift.messaging.trace.TracePart;
import io.windshift.messaging.trace.TracePart.Applied;
import io.windshift.messaging.trace.TracePart.Item;
import io.windshift.service.security.Caller;
import io.windshift.service.trace.EventTraceAccess;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * What one posted event caused, across the services: alliance-service's own part (acceptance of HR events, its
 * consumers, the impacts and actions of the event) joined with obligation-service's and notification-service's.
 * The head of alliance management and admins see everything; the client that posted the event sees ids only; any
 * other client learns nothing (404), and other people are refused (403).
 */
@Service
public class EventTraces {

    /** The consumers of alliance-service that may have applied a posted event. */
    static final List<String> CONSUMERS = List.of("alliance-service.hr", "alliance-service.obligations", "alliance-service.actions");

    private final EventAcceptances acceptances;
    private final ProcessedEvents processed;
    private final ChangeImpacts impacts;
    private final RemoteTraceParts remote;

    EventTraces(EventAcceptances acceptances, ProcessedEvents processed, ChangeImpacts impacts, RemoteTraceParts remote) {
        this.acceptances = acceptances;
        this.processed = processed;
        this.impacts = impacts;
        this.remote = remote;
    }

    /** The trace of {@code eventId} as the current caller may see it; empty when there is none (or none for them); 403 for other people. */
    public Optional<EventTrace> trace(String eventId, String authorization) {
        Caller caller = EventTraceAccess.caller();
        List<TracePart> parts = new ArrayList<>(List.of(localPart(eventId)));
        List<String> unavailable = new ArrayList<>();
        for (String service : RemoteTraceParts.SERVICES) {
            remote.part(service, eventId, authorization).ifPresentOrElse(parts::add, () -> unavailable.add(service));
        }
        Acceptance accepted = parts.stream().map(TracePart::accepted).filter(Objects::nonNull).findFirst().orElse(null);
        if (!caller.isPerson()) {
            if (accepted == null || !caller.subject().equals(accepted.clientId())) {
                return Optional.empty();
            }
            parts = parts.stream().map(p -> EventTraceAccess.viewOf(caller, p)).toList();
        }
        if (parts.stream().allMatch(TracePart::knowsNothing)) {
            return Optional.empty();
        }
        List<Item> items = parts.stream().flatMap(p -> p.items().stream()).toList();
        return Optional.of(new EventTrace(eventId, accepted,
                parts.stream().flatMap(p -> p.applied().stream()).sorted(Comparator.comparing(Applied::at)).toList(),
                ofKind(items, "IMPACT"), ofKind(items, "ACTION"), ofKind(items, "OBLIGATION"), ofKind(items, "NOTIFICATION"),
                ofKind(items, "DELIVERY"), List.copyOf(unavailable)));
    }

    /** alliance-service's part, in full (the caller's view is applied to the whole trace). */
    TracePart localPart(String eventId) {
        List<Item> items = new ArrayList<>();
        for (ChangeImpact impact : impacts.ofTrigger(eventId)) {
            items.add(new Item("IMPACT", impact.id(), null, impact.allianceId(), impact.status().name(), null,
                    String.join(", ", impact.findings().stream().map(Finding::kind).map(Enum::name).distinct().toList()), impact.assessedAt()));
            for (ImpactAction action : impact.actions()) {
                items.add(new Item("ACTION", action.id(), impact.id(), impact.allianceId(), action.state().name(), action.assigneeId(),
                        action.kind().name() + ": " + action.title(), null));
            }
        }
        return TracePart.of("alliance-service", acceptances.find(eventId).orElse(null), processed, CONSUMERS, eventId, items);
    }

    private static List<Item> ofKind(List<Item> items, String kind) {
        return items.stream().filter(i -> i.kind().equals(kind)).toList();
    }

    /**
     * One event's trace. {@code unavailable}: services that did not answer, so their sections may be incomplete.
     */
    public record EventTrace(String eventId, Acceptance accepted, List<Applied> appliedBy, List<Item> impacts, List<Item> actions,
                             List<Item> obligations, List<Item> notifications, List<Item> deliveries, List<String> unavailable) {
    }
}
