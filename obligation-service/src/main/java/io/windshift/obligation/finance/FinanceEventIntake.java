package io.windshift.obligation.finance;

import io.windshift.contract.CloudEvent;
import io.windshift.contract.Topics;
import io.windshift.contract.finance.FinanceKeys;
import io.windshift.messaging.publish.IntakePublisher;
import io.windshift.messaging.publish.EventPublisher.Outgoing;
import io.windshift.messaging.trace.EventAcceptances;
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
    private final EventAcceptances acceptances;

    FinanceEventIntake(IntakePublisher publisher, Validator validator, TraceContext trace, EventAcceptances acceptances) {
        this.acceptances = acceptances;
        this.publisher = publisher;
        this.validator = validator;
        this.trace = trace;
    }

    /** Accepts what {@code clientId} posted (the trace remembers who it was). */
    public List<String> accept(String body, String clientId) {
        List<CloudEvent> events = CloudEventRequest.parse(body, Topics.FINANCE, "a finance", validator, FinanceEventIntake::namesWhatItSettles);
        String traceparent = trace.currentTraceparent();
        List<Outgoing> outgoing = events.stream().map(e -> new Outgoing(Topics.FINANCE, keyOf(e), e.withTraceparent(traceparent))).toList();
        publisher.publishAtomically(outgoing);
        acceptances.accepted(events, clientId);
        return events.stream().map(CloudEvent::id).toList();
    }

    /** A finance event must say what it settles, by one of the keys the ledger matches on. */
    static void namesWhatItSettles(Object payload, String prefix, List<io.windshift.service.web.InvalidRequestException.FieldProblem> problems) {
        if (payload instanceof FinanceKeys keys && !keys.namesWhatItSettles()) {
            problems.add(new io.windshift.service.web.InvalidRequestException.FieldProblem(prefix + "data.reference",
                    "name what the event settles: reference, invoiceId, obligationId, or agreementId with milestone or clauseRef"));
        }
    }

    /**
     * Keyed by the obligation id when the event names it, so one obligation's events stay in order; else by the reference,
     * invoice id, agreement or payment id it names.
     */
    static String keyOf(CloudEvent event) {
        for (String field : List.of("obligationId", "reference", "invoiceId", "agreementId", "paymentId")) {
            var value = event.data().get(field);
            if (value != null && value.isString() && !value.asString().isBlank()) {
                return value.asString().strip();
            }
        }
        return event.id();
    }
}
