package io.windshift.notification.subscriptions;

import io.windshift.contract.CloudEvent;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bson.Document;

/**
 * An integrator's subscription: where to POST which Windshift events (as CloudEvents over HTTP, signed with the
 * subscription's own secret), optionally only those of some alliances, and how its deliveries are going.
 *
 * @param ownerId   the token subject that created it (an integration client or an admin); only they and admins see it
 * @param types     CloudEvent types, from {@link SubscribableEvents}
 * @param allianceIds empty: every alliance
 */
public record EventSubscription(String id, String ownerId, String url, List<String> types, List<String> allianceIds, String description,
                                Instant createdAt, long delivered, long dead, Instant lastDeliveredAt, Instant lastFailedAt,
                                String lastError) {

    static final String COLLECTION = "event_subscriptions";

    public boolean wants(CloudEvent event) {
        if (!types.contains(event.type())) {
            return false;
        }
        return allianceIds.isEmpty() || allianceIds.contains(SubscribableEvents.allianceOf(event));
    }

    Document toDocument() {
        return new Document("_id", id).append("ownerId", ownerId).append("url", url).append("types", types)
                .append("allianceIds", allianceIds).append("description", description).append("createdAt", Date.from(createdAt))
                .append("delivered", delivered).append("dead", dead);
    }

    static EventSubscription of(Document d) {
        return new EventSubscription(d.getString("_id"), d.getString("ownerId"), d.getString("url"), d.getList("types", String.class),
                d.getList("allianceIds", String.class, List.of()), d.getString("description"), instant(d, "createdAt"),
                number(d, "delivered"), number(d, "dead"), instant(d, "lastDeliveredAt"), instant(d, "lastFailedAt"), d.getString("lastError"));
    }

    static Instant instant(Document d, String field) {
        Date date = d.getDate(field);
        return date == null ? null : date.toInstant();
    }

    static long number(Document d, String field) {
        Number n = d.get(field, Number.class);
        return n == null ? 0 : n.longValue();
    }
}
