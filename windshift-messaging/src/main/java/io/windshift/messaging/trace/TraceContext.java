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

    /**
     * Runs {@code work} in a span continuing {@code traceparent} (a record's W3C header), so its log lines and the events
     * it stores carry that trace: what the record listeners' observation does, for events a batch listener applies.
     * Without a tracer or a well-formed traceparent it just runs.
     */
    public void continuing(String traceparent, String name, Runnable work) {
        String[] parts = traceparent == null ? new String[0] : traceparent.split("-");
        if (tracer == null || parts.length != 4 || parts[1].length() != 32 || parts[2].length() != 16) {
            work.run();
            return;
        }
        io.micrometer.tracing.TraceContext parent = tracer.traceContextBuilder().traceId(parts[1]).spanId(parts[2])
                .sampled("01".equals(parts[3])).build();
        Span span = tracer.spanBuilder().setParent(parent).name(name).start();
        try (Tracer.SpanInScope scope = tracer.withSpan(span)) {
            work.run();
        } finally {
            span.end();
        }
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
