package io.windshift.obligation.register;

import io.windshift.contract.CloudEvent;
import io.windshift.messaging.outbox.OutboxEvent;
import io.windshift.messaging.trace.TraceContext;
import java.time.Clock;
import java.util.List;
import org.springframework.stereotype.Component;

/** Wraps register events in CloudEvents for the outbox: key and subject are the obligation id. */
@Component
public class ObligationEvents {

    public static final String SOURCE = "/windshift/obligation-service";

    private final Clock clock;
    private final TraceContext trace;

    ObligationEvents(Clock clock, TraceContext trace) {
        this.clock = clock;
        this.trace = trace;
    }

    public List<OutboxEvent> toOutbox(List<ObligationEvent> events) {
        return toOutbox(events, null);
    }

    /**
     * As {@link #toOutbox(List)}; outside a trace (a batch consumer continues none) the events carry {@code cause}, the
     * traceparent of the event that caused them, so the trace still runs through.
     */
    public List<OutboxEvent> toOutbox(List<ObligationEvent> events, String cause) {
        String current = trace.currentTraceparent();
        String traceparent = current != null ? current : cause;
        return events.stream().map(e -> OutboxEvent.of(e.type().topic(), e.obligationId(),
                CloudEvent.of(e.eventId(), e.type(), SOURCE, e.obligationId(), clock.instant(), e.payload(), traceparent))).toList();
    }
}
