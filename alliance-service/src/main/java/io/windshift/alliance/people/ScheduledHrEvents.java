package io.windshift.alliance.people;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.windshift.contract.CloudEvent;
import io.windshift.contract.EventJson;
import io.windshift.contract.Topics;
import io.windshift.messaging.publish.EventPublisher;
import io.windshift.messaging.retention.RetentionTask;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * HR events dated in the future wait here and go onto the HR topic on their effective date, so every
 * consumer applies an HR event when it takes effect. Several instances may run: each due event is claimed
 * with a conditional update (lease) before it is published; if an instance dies after publishing but before
 * marking it released, the lease runs out and it is published again under the same id, which consumers
 * apply once.
 *
 * <p>Released and rescinded events are kept for {@code windshift.alliance.hr.released-retention} (default
 * 30 days: past the topic's retention and the consumers' processed-id ledger, so a client re-posting the same
 * id in that time is still recognised here), then deleted: on MongoDB by a TTL index on {@code expireAt}; on
 * the embedded store, which ignores TTL indexes, by {@link #trim}, which the shared retention sweeper runs
 * hourly on one instance.
 */
@Service
public class ScheduledHrEvents implements RetentionTask {

    private static final Logger log = LoggerFactory.getLogger(ScheduledHrEvents.class);
    static final String COLLECTION = "scheduled_hr_events";
    private static final Duration LEASE = Duration.ofMinutes(2);
    /** Deletes per trim: bounded work per run, the rest goes next hour. */
    static final int TRIM_BATCH = 1000;

    public enum Status { SCHEDULED, RELEASED, RESCINDED }

    private final MongoTemplate mongo;
    private final EventPublisher publisher;
    private final Clock clock;
    private final Duration retention;
    private final String instance = UUID.randomUUID().toString();

    ScheduledHrEvents(MongoTemplate mongo, EventPublisher publisher, Clock clock,
                      @Value("${windshift.alliance.hr.released-retention:P30D}") Duration retention) {
        this.mongo = mongo;
        this.publisher = publisher;
        this.clock = clock;
        this.retention = retention;
        // MongoDB deletes a document once its expireAt has passed; the embedded store keeps it and trim() deletes it.
        mongo.getCollection(COLLECTION).createIndex(Indexes.ascending("expireAt"), new IndexOptions().expireAfter(0L, TimeUnit.SECONDS));
    }

    /** Holds an event until {@code effectiveDate}; the same id twice is held once. */
    void hold(CloudEvent event, String key, LocalDate effectiveDate) {
        mongo.getCollection(COLLECTION).updateOne(Filters.eq("_id", event.id()), Updates.combine(
                Updates.setOnInsert("dueOn", effectiveDate.toString()),
                Updates.setOnInsert("key", key),
                Updates.setOnInsert("type", event.type()),
                Updates.setOnInsert("event", EventJson.write(event)),
                Updates.setOnInsert("status", Status.SCHEDULED.name()),
                Updates.setOnInsert("claimUntil", new Date(0))), new UpdateOptions().upsert(true));
    }

    /** A rescind that arrives before the effective date: the event never takes effect. */
    boolean cancel(String eventId) {
        return mongo.getCollection(COLLECTION).updateOne(Filters.and(Filters.eq("_id", eventId), Filters.eq("status", Status.SCHEDULED.name())),
                Updates.combine(Updates.set("status", Status.RESCINDED.name()), Updates.set("rescindedAt", Date.from(clock.instant())),
                        Updates.set("expireAt", Date.from(clock.instant().plus(retention))))).getModifiedCount() > 0;
    }

    public Status statusOf(String eventId) {
        Document doc = mongo.getCollection(COLLECTION).find(Filters.eq("_id", eventId)).first();
        return doc == null ? null : Status.valueOf(doc.getString("status"));
    }

    /** Publishes every held event whose effective date has come; returns how many this instance published. */
    @Scheduled(fixedDelayString = "${windshift.alliance.hr.release-interval:30s}", initialDelayString = "${windshift.alliance.hr.release-interval:30s}")
    public int releaseDue() {
        String today = LocalDate.now(clock).toString();
        List<String> due = new ArrayList<>();
        mongo.getCollection(COLLECTION).find(Filters.eq("status", Status.SCHEDULED.name()))
                .forEach(doc -> {
                    if (doc.getString("dueOn").compareTo(today) <= 0) {
                        due.add(doc.getString("_id"));
                    }
                });
        int released = 0;
        for (String id : due) {
            Instant now = clock.instant();
            Document claimed = mongo.getCollection(COLLECTION).findOneAndUpdate(
                    Filters.and(Filters.eq("_id", id), Filters.eq("status", Status.SCHEDULED.name()), Filters.lt("claimUntil", Date.from(now))),
                    Updates.combine(Updates.set("claimUntil", Date.from(now.plus(LEASE))), Updates.set("claimedBy", instance)),
                    new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
            if (claimed == null) {
                continue;
            }
            CloudEvent event = EventJson.read(claimed.getString("event"));
            publisher.publish(Topics.HR, claimed.getString("key"), event);
            mongo.getCollection(COLLECTION).updateOne(Filters.and(Filters.eq("_id", id), Filters.eq("claimedBy", instance)),
                    Updates.combine(Updates.set("status", Status.RELEASED.name()), Updates.set("releasedAt", Date.from(clock.instant())),
                            Updates.set("expireAt", Date.from(clock.instant().plus(retention)))));
            log.info("Released HR event {} ({}) effective {}", id, event.type(), claimed.getString("dueOn"));
            released++;
        }
        return released;
    }

    @Override
    public String name() {
        return COLLECTION;
    }

    /**
     * Deletes up to {@link #TRIM_BATCH} released or rescinded events past retention, each by {@code _id}. Finding
     * them reads the collection as {@link #releaseDue} does every few seconds; retention is what keeps it small.
     * Events from before {@code expireAt} existed count from their release (a rescind: from their due date).
     */
    @Override
    public long trim(Instant now) {
        List<String> expired = new ArrayList<>();
        for (Document doc : mongo.getCollection(COLLECTION)
                .find(Filters.in("status", Status.RELEASED.name(), Status.RESCINDED.name()))
                .projection(Projections.include("expireAt", "releasedAt", "dueOn"))) {
            if (expired.size() < TRIM_BATCH && !expiryOf(doc).isAfter(now)) {
                expired.add(doc.getString("_id"));
            }
        }
        long deleted = 0;
        for (String id : expired) {
            deleted += mongo.getCollection(COLLECTION).deleteOne(Filters.eq("_id", id)).getDeletedCount();
        }
        return deleted;
    }

    private Instant expiryOf(Document doc) {
        if (doc.getDate("expireAt") != null) {
            return doc.getDate("expireAt").toInstant();
        }
        if (doc.getDate("releasedAt") != null) {
            return doc.getDate("releasedAt").toInstant().plus(retention);
        }
        return LocalDate.parse(doc.getString("dueOn")).atStartOfDay(ZoneOffset.UTC).toInstant().plus(retention);
    }
}
