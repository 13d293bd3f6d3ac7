package io.windshift.notification.inbox;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import io.micrometer.core.instrument.MeterRegistry;
import io.windshift.contract.EventIds;
import io.windshift.messaging.outbox.Outbox;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.index.IndexOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/**
 * The in-app inbox: stores notices as grouped notifications (one per trigger and recipient, whichever
 * instance stores it: the id is derived and writes are version-checked) and answers a person's inbox questions.
 */
@Service
public class Inbox {

    private static final Logger log = LoggerFactory.getLogger(Inbox.class);
    static final int MAX_ATTEMPTS = 20;

    private final MongoTemplate mongo;
    private final Outbox outbox;
    private final DeliveryPlanner planner;
    private final Clock clock;
    private final MeterRegistry meters;
    private final ApplicationEventPublisher events;
    private final TriggerAudience audience;
    private final TriggerDeliveries told;

    Inbox(MongoTemplate mongo, Outbox outbox, DeliveryPlanner planner, Clock clock, MeterRegistry meters, ApplicationEventPublisher events,
          TriggerAudience audience, TriggerDeliveries told) {
        this.mongo = mongo;
        this.audience = audience;
        this.told = told;
        this.outbox = outbox;
        this.planner = planner;
        this.clock = clock;
        this.meters = meters;
        this.events = events;
        outbox.watch(Notification.class);
        // The queries this service runs: a person's inbox, due deliveries, an occurrence's reminders, escalation.
        IndexOperations indexes = mongo.indexOps(Notification.class);
        indexes.createIndex(new Index().on("recipientId", Sort.Direction.ASC).on("archivedAt", Sort.Direction.ASC).on("createdAt", Sort.Direction.DESC));
        indexes.createIndex(new Index().on("nextDeliveryAt", Sort.Direction.ASC));
        indexes.createIndex(new Index().on("occurrenceId", Sort.Direction.ASC));
        indexes.createIndex(new Index().on("severity", Sort.Direction.ASC).on("readAt", Sort.Direction.ASC).on("createdAt", Sort.Direction.ASC));
        // Only for triggers older than the trigger_audience registry (see audienceOf).
        indexes.createIndex(new Index().on("sourceEventId", Sort.Direction.ASC));
    }

    /** The notification id is derived from trigger and recipient: one per person per change, whoever stores it. */
    public static String notificationId(String triggerEventId, String recipientId) {
        return EventIds.derived("notification", triggerEventId, recipientId);
    }

    /**
     * Stores a notice: creates the person's notification for the trigger or folds the notice into it. Progress
     * only updates a notification that exists; a quiet merge (progress, a revision that says nothing new) leaves it
     * read if it was read and queues no outbound delivery; the live stream still hears of it.
     */
    public void deliver(Notice notice) {
        String id = notificationId(notice.triggerEventId(), notice.recipientId());
        deliverTogether(null, id, List.of(notice), mongo.findById(id, Notification.class));
    }

    /**
     * Stores many notices, each notification read and written once however many of them it folds in (a big reorg
     * gives the head of alliance management one notice per STRATEGIC alliance, all for one notification). The
     * outcome of each notice is the one {@link #deliver} would give it, in order. The notifications are read with one
     * {@code $in}, and their outbox events relayed together when all are saved (a reorg's poll made two round trips
     * more per notification).
     */
    public void deliverAll(List<Notice> notices) {
        Map<String, List<Notice>> byNotification = new LinkedHashMap<>();
        for (Notice notice : notices) {
            byNotification.computeIfAbsent(notificationId(notice.triggerEventId(), notice.recipientId()), id -> new ArrayList<>()).add(notice);
        }
        if (byNotification.isEmpty()) {
            return;
        }
        Map<String, Notification> stored = new java.util.HashMap<>();
        mongo.find(new Query(Criteria.where("_id").in(byNotification.keySet())), Notification.class).forEach(n -> stored.put(n.id(), n));
        try (Outbox.Batch batch = outbox.batch()) {
            byNotification.forEach((id, group) -> deliverTogether(batch, id, group, stored.get(id)));
        }
    }

    /** {@code read} is the notification as just read (null: none yet); a lost race reads it again. */
    private void deliverTogether(Outbox.Batch batch, String id, List<Notice> notices, Notification read) {
        for (int attempt = 1; ; attempt++) {
            try {
                Instant now = clock.instant();
                Notification notification = attempt == 1 ? read : mongo.findById(id, Notification.class);
                List<String> outcomes = new ArrayList<>();
                List<Notice> newAudience = new ArrayList<>();
                for (Notice notice : notices) {
                    String outcome;
                    if (notification == null && notice.progress() != null) {
                        outcome = "not-in-audience";
                    } else if (notification == null) {
                        notification = Notification.first(id, notice, now);
                        planner.plan(notification, now);
                        newAudience.add(notice);
                        outcome = "created";
                    } else if (notification.alreadyHas(notice)) {
                        outcome = "duplicate";
                    } else {
                        boolean newAlliance = notice.allianceId() != null && !notification.allianceIds().contains(notice.allianceId());
                        int revision = notification.contentRevision();
                        boolean changed = notification.merge(notice, now);
                        // Quiet (progress, or a revision that says nothing new): the content revision stays, nothing is sent again.
                        boolean loud = notification.contentRevision() != revision;
                        if (loud) {
                            planner.plan(notification, now);
                        }
                        if (loud && newAlliance) {
                            newAudience.add(notice);
                        }
                        outcome = !changed ? "revision-ignored" : loud ? "grouped" : "quiet";
                    }
                    outcomes.add(outcome);
                }
                boolean write = outcomes.stream().anyMatch(o -> !o.equals("duplicate") && !o.equals("not-in-audience"));
                if (write) {
                    newAudience.forEach(this::remember);
                    told.record(batch == null ? outbox.save(notification) : batch.save(notification));
                }
                for (int i = 0; i < notices.size(); i++) {
                    meters.counter("windshift.notifications.stored", "outcome", outcomes.get(i)).increment();
                    log.debug("Notification {} for {} from {}: {}", id, notices.get(i).recipientId(), notices.get(i).contributingEventId(), outcomes.get(i));
                }
                if (write) {
                    events.publishEvent(new NotificationChanged(id, notices.getFirst().recipientId()));
                }
                return;
            } catch (DuplicateKeyException | OptimisticLockingFailureException e) {
                if (attempt >= MAX_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    private void remember(Notice notice) {
        if (notice.allianceId() != null) {
            audience.add(notice.triggerEventId(), notice.allianceId(), List.of(notice.recipientId()));
        }
    }

    /**
     * Everyone holding a notification for {@code triggerEventId} that concerns {@code allianceId}: the people
     * progress on that alliance's impact is folded into. Read by {@code _id} from the registry; for a trigger
     * older than the registry, found once with a query on {@code sourceEventId} (indexed on MongoDB, a scan on the
     * embedded store) and recorded, so the next look is by {@code _id} again.
     */
    public List<String> audienceOf(String triggerEventId, String allianceId) {
        Optional<List<String>> known = audience.of(triggerEventId, allianceId);
        if (known.isPresent()) {
            return known.get();
        }
        List<String> found = new ArrayList<>();
        for (org.bson.Document doc : mongo.getCollection(mongo.getCollectionName(Notification.class))
                .find(Filters.and(Filters.eq("sourceEventId", triggerEventId), Filters.eq("allianceIds", allianceId)))
                .projection(Projections.include("recipientId"))) {
            if (!found.contains(doc.getString("recipientId"))) {
                found.add(doc.getString("recipientId"));
            }
        }
        audience.add(triggerEventId, allianceId, found);
        return found;
    }

    /** A person's notifications, newest first; archived ones only when asked for. */
    public List<Notification> page(String recipientId, boolean archived, int page, int size) {
        Query query = new Query(mine(recipientId, archived))
                .with(Sort.by(Sort.Direction.DESC, "createdAt").and(Sort.by("_id")))
                .skip((long) page * size).limit(size);
        return mongo.find(query, Notification.class);
    }

    public long count(String recipientId, boolean archived) {
        return mongo.count(new Query(mine(recipientId, archived)), Notification.class);
    }

    public long unread(String recipientId) {
        return mongo.count(new Query(mine(recipientId, false).and("readAt").is(null)), Notification.class);
    }

    private static Criteria mine(String recipientId, boolean archived) {
        Criteria criteria = Criteria.where("recipientId").is(recipientId);
        return archived ? criteria.and("archivedAt").ne(null) : criteria.and("archivedAt").is(null);
    }

    public Optional<Notification> find(String recipientId, String notificationId) {
        return Optional.ofNullable(mongo.findById(notificationId, Notification.class)).filter(n -> n.recipientId().equals(recipientId));
    }

    /** Marks one of the caller's own notifications read; someone else's is "not found". */
    public Optional<Notification> markRead(String recipientId, String notificationId) {
        return change(notificationId, n -> n.recipientId().equals(recipientId), n -> {
            n.markRead(clock.instant());
            return n;
        });
    }

    public Optional<Notification> archive(String recipientId, String notificationId) {
        return change(notificationId, n -> n.recipientId().equals(recipientId), n -> {
            n.archive(clock.instant());
            return n;
        });
    }

    /**
     * Reminders for an occurrence that was fulfilled, waived or moved: deliveries not yet made are cancelled
     * (each recorded) and the notification says why. {@code onlyDueDate} limits it to reminders for that date.
     */
    public int cancelReminders(String occurrenceId, LocalDate onlyDueDate, String why) {
        Criteria criteria = Criteria.where("occurrenceId").is(occurrenceId);
        int cancelled = 0;
        for (Notification found : mongo.find(new Query(criteria), Notification.class)) {
            if (found.cancelledAt() != null || (onlyDueDate != null && !onlyDueDate.equals(found.dueDate()))) {
                continue;
            }
            Optional<Notification> changed = change(found.id(), n -> n.cancelledAt() == null, n -> {
                Instant now = clock.instant();
                n.cancelled(now, why);
                for (Delivery d : n.deliveries()) {
                    if (d.status() == Delivery.Status.PENDING) {
                        d.cancel(why);
                        n.record(DeliveryPlanner.status(n, d.channel(), d.attempts(), "CANCELLED", why, now));
                    }
                }
                n.contentPlanned();
                return n;
            });
            if (changed.isPresent()) {
                cancelled++;
                events.publishEvent(new NotificationChanged(found.id(), found.recipientId()));
            }
        }
        return cancelled;
    }

    /** Critical notifications nobody read within the escalation time, not yet escalated. */
    public List<Notification> unreadCriticalCreatedBefore(Instant cutoff, int limit) {
        Query query = new Query(Criteria.where("severity").is(Severity.CRITICAL.name()).and("readAt").is(null)
                .and("escalatedAt").is(null).and("cancelledAt").is(null).and("createdAt").lte(cutoff)).limit(limit);
        return mongo.find(query, Notification.class);
    }

    /** Marks a notification escalated, once: returns false when another instance (or an earlier run) did it already. */
    public boolean markEscalated(String notificationId, String to) {
        return change(notificationId, n -> n.escalatedAt() == null && n.readAt() == null, n -> {
            Instant now = clock.instant();
            n.escalated(to, now);
            n.record(DeliveryPlanner.status(n, "ESCALATION", 0, "ESCALATED", to == null ? "nobody to escalate to" : "escalated to " + to, now));
            return n;
        }).isPresent();
    }

    /** Applies a change to one notification with optimistic locking, retrying a lost race on fresh state. */
    Optional<Notification> change(String notificationId, Predicate<Notification> applies, UnaryOperator<Notification> change) {
        for (int attempt = 1; ; attempt++) {
            Notification notification = mongo.findById(notificationId, Notification.class);
            if (notification == null || !applies.test(notification)) {
                return Optional.empty();
            }
            try {
                Notification saved = outbox.save(change.apply(notification));
                told.record(saved);
                return Optional.of(saved);
            } catch (OptimisticLockingFailureException e) {
                if (attempt >= MAX_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }
}
