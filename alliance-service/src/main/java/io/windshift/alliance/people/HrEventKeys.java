package io.windshift.alliance.people;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/** The record key each accepted HR event travelled under, so its rescind can follow on the same partition. */
@Component
class HrEventKeys {

    private static final String COLLECTION = "hr_event_keys";

    private final MongoTemplate mongo;

    HrEventKeys(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    void remember(Map<String, String> keyByEventId) {
        keyByEventId.forEach((id, key) -> mongo.getCollection(COLLECTION).replaceOne(Filters.eq("_id", id),
                new Document("_id", id).append("key", key), new ReplaceOptions().upsert(true)));
    }

    Optional<String> keyOf(String eventId) {
        return Optional.ofNullable(mongo.getCollection(COLLECTION).find(Filters.eq("_id", eventId)).first()).map(d -> d.getString("key"));
    }
}
