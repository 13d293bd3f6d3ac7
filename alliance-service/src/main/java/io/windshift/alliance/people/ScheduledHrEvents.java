package io.windshift.alliance.people;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.windshift.contract.CloudEvent;
import io.windshift.contract.EventJson;
import io.windshift.contract.Topics;
import io.windshift.messaging.publish.EventPublisher;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
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
 */
@Service
public class ScheduledHrEvents {

    private static final Logger log = LoggerFactory.getLogger(ScheduledHrEvents.class);
    static final String COLLECTION = "scheduled_hr_events";
    private static final Duration LEASE = Duration.ofMinutes(2);

    public enum Status { SCHEDULED, RELEASED, RESCINDED }

    private final MongoTemplate mongo;
    private final EventPublisher publisher;
    private final Clock clock;
    private final String instance = UUID.randomUUID().toString();

    ScheduledHrEvents(MongoTemplate mongo, EventPublisher publisher, Clock clock) {
        this.mongo = mongo;
        this.publisher = publisher;
        this.clock = clock;
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
                Updates.set("status", Status.RESCINDED.name())).getModifiedCount() > 0;
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
                    Updates.combine(Updates.set("status", Status.RELEASED.name()), Updates.set("releasedAt", Date.from(clock.instant()))));
            log.info("Released HR event {} ({}) effective {}", id, event.type(), claimed.getString("dueOn"));
            released++;
        }
        return released;
    }
}
