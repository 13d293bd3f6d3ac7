package io.windshift.alliance.people;

import io.windshift.contract.CloudEvent;
import io.windshift.contract.EventType;
import io.windshift.contract.Topics;
import io.windshift.contract.hr.EventRescinded;
import io.windshift.contract.hr.OrgReorganized;
import io.windshift.messaging.publish.IntakePublisher;
import io.windshift.messaging.publish.EventPublisher.Outgoing;
import io.windshift.messaging.trace.EventAcceptances;
import io.windshift.messaging.trace.TraceContext;
import io.windshift.service.intake.CloudEventRequest;
import io.windshift.service.web.InvalidRequestException.FieldProblem;
import jakarta.validation.Validator;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;

/**
 * Validates HR CloudEvents at the edge and appends them to the HR topic in one transaction. Unknown types,
 * malformed envelopes and invalid payloads are refused with the field named, and nothing of the request is
 * published; so is a request that meets an unavailable broker (503, at once). A repeated id is accepted again;
 * consumers apply it once.
 */
@Service
public class HrEventIntake {

    public static final int MAX_BATCH = CloudEventRequest.MAX_BATCH;

    private final IntakePublisher publisher;
    private final Validator validator;
    private final TraceContext trace;
    private final ScheduledHrEvents scheduled;
    private final HrEventKeys keys;
    private final Clock clock;
    private final EventAcceptances acceptances;

    HrEventIntake(IntakePublisher publisher, Validator validator, TraceContext trace, ScheduledHrEvents scheduled, HrEventKeys keys, Clock clock,
                  EventAcceptances acceptances) {
        this.keys = keys;
        this.acceptances = acceptances;
        this.publisher = publisher;
        this.validator = validator;
        this.trace = trace;
        this.scheduled = scheduled;
        this.clock = clock;
    }

    /** What happened to the accepted ids: published now, or held until their effective date. */
    public record Accepted(List<String> accepted, List<String> scheduled) {
    }

    /** Accepts what {@code clientId} posted (the trace remembers who it was). */
    public Accepted accept(String body, String clientId) {
        List<CloudEvent> events = CloudEventRequest.parse(body, Topics.HR, "an HR", validator, HrEventIntake::checkReorg);
        String traceparent = trace.currentTraceparent();
        List<Outgoing> outgoing = new ArrayList<>();
        for (CloudEvent event : events) {
            outgoing.add(new Outgoing(Topics.HR, keyOf(event, outgoing), event.withTraceparent(traceparent)));
        }
        // Future-dated events wait for their effective date; a rescind of a held event cancels it.
        LocalDate today = LocalDate.now(clock);
        List<Outgoing> now = new ArrayList<>();
        List<Outgoing> later = new ArrayList<>();
        for (Outgoing o : outgoing) {
            LocalDate effective = effectiveDate(o.event());
            (effective != null && effective.isAfter(today) ? later : now).add(o);
        }
        keys.remember(outgoing.stream().collect(java.util.stream.Collectors.toMap(o -> o.event().id(), Outgoing::key, (a, b) -> a)));
        // All of it or none: held only once the rest is committed, so a refused request leaves nothing behind.
        publisher.publishAtomically(now);
        later.forEach(o -> scheduled.hold(o.event(), o.key(), effectiveDate(o.event())));
        List<String> held = later.stream().map(o -> o.event().id()).toList();
        now.stream().filter(o -> o.event().knownType().orElseThrow() == EventType.HR_EVENT_RESCINDED)
                .forEach(o -> scheduled.cancel(o.event().dataAs(EventRescinded.class).rescindedEventId()));
        acceptances.accepted(events, clientId);
        return new Accepted(outgoing.stream().map(o -> o.event().id()).toList(), held);
    }

    private static LocalDate effectiveDate(CloudEvent event) {
        JsonNode date = event.data().get("effectiveDate");
        return date == null || date.isNull() ? null : LocalDate.parse(date.asString());
    }

    /** Nobody both moves and leaves in one reorg. */
    private static void checkReorg(Object payload, String prefix, List<FieldProblem> problems) {
        if (payload instanceof OrgReorganized reorg) {
            Set<String> seen = new HashSet<>();
            reorg.departedWorkers().forEach(d -> seen.add(d.personId()));
            for (int i = 0; i < reorg.movedWorkers().size(); i++) {
                if (seen.contains(reorg.movedWorkers().get(i).personId())) {
                    problems.add(new FieldProblem(prefix + "data.movedWorkers[" + i + "].personId", "is also listed as departed"));
                }
            }
        }
    }

    /**
     * Person id for worker events, reorg id for reorgs: order per subject. A rescind travels under the key of
     * the event it rescinds, so a correction (rescind plus new event for the same person) is applied in order.
     */
    private String keyOf(CloudEvent event, List<Outgoing> earlierInRequest) {
        EventType type = event.knownType().orElseThrow();
        if (type == EventType.HR_EVENT_RESCINDED) {
            String rescinded = event.dataAs(EventRescinded.class).rescindedEventId();
            return earlierInRequest.stream().filter(o -> o.event().id().equals(rescinded)).map(Outgoing::key).findFirst()
                    .or(() -> keys.keyOf(rescinded)).orElse(rescinded);
        }
        return keyOf(event);
    }

    static String keyOf(CloudEvent event) {
        return switch (event.knownType().orElseThrow()) {
            case HR_ORG_REORGANIZED -> event.dataAs(OrgReorganized.class).reorgId();
            case HR_EVENT_RESCINDED -> event.dataAs(EventRescinded.class).rescindedEventId();
            case HR_ORG_UNIT_CHANGED -> event.dataAs(io.windshift.contract.hr.OrgUnitChanged.class).orgUnitId();
            default -> event.data().get("personId").asString();
        };
    }
}
