package io.windshift.obligation.finance;

import io.windshift.contract.CloudEvent;
import io.windshift.contract.Topics;
import io.windshift.messaging.publish.IntakePublisher;
import io.windshift.messaging.publish.EventPublisher.Outgoing;
import io.windshift.messaging.trace.TraceContext;
import io.windshift.service.intake.CloudEventRequest;
import jakarta.validation.Validator;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * Validates finance CloudEvents at the edge ({@link CloudEventRequest}: the same rules as the HR intake) and
 * appends them to the finance topic in one transaction, keyed by obligation id. Nothing of a refused request is
 * published, whether refused for its content (400) or because the broker is unavailable (503, at once). A
 * repeated id is accepted again; consumers apply it once.
 */
@Service
public class FinanceEventIntake {

    public static final int MAX_BATCH = CloudEventRequest.MAX_BATCH;

    private final IntakePublisher publisher;
    private final Validator validator;
    private final TraceContext trace;

    FinanceEventIntake(IntakePublisher publisher, Validator validator, TraceContext trace) {
        this.publisher = publisher;
        this.validator = validator;
        this.trace = trace;
    }

    public List<String> accept(String body) {
        List<CloudEvent> events = CloudEventRequest.parse(body, Topics.FINANCE, "a finance", validator, CloudEventRequest.PayloadRule.NONE);
        String traceparent = trace.currentTraceparent();
        List<Outgoing> outgoing = events.stream().map(e -> new Outgoing(Topics.FINANCE, keyOf(e), e.withTraceparent(traceparent))).toList();
        publisher.publishAtomically(outgoing);
        return events.stream().map(CloudEvent::id).toList();
    }

    /** Every finance event names its obligation: one obligation's payments stay in order. */
    static String keyOf(CloudEvent event) {
        return event.data().get("obligationId").asString();
    }
}
