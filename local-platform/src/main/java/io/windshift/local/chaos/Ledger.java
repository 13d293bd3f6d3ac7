package io.windshift.local.chaos;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the chaos run sent and what each accepted event must cause. Pure bookkeeping, no I/O: the
 * {@link Observer} fills in the observed counts, {@link #verdict} compares.
 *
 * <ul>
 *   <li>an {@link Effect} must be observed exactly once: 0 is lost, more than once is doubled;</li>
 *   <li>a {@link Forbidden} effect must never be observed: seeing it means an older state was applied
 *       after a newer one (out of order), e.g. a departure notified to the lead who had already been replaced;</li>
 *   <li>a dead-letter record that carries no poison marker (of this run, or of an earlier one that a replay
 *       re-read) is unexpected.</li>
 * </ul>
 */
final class Ledger {

    /** One accepted event: its id, kind (hire, alliance, role, obligation, transfer, departure, payment) and key. */
    record Accepted(String eventId, String kind, String key) {
    }

    /** An effect an accepted event must have exactly once; {@code observed} is set by the observer. */
    static final class Effect {
        final String eventId;
        final String description;
        final AtomicInteger observed = new AtomicInteger(-1);

        Effect(String eventId, String description) {
            this.eventId = eventId;
            this.description = description;
        }

        @Override
        public String toString() {
            return description + " (event " + eventId + ", observed " + observed.get() + ")";
        }
    }

    /** An effect that must not exist at all; observing it shows an out-of-order application. */
    static final class Forbidden {
        final String eventId;
        final String description;
        final AtomicInteger observed = new AtomicInteger(-1);

        Forbidden(String eventId, String description) {
            this.eventId = eventId;
            this.description = description;
        }

        @Override
        public String toString() {
            return description + " (event " + eventId + ", observed " + observed.get() + ")";
        }
    }

    /** A record read back from a dead-letter topic: where, and whether it carried one of our poison markers. */
    record DeadLetter(String topic, int partition, long offset, String marker, String reason) {
    }

    record Verdict(List<Effect> lost, List<Effect> doubled, List<Forbidden> outOfOrder, List<DeadLetter> unexpectedDeadLetters,
                   List<String> poisonNotDeadLettered, List<Effect> unchecked) {
        boolean clean() {
            return lost.isEmpty() && doubled.isEmpty() && outOfOrder.isEmpty() && unexpectedDeadLetters.isEmpty();
        }
    }

    static final String POISON_PREFIX = "chaos-poison-";

    final List<Accepted> accepted = new CopyOnWriteArrayList<>();
    final List<Effect> effects = new CopyOnWriteArrayList<>();
    final List<Forbidden> forbidden = new CopyOnWriteArrayList<>();
    /** Poison marker → topic it was produced to. */
    final Map<String, String> poison = new ConcurrentHashMap<>();
    final AtomicInteger retried = new AtomicInteger();
    /** Non-idempotent calls (registrations) whose unanswered attempt had been applied: found, not posted again. */
    final AtomicInteger ambiguous = new AtomicInteger();

    void accepted(String eventId, String kind, String key) {
        accepted.add(new Accepted(eventId, kind, key));
    }

    Effect expect(String eventId, String description) {
        Effect effect = new Effect(eventId, description);
        effects.add(effect);
        return effect;
    }

    Forbidden forbid(String eventId, String description) {
        Forbidden f = new Forbidden(eventId, description);
        forbidden.add(f);
        return f;
    }

    void poisoned(String marker, String topic) {
        poison.put(marker, topic);
    }

    /** Compares expectations with what was observed and with the dead letters read back. */
    Verdict verdict(Collection<DeadLetter> deadLetters, Set<String> topicsWithoutConsumer) {
        List<Effect> lost = new ArrayList<>();
        List<Effect> doubled = new ArrayList<>();
        List<Effect> unchecked = new ArrayList<>();
        for (Effect e : effects) {
            int n = e.observed.get();
            if (n < 0) {
                unchecked.add(e);
            } else if (n == 0) {
                lost.add(e);
            } else if (n > 1) {
                doubled.add(e);
            }
        }
        List<Forbidden> outOfOrder = forbidden.stream().filter(f -> f.observed.get() > 0).toList();
        // poison of an earlier chaos run may be dead-lettered again when a replay moves a group back over it
        List<DeadLetter> unexpected = deadLetters.stream().filter(d -> d.marker() == null || !d.marker().startsWith(POISON_PREFIX)).toList();
        Set<String> seen = new java.util.HashSet<>();
        deadLetters.forEach(d -> seen.add(d.marker()));
        List<String> notDeadLettered = poison.entrySet().stream()
                .filter(p -> !seen.contains(p.getKey()) && !topicsWithoutConsumer.contains(p.getValue()))
                .map(p -> p.getValue() + ": " + p.getKey()).sorted().toList();
        return new Verdict(lost, doubled, outOfOrder, unexpected, notDeadLettered, unchecked);
    }

    Map<String, Long> acceptedByKind() {
        Map<String, Long> byKind = new java.util.TreeMap<>();
        accepted.forEach(a -> byKind.merge(a.kind(), 1L, Long::sum));
        return byKind;
    }
}
