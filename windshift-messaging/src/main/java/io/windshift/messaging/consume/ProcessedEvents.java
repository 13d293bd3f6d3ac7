package io.windshift.messaging.consume;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import java.time.Clock;
import java.util.Date;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * The ids of events a consumer has applied, one document each with {@code _id = consumer|eventId}: a
 * lookup by {@code _id} is cheap on every Mongo-wire store, and the unique {@code _id} settles races
 * between two instances.
 */
public class ProcessedEvents {

    static final String COLLECTION = "processed_events";

    private final MongoTemplate mongo;
    private final Clock clock;

    public ProcessedEvents(MongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    public boolean contains(String consumer, String eventId) {
        return collection().find(Filters.eq("_id", key(consumer, eventId))).first() != null;
    }

    /** Records the event as applied; returns false if it already was. */
    public boolean record(String consumer, String eventId, String type) {
        try {
            collection().insertOne(new Document("_id", key(consumer, eventId))
                    .append("type", type)
                    .append("processedAt", Date.from(clock.instant())));
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
    }

    private MongoCollection<Document> collection() {
        return mongo.getCollection(COLLECTION);
    }

    private static String key(String consumer, String eventId) {
        return consumer + "|" + eventId;
    }
}
