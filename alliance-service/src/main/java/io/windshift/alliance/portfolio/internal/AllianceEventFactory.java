package io.windshift.alliance.portfolio.internal;

import io.windshift.alliance.portfolio.AllianceEvent;
import io.windshift.contract.CloudEvent;
import io.windshift.messaging.outbox.OutboxEvent;
import io.windshift.messaging.trace.TraceContext;
import java.time.Clock;
import java.util.List;
import org.springframework.stereotype.Component;

/** Wraps domain events in CloudEvents for the outbox: key and subject are the alliance id. */
@Component
public class AllianceEventFactory {

    public static final String SOURCE = "/windshift/alliance-service";

    private final Clock clock;
    private final TraceContext trace;

    AllianceEventFactory(Clock clock, TraceContext trace) {
        this.clock = clock;
        this.trace = trace;
    }

    public List<OutboxEvent> toOutbox(List<AllianceEvent> events) {
        String traceparent = trace.currentTraceparent();
        return events.stream().map(e -> OutboxEvent.of(e.type().topic(), e.allianceId(),
                CloudEvent.of(e.eventId(), e.type(), SOURCE, e.allianceId(), clock.instant(), e.payload(), traceparent))).toList();
    }
}
