package io.windshift.notification.subscriptions;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.PushOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import io.windshift.contract.CloudEvent;
import io.windshift.contract.EventJson;
import io.windshift.messaging.retention.RetentionTask;
import io.windshift.notification.subscriptions.SubscriptionDelivery.Status;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Service;

/**
 * The deliveries owed to subscriptions ({@code subscription_deliveries}). Queued by an idempotent upsert per
 * (subscription, event); claimed by moving {@code nextAttemptAt} one lease ahead under a compare-and-set on its old
 * value, so one instance sends at a time and a crashed sender's claim runs out; settled only by the claim's owner.
 * At least once: a receiver drops a repeat by the {@code X-Windshift-Delivery-Id} (stable across attempts) or the
 * CloudEvent id. Delivered and dead deliveries are kept {@code retention}, then trimmed.
 */
@Service
public class SubscriptionOutbox implements RetentionTask {

    /** Attempts kept per delivery. */
    private static final int HISTORY = 10;
    private static final int TRIM_BATCH = 1000;

    private final MongoTemplate mongo;
    private final EventSubscriptions subscriptions;
    private final Clock clock;
    private final SubscriptionProperties properties;

    SubscriptionOutbox(MongoTemplate mongo, EventSubscriptions subscriptions, Clock clock, SubscriptionProperties properties) {
        this.mongo = mongo;
        this.subscriptions = subscriptions;
        this.clock = clock;
        this.properties = properties;
    }

    /** A delivery this instance holds until {@code until}. */
    public record Claim(SubscriptionDelivery delivery, String instance) {
    }

    /** Queues each event for every subscription that wants it; an event queued before queues nothing. Returns how many were new. */
    public int enqueue(List<CloudEvent> events) {
        Date now = Date.from(clock.instant());
        List<WriteModel<Document>> upserts = new ArrayList<>();
        List<EventSubscription> all = subscriptions.all();
        for (CloudEvent event : events) {
            String json = null;
            for (EventSubscription subscription : all.stream().filter(s -> s.wants(event)).toList()) {
                json = json == null ? EventJson.write(event) : json;
                upserts.add(new UpdateOneModel<>(Filters.eq("_id", SubscriptionDelivery.idOf(subscription.id(), event.id())), Updates.combine(
                        Updates.setOnInsert("subscriptionId", subscription.id()), Updates.setOnInsert("eventId", event.id()),
                        Updates.setOnInsert("eventType", event.type()), Updates.setOnInsert("event", json),
                        Updates.setOnInsert("status", Status.PENDING.name()), Updates.setOnInsert("attempts", 0),
                        Updates.setOnInsert("createdAt", now), Updates.setOnInsert("nextAttemptAt", now)), new UpdateOptions().upsert(true)));
            }
        }
        return upserts.isEmpty() ? 0 : deliveries().bulkWrite(upserts).getUpserts().size();
    }

    /** Claims up to {@code limit} due deliveries for {@code instance}, oldest due first. */
    public List<Claim> claimDue(String instance, int limit) {
        Instant now = clock.instant();
        Date leaseEnd = Date.from(now.plus(properties.lease()));
        List<Claim> claims = new ArrayList<>();
        List<Document> due = deliveries().find(Filters.and(Filters.eq("status", Status.PENDING.name()), Filters.lte("nextAttemptAt", Date.from(now))))
                .sort(Sorts.ascending("nextAttemptAt")).limit(limit).into(new ArrayList<>());
        for (Document candidate : due) {
            Document claimed = deliveries().findOneAndUpdate(
                    Filters.and(Filters.eq("_id", candidate.getString("_id")), Filters.eq("status", Status.PENDING.name()),
                            Filters.eq("nextAttemptAt", candidate.getDate("nextAttemptAt"))),
                    Updates.combine(Updates.set("nextAttemptAt", leaseEnd), Updates.set("claimedBy", instance)),
                    new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
            if (claimed != null) {
                claims.add(new Claim(SubscriptionDelivery.of(claimed), instance));
            }
        }
        return claims;
    }

    /** The receiver took it. False if the claim was lost meanwhile (its lease ran out and another instance took it). */
    public boolean delivered(Claim claim, int statusCode) {
        Instant now = clock.instant();
        boolean settled = settle(claim, Updates.combine(Updates.set("status", Status.DELIVERED.name()), Updates.unset("nextAttemptAt"),
                Updates.set("finishedAt", Date.from(now)), Updates.set("lastStatusCode", statusCode), Updates.unset("lastError")), now, statusCode, null);
        if (settled) {
            subscriptions.delivered(claim.delivery().subscriptionId(), now);
        }
        return settled;
    }

    /**
     * The attempt failed: retried after an exponential backoff with jitter, or DEAD when {@code final} (the address is
     * refused, the subscription is gone) or the attempts are used up. Returns the status it is left in.
     */
    public Status failed(Claim claim, Integer statusCode, String error, boolean isFinal) {
        Instant now = clock.instant();
        int attempts = claim.delivery().attempts() + 1;
        boolean dead = isFinal || attempts >= properties.maxAttempts();
        Bson next = dead
                ? Updates.combine(Updates.set("status", Status.DEAD.name()), Updates.unset("nextAttemptAt"), Updates.set("finishedAt", Date.from(now)))
                : Updates.set("nextAttemptAt", Date.from(now.plus(backoff(attempts))));
        Bson outcome = statusCode == null ? Updates.unset("lastStatusCode") : Updates.set("lastStatusCode", statusCode);
        boolean settled = settle(claim, Updates.combine(next, outcome, Updates.set("lastError", error)), now, statusCode, error);
        if (settled) {
            subscriptions.failed(claim.delivery().subscriptionId(), now, error, dead);
        }
        return dead ? Status.DEAD : Status.PENDING;
    }

    /** Sends a DEAD delivery again, from its first attempt (the integrator fixed their endpoint). Empty if it is not dead. */
    public Optional<SubscriptionDelivery> redeliver(String subscriptionId, String deliveryId) {
        Document revived = deliveries().findOneAndUpdate(
                Filters.and(Filters.eq("_id", deliveryId), Filters.eq("subscriptionId", subscriptionId), Filters.eq("status", Status.DEAD.name())),
                Updates.combine(Updates.set("status", Status.PENDING.name()), Updates.set("attempts", 0),
                        Updates.set("nextAttemptAt", Date.from(clock.instant())), Updates.unset("finishedAt")),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
        return Optional.ofNullable(revived).map(SubscriptionDelivery::of);
    }

    public Optional<SubscriptionDelivery> find(String subscriptionId, String deliveryId) {
        return Optional.ofNullable(deliveries().find(Filters.eq("_id", deliveryId)).first()).map(SubscriptionDelivery::of)
                .filter(d -> d.subscriptionId().equals(subscriptionId));
    }

    /** One subscription's deliveries, newest first, optionally of one status. */
    public List<SubscriptionDelivery> page(String subscriptionId, Status status, int page, int size) {
        return deliveries().find(filter(subscriptionId, status)).sort(Sorts.descending("createdAt")).skip(page * size).limit(size)
                .map(SubscriptionDelivery::of).into(new ArrayList<>());
    }

    public long count(String subscriptionId, Status status) {
        return deliveries().countDocuments(filter(subscriptionId, status));
    }

    @Override
    public String name() {
        return "subscription-deliveries";
    }

    @Override
    public long trim(Instant now) {
        List<Object> expired = deliveries().find(Filters.lt("finishedAt", Date.from(now.minus(properties.retention()))))
                .projection(new Document("_id", 1)).limit(TRIM_BATCH).map(d -> d.get("_id")).into(new ArrayList<>());
        return expired.isEmpty() ? 0 : deliveries().deleteMany(Filters.in("_id", expired)).getDeletedCount();
    }

    /** Exponential from {@code initialBackoff}, capped at {@code maxBackoff}, with jitter over its upper half. */
    Duration backoff(int attempt) {
        long base = properties.initialBackoff().toMillis() * (1L << Math.min(attempt - 1, 20));
        long capped = Math.min(base, properties.maxBackoff().toMillis());
        return Duration.ofMillis(capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1));
    }

    private boolean settle(Claim claim, Bson outcome, Instant now, Integer statusCode, String error) {
        Document attempt = new Document("at", Date.from(now)).append("statusCode", statusCode).append("error", error);
        return deliveries().updateOne(
                Filters.and(Filters.eq("_id", claim.delivery().id()), Filters.eq("status", Status.PENDING.name()),
                        Filters.eq("claimedBy", claim.instance()), Filters.eq("nextAttemptAt", Date.from(claim.delivery().nextAttemptAt()))),
                Updates.combine(outcome, Updates.inc("attempts", 1), Updates.set("lastAttemptAt", Date.from(now)), Updates.unset("claimedBy"),
                        Updates.pushEach("history", List.of(attempt), new PushOptions().slice(-HISTORY)))).getModifiedCount() > 0;
    }

    private static Bson filter(String subscriptionId, Status status) {
        return status == null ? Filters.eq("subscriptionId", subscriptionId)
                : Filters.and(Filters.eq("subscriptionId", subscriptionId), Filters.eq("status", status.name()));
    }

    private MongoCollection<Document> deliveries() {
        return mongo.getCollection(SubscriptionDelivery.COLLECTION);
    }
}
