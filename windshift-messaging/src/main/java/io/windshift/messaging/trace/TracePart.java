package io.windshift.messaging.trace;

import io.windshift.messaging.consume.ProcessedEvents;
import io.windshift.messaging.trace.EventAcceptances.Acceptance;
import java.time.Instant;
import java.util.List;

/**
 * What one service knows about one posted event: whether it accepted it, which of its consumers applied it, and
 * what it changed (impacts, actions, obligations, notifications, deliveries) as uniform items. The parts of all
 * services make the event's trace; {@link #idsOnly()} is the view for the client that posted the event.
 */
public record TracePart(String service, Acceptance accepted, List<Applied> applied, List<Item> items) {

    /** A consumer of {@code service} applied the event at {@code at}. */
    public record Applied(String service, String consumer, Instant at) {
    }

    /**
     * One thing the event changed. {@code kind}: IMPACT, ACTION, OBLIGATION, NOTIFICATION or DELIVERY; {@code ref}:
     * the item it belongs to (an action's impact, a delivery's notification); {@code personId} and {@code detail}
     * are personal data, left out of the ids-only view.
     */
    public record Item(String kind, String id, String ref, String allianceId, String state, String personId, String detail, Instant at) {

        Item idsOnly() {
            return new Item(kind, id, ref, allianceId, state, null, null, at);
        }
    }

    /** A service's part: its acceptance (if it took the event in), which of {@code consumers} applied it, and its items. */
    public static TracePart of(String service, Acceptance accepted, ProcessedEvents processed, List<String> consumers, String eventId,
                               List<Item> items) {
        List<Applied> applied = consumers.stream()
                .flatMap(c -> processed.appliedAt(c, eventId).map(at -> new Applied(service, c, at)).stream()).toList();
        return new TracePart(service, accepted, applied, List.copyOf(items));
    }

    public TracePart idsOnly() {
        return new TracePart(service, accepted, applied, items.stream().map(Item::idsOnly).toList());
    }

    public boolean knowsNothing() {
        return accepted == null && applied.isEmpty() && items.isEmpty();
    }
}
