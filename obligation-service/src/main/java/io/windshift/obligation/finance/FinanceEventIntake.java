package io.windshift.obligation.finance;

import io.windshift.contract.CloudEvent;
import io.windshift.contract.EventJson;
import io.windshift.contract.EventType;
import io.windshift.contract.Topics;
import io.windshift.messaging.publish.EventPublisher;
import io.windshift.messaging.publish.EventPublisher.Outgoing;
import io.windshift.messaging.trace.TraceContext;
import io.windshift.service.web.InvalidRequestException;
import io.windshift.service.web.InvalidRequestException.FieldProblem;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Service;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Validates finance CloudEvents at the edge and appends them to the finance topic, keyed by obligation id
 * (the same edge rules as alliance-service's HR intake). Unknown types, malformed
 * envelopes and invalid payloads are refused with the field named, and nothing of the request is
 * published. A repeated id is accepted again; consumers apply it once.
 */
@Service
public class FinanceEventIntake {

    public static final int MAX_BATCH = 1000;

    private final EventPublisher publisher;
    private final Validator validator;
    private final TraceContext trace;

    FinanceEventIntake(EventPublisher publisher, Validator validator, TraceContext trace) {
        this.publisher = publisher;
        this.validator = validator;
        this.trace = trace;
    }

    public List<String> accept(String body) {
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
                outgoing.add(new Outgoing(Topics.FINANCE, keyOf(event), event.withTraceparent(traceparent)));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        publisher.publishAll(outgoing);
        return outgoing.stream().map(o -> o.event().id()).toList();
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
        if (event.type() != null && (type == null || !type.isFinance())) {
            problems.add(new FieldProblem(prefix + "type", "'" + event.type() + "' is not a finance event type this endpoint accepts"));
        }
        if (event.data() == null || !event.data().isObject()) {
            problems.add(new FieldProblem(prefix + "data", "must be an object"));
        } else if (type != null && type.isFinance()) {
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
    }

    /** The type as its canonical wire name, so consumers never see the {@code .v1} alias. */
    private static CloudEvent canonical(CloudEvent event, EventType type) {
        return new CloudEvent(event.specversion(), event.id(), event.source(), type.wireName(), event.subject(),
                event.time() == null ? java.time.Instant.now() : event.time(), event.datacontenttype(), event.data(), event.traceparent());
    }

    /** Every finance event names its obligation: one obligation's payments stay in order. */
    static String keyOf(CloudEvent event) {
        return event.data().get("obligationId").asString();
    }

    private static void require(String value, String field, List<FieldProblem> problems) {
        if (value == null || value.isBlank()) {
            problems.add(new FieldProblem(field, "is required"));
        }
    }
}
