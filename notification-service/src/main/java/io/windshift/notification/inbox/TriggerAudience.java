package io.windshift.notification.inbox;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Who holds a notification for a trigger that concerns an alliance: one small document per (trigger,
 * alliance), {@code _id} = {@code <triggerEventId>|<allianceId>}, listing recipients. It is the audience that
 * progress on that alliance's impact is folded into, read by {@code _id} (cheap on every Mongo-wire store).
 * A recipient is added before their notification is first stored for that alliance, so a crash in between
 * leaves a name without a notification (a quiet notice creates nothing), never a notification without a name.
 */
@Component
class TriggerAudience {

    static final String COLLECTION = "trigger_audience";

    private final MongoTemplate mongo;

    TriggerAudience(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    static String key(String triggerEventId, String allianceId) {
        return triggerEventId + "|" + allianceId;
    }

    void add(String triggerEventId, String allianceId, Collection<String> recipients) {
        mongo.getCollection(COLLECTION).updateOne(Filters.eq("_id", key(triggerEventId, allianceId)),
                Updates.combine(Updates.setOnInsert("triggerEventId", triggerEventId), Updates.setOnInsert("allianceId", allianceId),
                        Updates.addEachToSet("recipients", new ArrayList<>(recipients))),
                new UpdateOptions().upsert(true));
    }

    /** The recipients recorded for (trigger, alliance), or empty when nothing was ever recorded for it. */
    @SuppressWarnings("unchecked")
    Optional<List<String>> of(String triggerEventId, String allianceId) {
        Document doc = mongo.getCollection(COLLECTION).find(Filters.eq("_id", key(triggerEventId, allianceId))).first();
        if (doc == null) {
            return Optional.empty();
        }
        List<String> recipients = (List<String>) doc.get("recipients", List.class);
        return Optional.of(recipients == null ? List.of() : List.copyOf(recipients));
    }
}
