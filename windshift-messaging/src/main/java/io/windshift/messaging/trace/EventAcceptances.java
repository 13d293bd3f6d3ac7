package io.windshift.messaging.trace;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.windshift.contract.CloudEvent;
import io.windshift.messaging.retention.RetentionTask;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * When an intake accepted a posted event, and for which client: the first line of the event's trace. One document
 * per event id ({@code _id}), written after the request's events are published; a repeated post keeps the first
 * acceptance and counts the repeat. Written best effort: a store hiccup here must not refuse events that are
 * already on the broker, so the trace may then lack its first line (logged).
 */
public class EventAcceptances implements RetentionTask {

    private static final Logger log = LoggerFactory.getLogger(EventAcceptances.class);
    static final String COLLECTION = "event_acceptances";

    private final MongoTemplate mongo;
    private final Clock clock;
    private final String service;
    private final Duration retention;

    public EventAcceptances(MongoTemplate mongo, Clock clock, String service, Duration retention) {
        this.mongo = mongo;
        this.clock = clock;
        this.service = service;
        this.retention = retention;
    }

    /** One accepted event: what it was, who posted it, when, and which service took it in. */
    public record Acceptance(String eventId, String type, String source, String clientId, Instant acceptedAt, String service, int postings) {
    }

    /** Records the events one client posted in one request (all of them were published). */
    public void accepted(List<CloudEvent> events, String clientId) {
        if (events.isEmpty()) {
            return;
        }
        Date now = Date.from(clock.instant());
        List<UpdateOneModel<Document>> writes = new ArrayList<>();
        for (CloudEvent event : events) {
            writes.add(new UpdateOneModel<>(Filters.eq("_id", event.id()), Updates.combine(
                    Updates.setOnInsert("type", event.type()), Updates.setOnInsert("source", event.source()),
                    Updates.setOnInsert("clientId", clientId), Updates.setOnInsert("acceptedAt", now),
                    Updates.setOnInsert("service", service), Updates.inc("postings", 1)), new UpdateOptions().upsert(true)));
        }
        try {
            mongo.getCollection(COLLECTION).bulkWrite(writes, new com.mongodb.client.model.BulkWriteOptions().ordered(false));
        } catch (RuntimeException e) {
            log.warn("{} accepted event(s) published but not recorded for their trace: {}", events.size(), e.toString());
        }
    }

    public Optional<Acceptance> find(String eventId) {
        Document d = mongo.getCollection(COLLECTION).find(Filters.eq("_id", eventId)).first();
        if (d == null) {
            return Optional.empty();
        }
        return Optional.of(new Acceptance(eventId, d.getString("type"), d.getString("source"), d.getString("clientId"),
                d.getDate("acceptedAt").toInstant(), d.getString("service"), d.getInteger("postings", 1)));
    }

    @Override
    public String name() {
        return COLLECTION;
    }

    /** Kept as long as the processed-event ids a trace reads beside it. */
    @Override
    public long trim(Instant now) {
        return mongo.getCollection(COLLECTION).deleteMany(Filters.lt("acceptedAt", Date.from(now.minus(retention)))).getDeletedCount();
    }
}
