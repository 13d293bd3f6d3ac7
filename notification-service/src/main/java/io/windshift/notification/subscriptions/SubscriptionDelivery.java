package io.windshift.notification.subscriptions;

import static io.windshift.notification.subscriptions.EventSubscription.instant;

import java.time.Instant;
import java.util.List;
import org.bson.Document;

/**
 * One event for one subscription ({@code _id} derived from the subscription and event ids, so an event redelivered by Kafka
 * queues nothing twice). PENDING until the receiver answers 2xx (DELIVERED) or the attempts run out or the address is
 * refused (DEAD); each attempt is recorded.
 */
public record SubscriptionDelivery(String id, String subscriptionId, String eventId, String eventType, String event, Status status,
                                   int attempts, Instant createdAt, Instant nextAttemptAt, Instant lastAttemptAt, Integer lastStatusCode,
                                   String lastError, Instant finishedAt, List<Attempt> history) {

    static final String COLLECTION = "subscription_deliveries";

    public enum Status { PENDING, DELIVERED, DEAD }

    /** One try: when, what the receiver answered (null when it could not be reached) and the error if it failed. */
    public record Attempt(Instant at, Integer statusCode, String error) {
        static Attempt of(Document d) {
            return new Attempt(instant(d, "at"), d.getInteger("statusCode"), d.getString("error"));
        }
    }

    /** Deterministic (a redelivered event maps to the same delivery) and safe in a URL path, whatever the event id holds. */
    static String idOf(String subscriptionId, String eventId) {
        return "dlv-" + java.util.UUID.nameUUIDFromBytes((subscriptionId + "|" + eventId).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    static SubscriptionDelivery of(Document d) {
        return new SubscriptionDelivery(d.getString("_id"), d.getString("subscriptionId"), d.getString("eventId"), d.getString("eventType"),
                d.getString("event"), Status.valueOf(d.getString("status")), d.getInteger("attempts", 0), instant(d, "createdAt"),
                instant(d, "nextAttemptAt"), instant(d, "lastAttemptAt"), d.getInteger("lastStatusCode"), d.getString("lastError"),
                instant(d, "finishedAt"), d.getList("history", Document.class, List.of()).stream().map(Attempt::of).toList());
    }
}
