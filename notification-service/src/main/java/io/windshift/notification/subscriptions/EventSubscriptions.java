package io.windshift.notification.subscriptions;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.windshift.notification.webhooks.WebhookSecrets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.bson.Document;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Service;

/**
 * The subscriptions ({@code event_subscriptions}, keyed by id), their signing secrets (kept by {@link WebhookSecrets}
 * under the subscription id, shown once, rotatable with an overlap) and their delivery counters. The consumer reads
 * them all ({@link #all}, a small collection) once per poll, so a subscription made on any instance before an event
 * is consumed receives it.
 */
@Service
@EnableConfigurationProperties(SubscriptionProperties.class)
public class EventSubscriptions {

    private final MongoTemplate mongo;
    private final WebhookSecrets secrets;
    private final Clock clock;
    private final SubscriptionProperties properties;
    EventSubscriptions(MongoTemplate mongo, WebhookSecrets secrets, Clock clock, SubscriptionProperties properties) {
        this.mongo = mongo;
        this.secrets = secrets;
        this.clock = clock;
        this.properties = properties;
    }

    /** A new subscription and its signing secret, which is shown this once. */
    public record Created(EventSubscription subscription, String secret) {
    }

    /** Thrown when the owner already holds {@code maxPerOwner} subscriptions. */
    public static final class TooMany extends RuntimeException {
        TooMany(int limit) {
            super("at most " + limit + " subscriptions per client; remove one first");
        }
    }

    public Created create(String ownerId, String url, List<String> types, List<String> allianceIds, String description) {
        if (collection().countDocuments(Filters.eq("ownerId", ownerId)) >= properties.maxPerOwner()) {
            throw new TooMany(properties.maxPerOwner());
        }
        EventSubscription subscription = new EventSubscription("sub-" + UUID.randomUUID(), ownerId, url, List.copyOf(types),
                allianceIds == null ? List.of() : List.copyOf(allianceIds), description, clock.instant(), 0, 0, null, null, null);
        String secret = secrets.issue(subscription.id()).orElseThrow();
        collection().insertOne(subscription.toDocument());
        return new Created(subscription, secret);
    }

    public Optional<EventSubscription> find(String id) {
        return Optional.ofNullable(collection().find(Filters.eq("_id", id)).first()).map(EventSubscription::of);
    }

    /** Everyone's (for admins) or one owner's, oldest first. */
    public List<EventSubscription> list(String ownerIdOrNull) {
        List<EventSubscription> found = new ArrayList<>();
        collection().find(ownerIdOrNull == null ? new Document() : Filters.eq("ownerId", ownerIdOrNull)).sort(Sorts.ascending("createdAt"))
                .forEach(d -> found.add(EventSubscription.of(d)));
        return found;
    }

    /** Removes the subscription and its secret; deliveries still queued for it end DEAD when their turn comes. */
    public boolean remove(String id) {
        boolean removed = collection().deleteOne(Filters.eq("_id", id)).getDeletedCount() > 0;
        secrets.forget(id);
        return removed;
    }

    public WebhookSecrets.Rotated rotateSecret(String id) {
        return secrets.rotate(id);
    }

    public List<String> signingSecrets(String id) {
        return secrets.signingSecrets(id);
    }

    /** Every subscription, as the store holds it now. */
    public List<EventSubscription> all() {
        return list(null);
    }

    void delivered(String id, Instant at) {
        collection().updateOne(Filters.eq("_id", id), Updates.combine(Updates.inc("delivered", 1), Updates.set("lastDeliveredAt", Date.from(at))));
    }

    void failed(String id, Instant at, String error, boolean dead) {
        collection().updateOne(Filters.eq("_id", id), Updates.combine(Updates.inc("dead", dead ? 1 : 0),
                Updates.set("lastFailedAt", Date.from(at)), Updates.set("lastError", error)));
    }

    private MongoCollection<Document> collection() {
        return mongo.getCollection(EventSubscription.COLLECTION);
    }
}
