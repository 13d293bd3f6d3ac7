package io.windshift.notification.inbox;

import io.windshift.notification.preferences.Channel;
import io.windshift.notification.preferences.PreferenceStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/**
 * The outbound delivery queue, kept in the notification documents. A worker claims due deliveries by
 * writing SENDING with a lease under the document's version (one instance wins), sends, then records the
 * outcome. A worker that dies mid-send leaves a lease that runs out, and the delivery is taken again:
 * at least once, never lost; the message carries the notification id and revision so a receiver can drop a repeat.
 */
@Service
public class DeliveryQueue {

    private final MongoTemplate mongo;
    private final Inbox inbox;
    private final PreferenceStore preferences;
    private final Clock clock;
    private final int maxAttempts;
    private final Duration initialBackoff;
    private final Duration maxBackoff;

    DeliveryQueue(MongoTemplate mongo, Inbox inbox, PreferenceStore preferences, Clock clock,
                  @Value("${windshift.notification.delivery.max-attempts:5}") int maxAttempts,
                  @Value("${windshift.notification.delivery.initial-backoff:PT10S}") Duration initialBackoff,
                  @Value("${windshift.notification.delivery.max-backoff:PT10M}") Duration maxBackoff) {
        this.mongo = mongo;
        this.inbox = inbox;
        this.preferences = preferences;
        this.clock = clock;
        this.maxAttempts = maxAttempts;
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
    }

    /** One claimed delivery: what to send, where, and which content revision it carries. */
    public record Claim(String notificationId, String recipientId, String channel, int revision, int attempt, boolean digest,
                        Notification content) {
    }

    /** Claims up to {@code limit} due deliveries for this instance, each under a lease. */
    public List<Claim> claimDue(String instance, Duration lease, int limit) {
        Instant now = clock.instant();
        Query due = new Query(Criteria.where("nextDeliveryAt").lte(now)).with(Sort.by("nextDeliveryAt")).limit(limit);
        List<Claim> claims = new ArrayList<>();
        for (Notification candidate : mongo.find(due, Notification.class)) {
            List<String> channels = new ArrayList<>();
            List<String> digests = new ArrayList<>();
            Optional<Notification> claimed = inbox.change(candidate.id(), n -> n.deliveries().stream().anyMatch(d -> d.isDue(now)), n -> {
                channels.clear();
                digests.clear();
                for (Delivery d : n.deliveries()) {
                    if (d.isDue(now)) {
                        if ("DIGEST".equals(d.deferredReason())) {
                            digests.add(d.channel());
                        }
                        d.claim(instance, now.plus(lease), n.contentRevision());
                        channels.add(d.channel());
                    }
                }
                n.contentPlanned();
                return n;
            });
            claimed.ifPresent(n -> channels.forEach(c -> n.delivery(c).ifPresent(d ->
                    claims.add(new Claim(n.id(), n.recipientId(), c, d.claimedRevision(), d.attempts() + 1, digests.contains(c), n)))));
        }
        return claims;
    }

    /** The send worked. If the content changed meanwhile, the update is queued as the next send. */
    public void sent(Claim claim, String detail) {
        inbox.change(claim.notificationId(), n -> ownClaim(n, claim), n -> {
            Instant now = clock.instant();
            Delivery d = n.delivery(claim.channel()).orElseThrow();
            d.sent(now);
            n.record(DeliveryPlanner.status(n, claim.channel(), d.attempts(), "SENT", detail, now));
            if (d.sentRevision() < n.contentRevision()) {
                d.rearm(now, null);
            }
            n.contentPlanned();
            return n;
        });
    }

    /** Why a send failed: worth retrying, the relay's circuit is open, or it can never work (no address). */
    public enum Failure { TRANSIENT, CIRCUIT_OPEN, UNDELIVERABLE }

    /**
     * The send failed. An undeliverable message, an open circuit when another channel is allowed, and the
     * last attempt make the delivery DEAD (recorded and visible); then the next channel the person allows
     * takes over. Otherwise it is retried later with backoff and jitter. Returns the status recorded: DEAD or FAILED.
     */
    public String failed(Claim claim, String error, Failure failure) {
        String[] recorded = {"FAILED"};
        inbox.change(claim.notificationId(), n -> ownClaim(n, claim), n -> {
            Instant now = clock.instant();
            Delivery d = n.delivery(claim.channel()).orElseThrow();
            Optional<Channel> next = nextChannel(n, claim.channel());
            boolean last = failure == Failure.UNDELIVERABLE || (failure == Failure.CIRCUIT_OPEN && next.isPresent())
                    || d.attempts() + 1 >= maxAttempts;
            d.failed(now, error, last ? null : now.plus(backoff(d.attempts() + 1)));
            recorded[0] = last ? "DEAD" : "FAILED"; // a retried change runs again and sets it again
            n.record(DeliveryPlanner.status(n, claim.channel(), d.attempts(), last ? "DEAD" : "FAILED", error, now));
            if (last) {
                next.ifPresentOrElse(c -> {
                    n.add(Delivery.pending(c.name(), now, "FAILOVER"));
                    n.record(DeliveryPlanner.status(n, c.name(), 0, "DEFERRED", "failover from " + claim.channel(), now));
                }, () -> n.record(DeliveryPlanner.status(n, claim.channel(), -1, "DEAD", "no other channel allowed; the inbox still holds it", now)));
            }
            n.contentPlanned();
            return n;
        });
        return recorded[0];
    }

    private Optional<Channel> nextChannel(Notification n, String failedChannel) {
        List<Channel> fallbacks = new ArrayList<>(preferences.of(n.recipientId()).channelsFor(n.category()).stream()
                .filter(c -> c != Channel.IN_APP).toList());
        if (n.severity() == Severity.CRITICAL && !fallbacks.contains(Channel.EMAIL)) {
            fallbacks.add(Channel.EMAIL);
        }
        return fallbacks.stream().filter(c -> !c.name().equals(failedChannel) && n.delivery(c.name()).isEmpty()).findFirst();
    }

    /** Exponential backoff with full jitter, capped. */
    Duration backoff(int attempt) {
        long base = initialBackoff.toMillis() * (1L << Math.min(attempt - 1, 20));
        long capped = Math.min(base, maxBackoff.toMillis());
        return Duration.ofMillis(capped / 2 + java.util.concurrent.ThreadLocalRandom.current().nextLong(capped / 2 + 1));
    }

    private static boolean ownClaim(Notification n, Claim claim) {
        return n.delivery(claim.channel()).map(d -> d.status() == Delivery.Status.SENDING && d.claimedRevision() == claim.revision()).orElse(false);
    }
}
