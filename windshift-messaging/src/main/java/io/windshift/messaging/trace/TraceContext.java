package io.windshift.messaging.trace;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;

/**
 * Reads the current W3C trace context so that an event can carry it (CloudEvents distributed-tracing
 * extension). The event may be published later by the outbox relay on another thread; the stored value
 * keeps the trace unbroken from the gateway to the notification.
 */
public class TraceContext {

    private final Tracer tracer;

    public TraceContext(Tracer tracer) {
        this.tracer = tracer;
    }

    /** {@code 00-<trace-id>-<span-id>-<flags>} of the current span, or null outside a trace. */
    public String currentTraceparent() {
        if (tracer == null) {
            return null;
        }
        Span span = tracer.currentSpan();
        if (span == null) {
            return null;
        }
        io.micrometer.tracing.TraceContext context = span.context();
        boolean sampled = Boolean.TRUE.equals(context.sampled());
        return "00-" + context.traceId() + "-" + context.spanId() + (sampled ? "-01" : "-00");
    }
}
