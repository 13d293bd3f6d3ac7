package io.windshift.notification.inbox.internal;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import io.windshift.contract.CloudEvent;
import io.windshift.contract.EventJson;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Obligation events that arrived before the alliance's registration reached this service's projection
 * (the two topics are consumed independently). They are kept here and notified again once the team is
 * known, so the finance lead and the team are not left out; notification ids are per (trigger, recipient),
 * so the people already told are not told twice.
 */
@Component
class AwaitingTeam {

    private static final String COLLECTION = "awaiting_team";

    private final MongoTemplate mongo;

    AwaitingTeam(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    void keep(String allianceId, CloudEvent event) {
        mongo.getCollection(COLLECTION).replaceOne(Filters.eq("_id", event.id()),
                new Document("_id", event.id()).append("allianceId", allianceId).append("event", EventJson.write(event)),
                new ReplaceOptions().upsert(true));
    }

    void forget(String eventId) {
        mongo.getCollection(COLLECTION).deleteOne(Filters.eq("_id", eventId));
    }

    /** Hands every kept event of the alliance to {@code notify}, then forgets it. */
    void release(String allianceId, Consumer<CloudEvent> notify) {
        List<Document> kept = mongo.getCollection(COLLECTION).find(Filters.eq("allianceId", allianceId)).into(new ArrayList<>());
        for (Document doc : kept) {
            notify.accept(EventJson.read(doc.getString("event")));
            mongo.getCollection(COLLECTION).deleteOne(Filters.eq("_id", doc.getString("_id")));
        }
    }
}
