package io.windshift.notification.inbox;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import io.windshift.messaging.store.Shards;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Who was told about one trigger, on which channel, with which delivery status: {@value #SHARDS} documents per
 * trigger ({@link Shards}: {@code _id} = the trigger event id and a shard), with one entry per notification (recipient,
 * alliances, in-app state and each outbound delivery). Written every time a notification of the trigger is saved
 * (created, grouped, claimed, sent, failed, read), right after the save, so reading "who was told" is one {@code $in}
 * by {@code _id} however many notifications the trigger made, and a write copies a shard, not the whole trigger's list.
 * A crash between the two writes leaves the entry one step behind until the notification's next change.
 */
@Component
public class TriggerDeliveries {

    static final String COLLECTION = "trigger_deliveries";
    static final int SHARDS = 32;

    private final MongoTemplate mongo;

    TriggerDeliveries(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** One outbound channel (or the in-app inbox) of one recipient. */
    public record ChannelStatus(String channel, String status, int attempts, Instant at) {
    }

    /** One recipient's notification about the trigger. */
    public record Told(String notificationId, String recipientId, List<String> allianceIds, List<ChannelStatus> channels) {
    }

    void record(Notification n) {
        if (n.sourceEventId() == null) {
            return;
        }
        List<Document> channels = new ArrayList<>();
        channels.add(new Document("channel", "IN_APP").append("status", n.readAt() != null ? "READ" : "DELIVERED").append("attempts", 1)
                .append("at", Date.from(n.readAt() != null ? n.readAt() : n.createdAt())));
        for (Delivery d : n.deliveries()) {
            Instant at = d.lastAttemptAt() != null ? d.lastAttemptAt() : d.dueAt();
            channels.add(new Document("channel", d.channel()).append("status", d.status().name()).append("attempts", d.attempts())
                    .append("at", at == null ? null : Date.from(at)));
        }
        Document entry = new Document("notificationId", n.id()).append("recipientId", n.recipientId())
                .append("allianceIds", List.copyOf(n.allianceIds())).append("channels", channels);
        mongo.getCollection(COLLECTION).updateOne(Filters.eq("_id", Shards.of(n.sourceEventId(), n.id(), SHARDS)),
                Updates.set("told." + fieldName(n.id()), entry), new UpdateOptions().upsert(true));
    }

    /** Everyone told about the trigger, in no particular order; empty when nobody was. */
    public Optional<List<Told>> of(String triggerEventId) {
        List<Document> docs = new ArrayList<>();
        // Recorded before the entries were sharded: one document under the trigger id itself, read first so that a
        // notification recorded again since then is taken from its shard.
        Optional.ofNullable(mongo.getCollection(COLLECTION).find(Filters.eq("_id", triggerEventId)).first()).ifPresent(docs::add);
        mongo.getCollection(COLLECTION).find(Filters.in("_id", Shards.all(triggerEventId, SHARDS))).into(docs);
        Map<String, Told> told = new java.util.LinkedHashMap<>();
        for (Document doc : docs) {
            if (!(doc.get("told") instanceof Document entries)) {
                continue;
            }
            for (Object value : entries.values()) {
                Document entry = (Document) value;
                List<ChannelStatus> channels = entry.getList("channels", Document.class, List.of()).stream()
                        .map(c -> new ChannelStatus(c.getString("channel"), c.getString("status"), c.getInteger("attempts", 0),
                                c.getDate("at") == null ? null : c.getDate("at").toInstant()))
                        .toList();
                told.put(entry.getString("notificationId"), new Told(entry.getString("notificationId"), entry.getString("recipientId"),
                        entry.getList("allianceIds", String.class, List.of()), channels));
            }
        }
        return told.isEmpty() ? Optional.empty() : Optional.of(new ArrayList<>(told.values()));
    }

    /** A field name Mongo accepts: no '.', no leading '$'. */
    static String fieldName(String id) {
        return id.replace('.', '_').replace('$', '_');
    }
}
