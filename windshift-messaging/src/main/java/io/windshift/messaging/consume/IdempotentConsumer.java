package io.windshift.messaging.consume;

import io.windshift.messaging.trace.TraceContext;

import io.micrometer.core.instrument.MeterRegistry;
import io.windshift.contract.CloudEvent;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies an event at most once per consumer name. The id is recorded after the effect (at least once):
 * if the process dies in between, the redelivered event runs the effect again, so effects must be
 * idempotent themselves (natural keys, deterministic ids); the record makes the common redelivery cheap.
 */
public class IdempotentConsumer {

    private static final Logger log = LoggerFactory.getLogger(IdempotentConsumer.class);

    private final ProcessedEvents processed;
    private final MeterRegistry meters;
    private final TraceContext traces;

    public IdempotentConsumer(ProcessedEvents processed, MeterRegistry meters) {
        this(processed, meters, new TraceContext(null));
    }

    public IdempotentConsumer(ProcessedEvents processed, MeterRegistry meters, TraceContext traces) {
        this.processed = processed;
        this.meters = meters;
        this.traces = traces;
    }

    /** Runs {@code work} in the trace a record carried ({@link TraceContext#continuing}). */
    void continuing(String traceparent, String consumer, Runnable work) {
        traces.continuing(traceparent, consumer, work);
    }

    /** Whether {@code consumer} applied this event id already (a redelivery); counted as a duplicate if so. */
    public boolean alreadyApplied(String consumer, CloudEvent event) {
        if (processed.contains(consumer, event.id())) {
            meters.counter("windshift.events.consumed", "consumer", consumer, "outcome", "duplicate").increment();
            return true;
        }
        return false;
    }

    /** The events {@code consumer} has not applied yet, in order, found with one read; the others are counted as duplicates. */
    public List<CloudEvent> notYetApplied(String consumer, List<CloudEvent> events) {
        java.util.Set<String> done = processed.appliedAmong(consumer, events.stream().map(CloudEvent::id).toList());
        if (!done.isEmpty()) {
            meters.counter("windshift.events.consumed", "consumer", consumer, "outcome", "duplicate").increment(done.size());
        }
        return events.stream().filter(e -> !done.contains(e.id())).toList();
    }

    /** {@link #applied} for many events, recorded in one write. */
    public void appliedAll(String consumer, List<CloudEvent> events) {
        java.util.Map<String, String> types = new java.util.LinkedHashMap<>();
        events.forEach(e -> types.put(e.id(), e.type()));
        processed.recordAll(consumer, types);
        meters.counter("windshift.events.consumed", "consumer", consumer, "outcome", "applied").increment(events.size());
    }

    /** Records that {@code consumer} applied this event (after its effect, as {@link #handleOnce} does). */
    public void applied(String consumer, CloudEvent event) {
        processed.record(consumer, event.id(), event.type());
        meters.counter("windshift.events.consumed", "consumer", consumer, "outcome", "applied").increment();
    }

    /** Runs {@code effect} unless {@code consumer} already applied this event id; returns whether it ran. */
    public boolean handleOnce(String consumer, CloudEvent event, Consumer<CloudEvent> effect) {
        if (processed.contains(consumer, event.id())) {
            meters.counter("windshift.events.consumed", "consumer", consumer, "outcome", "duplicate").increment();
            log.debug("{} skips redelivered event {} ({})", consumer, event.id(), event.type());
            return false;
        }
        effect.accept(event);
        processed.record(consumer, event.id(), event.type());
        meters.counter("windshift.events.consumed", "consumer", consumer, "outcome", "applied").increment();
        return true;
    }
}
