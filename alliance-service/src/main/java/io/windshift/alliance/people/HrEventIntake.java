package io.windshift.alliance.people;

import io.windshift.contract.CloudEvent;
import io.windshift.contract.EventJson;
import io.windshift.contract.EventType;
import io.windshift.contract.Topics;
import io.windshift.contract.hr.EventRescinded;
import io.windshift.contract.hr.OrgReorganized;
import io.windshift.messaging.publish.EventPublisher;
import io.windshift.messaging.publish.EventPublisher.Outgoing;
import io.windshift.messaging.trace.TraceContext;
import io.windshift.service.web.InvalidRequestException;
import io.windshift.service.web.InvalidRequestException.FieldProblem;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Service;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Validates HR CloudEvents at the edge and appends them to the HR topic. Unknown types, malformed
 * envelopes and invalid payloads are refused with the field named, and nothing of the request is
 * published. A repeated id is accepted again; consumers apply it once.
 */
@Service
public class HrEventIntake {

    public static final int MAX_BATCH = 1000;

    private final EventPublisher publisher;
    private final Validator validator;
    private final TraceContext trace;
    private final ScheduledHrEvents scheduled;
    private final HrEventKeys keys;
    private final Clock clock;

    HrEventIntake(EventPublisher publisher, Validator validator, TraceContext trace, ScheduledHrEvents scheduled, HrEventKeys keys, Clock clock) {
        this.keys = keys;
        this.publisher = publisher;
        this.validator = validator;
        this.trace = trace;
        this.scheduled = scheduled;
        this.clock = clock;
    }

    /** What happened to the accepted ids: published now, or held until their effective date. */
    public record Accepted(List<String> accepted, List<String> scheduled) {
    }

    public Accepted accept(String body) {
        JsonNode root;
        try {
            root = EventJson.mapper().readTree(body);
        } catch (JacksonException e) {
            throw new InvalidRequestException("body", "is not valid JSON: " + e.getOriginalMessage());
        }
        boolean batch = root.isArray();
        List<JsonNode> nodes = new ArrayList<>();
        if (batch) {
            root.forEach(nodes::add);
            if (nodes.isEmpty()) {
                throw new InvalidRequestException("body", "a batch must hold at least one event");
            }
            if (nodes.size() > MAX_BATCH) {
                throw new InvalidRequestException("body", "a batch holds at most " + MAX_BATCH + " events");
            }
        } else if (root.isObject()) {
            nodes.add(root);
        } else {
            throw new InvalidRequestException("body", "must be a CloudEvent object or an array of them");
        }
        List<FieldProblem> problems = new ArrayList<>();
        List<Outgoing> outgoing = new ArrayList<>();
        String traceparent = trace.currentTraceparent();
        for (int i = 0; i < nodes.size(); i++) {
            String prefix = batch ? "[" + i + "]." : "";
            CloudEvent event = parse(nodes.get(i), prefix, problems);
            if (event != null) {
                outgoing.add(new Outgoing(Topics.HR, keyOf(event, outgoing), event.withTraceparent(traceparent)));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        // Future-dated events wait for their effective date; a rescind of a held event cancels it.
        LocalDate today = LocalDate.now(clock);
        List<Outgoing> now = new ArrayList<>();
        List<String> held = new ArrayList<>();
        for (Outgoing o : outgoing) {
            LocalDate effective = effectiveDate(o.event());
            if (effective != null && effective.isAfter(today)) {
                scheduled.hold(o.event(), o.key(), effective);
                held.add(o.event().id());
            } else {
                now.add(o);
            }
        }
        keys.remember(outgoing.stream().collect(java.util.stream.Collectors.toMap(o -> o.event().id(), Outgoing::key, (a, b) -> a)));
        publisher.publishAll(now);
        now.stream().filter(o -> o.event().knownType().orElseThrow() == EventType.HR_EVENT_RESCINDED)
                .forEach(o -> scheduled.cancel(o.event().dataAs(EventRescinded.class).rescindedEventId()));
        return new Accepted(outgoing.stream().map(o -> o.event().id()).toList(), held);
    }

    private static LocalDate effectiveDate(CloudEvent event) {
        JsonNode date = event.data().get("effectiveDate");
        return date == null || date.isNull() ? null : LocalDate.parse(date.asString());
    }

    private CloudEvent parse(JsonNode node, String prefix, List<FieldProblem> problems) {
        if (!node.isObject()) {
            problems.add(new FieldProblem(prefix.isEmpty() ? "body" : prefix.substring(0, prefix.length() - 1), "must be a CloudEvent object"));
            return null;
        }
        CloudEvent event;
        try {
            event = EventJson.mapper().treeToValue(node, CloudEvent.class);
        } catch (JacksonException e) {
            problems.add(new FieldProblem(prefix + "body", "is not a CloudEvent: " + e.getOriginalMessage()));
            return null;
        }
        int before = problems.size();
        require(event.specversion(), prefix + "specversion", problems);
        if (event.specversion() != null && !CloudEvent.SPEC_VERSION.equals(event.specversion())) {
            problems.add(new FieldProblem(prefix + "specversion", "must be 1.0"));
        }
        require(event.id(), prefix + "id", problems);
        require(event.source(), prefix + "source", problems);
        require(event.type(), prefix + "type", problems);
        EventType type = event.knownType().orElse(null);
        if (event.type() != null && (type == null || !type.isHr())) {
            problems.add(new FieldProblem(prefix + "type", "'" + event.type() + "' is not an HR event type this endpoint accepts"));
        }
        if (event.data() == null || !event.data().isObject()) {
            problems.add(new FieldProblem(prefix + "data", "must be an object"));
        } else if (type != null && type.isHr()) {
            validatePayload(event, type, prefix, problems);
        }
        return problems.size() == before ? canonical(event, type) : null;
    }

    private void validatePayload(CloudEvent event, EventType type, String prefix, List<FieldProblem> problems) {
        Object payload;
        try {
            payload = event.dataAs(type.payloadType());
        } catch (tools.jackson.databind.DatabindException e) {
            String field = e.getPath().isEmpty() ? "" : "." + e.getPath().getLast().getPropertyName();
            problems.add(new FieldProblem(prefix + "data" + field, "has an invalid value: " + e.getOriginalMessage()));
            return;
        }
        Set<ConstraintViolation<Object>> violations = validator.validate(payload);
        violations.stream()
                .map(v -> new FieldProblem(prefix + "data." + v.getPropertyPath(), v.getMessage()))
                .sorted(java.util.Comparator.comparing(FieldProblem::field))
                .forEach(problems::add);
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

    /** The type as its canonical wire name, so consumers never see the {@code .v1} alias. */
    private static CloudEvent canonical(CloudEvent event, EventType type) {
        return new CloudEvent(event.specversion(), event.id(), event.source(), type.wireName(), event.subject(),
                event.time() == null ? java.time.Instant.now() : event.time(), event.datacontenttype(), event.data(), event.traceparent());
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
            default -> event.data().get("personId").asString();
        };
    }

    private static void require(String value, String field, List<FieldProblem> problems) {
        if (value == null || value.isBlank()) {
            problems.add(new FieldProblem(field, "is required"));
        }
    }
}
