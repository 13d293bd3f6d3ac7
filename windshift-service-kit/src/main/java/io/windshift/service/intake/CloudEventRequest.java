package io.windshift.service.intake;

import io.windshift.contract.CloudEvent;
import io.windshift.contract.EventJson;
import io.windshift.contract.EventType;
import io.windshift.service.web.InvalidRequestException;
import io.windshift.service.web.InvalidRequestException.FieldProblem;
import io.windshift.service.web.JsonProblems;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.JsonNode;

/**
 * The edge rules for CloudEvents that integrators post (HR, finance): one event or a batch of at most
 * {@value #MAX_BATCH}; envelope fields present, spec version 1.0, a known type of the endpoint's topic, a
 * payload that binds and validates. Every problem of the request is reported at once, with the field
 * named ({@code [3].data.effectiveDate}); nothing is accepted unless everything is.
 */
public final class CloudEventRequest {

    public static final int MAX_BATCH = 1000;

    /** A rule across fields of one payload, beyond its annotations. */
    @FunctionalInterface
    public interface PayloadRule {
        PayloadRule NONE = (payload, prefix, problems) -> { };

        void check(Object payload, String prefix, List<FieldProblem> problems);
    }

    private CloudEventRequest() {
    }

    /**
     * The events of the request, with their type as its canonical wire name; throws
     * {@link InvalidRequestException} naming every problem.
     *
     * @param topic only types of this topic are accepted
     * @param kind  how the refusal names them ("an HR", "a finance")
     */
    public static List<CloudEvent> parse(String body, String topic, String kind, Validator validator, PayloadRule rule) {
        JsonNode root;
        try {
            root = EventJson.mapper().readTree(body);
        } catch (JacksonException e) {
            throw new InvalidRequestException("body", "is not valid JSON: " + JsonProblems.withoutClassNames(e.getOriginalMessage()));
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
        List<CloudEvent> events = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            CloudEvent event = parse(nodes.get(i), batch ? "[" + i + "]." : "", topic, kind, validator, rule, problems);
            if (event != null) {
                events.add(event);
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        return events;
    }

    private static CloudEvent parse(JsonNode node, String prefix, String topic, String kind, Validator validator, PayloadRule rule,
                                    List<FieldProblem> problems) {
        if (!node.isObject()) {
            problems.add(new FieldProblem(prefix.isEmpty() ? "body" : prefix.substring(0, prefix.length() - 1), "must be a CloudEvent object"));
            return null;
        }
        CloudEvent event;
        try {
            event = EventJson.mapper().treeToValue(node, CloudEvent.class);
        } catch (JacksonException e) {
            problems.add(new FieldProblem(prefix + "body", "is not a CloudEvent: " + JsonProblems.withoutClassNames(e.getOriginalMessage())));
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
        EventType type = event.knownType().filter(t -> t.topic().equals(topic)).orElse(null);
        if (event.type() != null && type == null) {
            problems.add(new FieldProblem(prefix + "type", "'" + event.type() + "' is not " + kind + " event type this endpoint accepts"));
        }
        if (event.data() == null || !event.data().isObject()) {
            problems.add(new FieldProblem(prefix + "data", "must be an object"));
        } else if (type != null) {
            validatePayload(event, type, prefix, validator, rule, problems);
        }
        return problems.size() == before ? canonical(event, type) : null;
    }

    private static void validatePayload(CloudEvent event, EventType type, String prefix, Validator validator, PayloadRule rule,
                                        List<FieldProblem> problems) {
        Object payload;
        try {
            payload = event.dataAs(type.payloadType());
        } catch (DatabindException e) {
            String field = e.getPath().isEmpty() ? "" : "." + e.getPath().getLast().getPropertyName();
            problems.add(new FieldProblem(prefix + "data" + field, JsonProblems.describe(e)));
            return;
        }
        Set<ConstraintViolation<Object>> violations = validator.validate(payload);
        violations.stream()
                .map(v -> new FieldProblem(prefix + "data." + v.getPropertyPath(), v.getMessage()))
                .sorted(Comparator.comparing(FieldProblem::field))
                .forEach(problems::add);
        if (violations.isEmpty()) {
            rule.check(payload, prefix, problems);
        }
    }

    /** The type as its canonical wire name, so consumers never see the {@code .v1} alias. */
    private static CloudEvent canonical(CloudEvent event, EventType type) {
        return new CloudEvent(event.specversion(), event.id(), event.source(), type.wireName(), event.subject(),
                event.time() == null ? Instant.now() : event.time(), event.datacontenttype(), event.data(), event.traceparent());
    }

    private static void require(String value, String field, List<FieldProblem> problems) {
        if (value == null || value.isBlank()) {
            problems.add(new FieldProblem(field, "is required"));
        }
    }
}
