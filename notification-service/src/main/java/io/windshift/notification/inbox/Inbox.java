package io.windshift.notification.inbox;

import io.micrometer.core.instrument.MeterRegistry;
import io.windshift.contract.EventIds;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/** The in-app inbox: stores notices as grouped notifications and answers a person's inbox questions. */
@Service
public class Inbox {

    private static final Logger log = LoggerFactory.getLogger(Inbox.class);
    private static final int MAX_ATTEMPTS = 10;

    private final MongoTemplate mongo;
    private final Clock clock;
    private final MeterRegistry meters;

    Inbox(MongoTemplate mongo, Clock clock, MeterRegistry meters) {
        this.mongo = mongo;
        this.clock = clock;
        this.meters = meters;
    }

    /** The notification id is derived from trigger and recipient: one per person per change, whoever stores it. */
    public static String notificationId(String triggerEventId, String recipientId) {
        return EventIds.derived("notification", triggerEventId, recipientId);
    }

    public void deliver(Notice notice) {
        String id = notificationId(notice.triggerEventId(), notice.recipientId());
        for (int attempt = 1; ; attempt++) {
            try {
                Notification existing = mongo.findById(id, Notification.class);
                if (existing == null) {
                    mongo.insert(Notification.first(id, notice, clock.instant()));
                    meters.counter("windshift.notifications.stored", "outcome", "created").increment();
                } else if (existing.alreadyHas(notice)) {
                    meters.counter("windshift.notifications.stored", "outcome", "duplicate").increment();
                } else {
                    existing.merge(notice, clock.instant());
                    mongo.save(existing);
                    meters.counter("windshift.notifications.stored", "outcome", "grouped").increment();
                }
                log.info("Notification {} for {} from {}", id, notice.recipientId(), notice.contributingEventId());
                return;
            } catch (DuplicateKeyException | OptimisticLockingFailureException e) {
                if (attempt >= MAX_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    /** A person's notifications, newest first. */
    public List<Notification> page(String recipientId, int page, int size) {
        Query query = new Query(Criteria.where("recipientId").is(recipientId))
                .with(Sort.by(Sort.Direction.DESC, "createdAt").and(Sort.by("_id")))
                .skip((long) page * size).limit(size);
        return mongo.find(query, Notification.class);
    }

    public long count(String recipientId) {
        return mongo.count(new Query(Criteria.where("recipientId").is(recipientId)), Notification.class);
    }

    public long unread(String recipientId) {
        return mongo.count(new Query(Criteria.where("recipientId").is(recipientId).and("readAt").is(null)), Notification.class);
    }

    /** Marks one of the caller's own notifications read; someone else's is "not found". */
    public Optional<Notification> markRead(String recipientId, String notificationId) {
        for (int attempt = 1; ; attempt++) {
            Notification notification = mongo.findById(notificationId, Notification.class);
            if (notification == null || !notification.recipientId().equals(recipientId)) {
                return Optional.empty();
            }
            notification.markRead(clock.instant());
            try {
                return Optional.of(mongo.save(notification));
            } catch (OptimisticLockingFailureException e) {
                if (attempt >= MAX_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }
}
