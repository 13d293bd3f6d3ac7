package io.windshift.notification.actions;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.windshift.contract.alliance.ImpactActionChanged;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/**
 * The deadlines of impact actions ({@link ActionDeadline}, {@code _id} = action id) and the day index that finds
 * due ones without scanning: one document per UTC day ({@code action_deadline_days}, {@code _id} = {@code 2026-12-01})
 * listing the action ids with a reminder or escalation due that day, and a cursor ({@code action_deadline_cursor})
 * below which every day is drained. A pass reads the days from the cursor to today by {@code _id} ({@code $in}),
 * so it costs what is due, not what exists, even on a store without secondary indexes.
 *
 * <p>Entries are hints, never the truth: each is checked against its action. An entry is written before the
 * action it points to, so a crash in between leaves a stale hint, never a deadline without one; an entry due in
 * the past goes to today, and the cursor stays a day behind the clock, so no entry lands behind it.
 */
@Service
public class ActionDeadlines {

    private static final Logger log = LoggerFactory.getLogger(ActionDeadlines.class);
    static final String DAYS = "action_deadline_days";
    static final String CURSORS = "action_deadline_cursor";
    static final String CURSOR_ID = "deadlines";
    /** Days read in one pass at most: a store down for a year catches up over a few passes. */
    static final int MAX_DAYS_PER_PASS = 366;
    static final int MAX_ATTEMPTS = 20;

    private final MongoTemplate mongo;
    private final Clock clock;
    private final Duration remindBefore;

    ActionDeadlines(MongoTemplate mongo, Clock clock,
                    @Value("${windshift.notification.actions.remind-before:P2D}") Duration remindBefore) {
        this.mongo = mongo;
        this.clock = clock;
        this.remindBefore = remindBefore;
        // Every write filters on {_id, version}: a unique index on exactly those keys keeps it O(1) on the embedded store.
        mongo.getCollection(ActionDeadline.COLLECTION).createIndex(Indexes.ascending("_id", "version"), new IndexOptions().unique(true));
    }

    Duration remindBefore() {
        return remindBefore;
    }

    /**
     * Applies one action change: opened or assigned schedules the reminder and the escalation with the current
     * assignee and due date; done or dismissed cancels them. An older revision than the one held changes nothing.
     * Returns whether anything changed.
     */
    public boolean apply(ImpactActionChanged changed) {
        if (changed.actionId() == null) {
            return false;
        }
        for (int attempt = 1; ; attempt++) {
            ActionDeadline held = find(changed.actionId()).orElse(null);
            ActionDeadline next = DeadlineRules.apply(held, changed);
            if (next == null) {
                return false;
            }
            Instant now = clock.instant();
            index(next.actionId(), DeadlineRules.pending(next, now, remindBefore), now);
            try {
                mongo.save(next);
                log.debug("Action {} of impact {}: {} rev {}, due {}", next.actionId(), next.impactId(), next.state(), next.revision(), next.dueDate());
                return true;
            } catch (OptimisticLockingFailureException | DuplicateKeyException e) {
                if (attempt >= MAX_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    /** Whether this service already holds a later revision of the action than {@code changed} (it arrived late). */
    public boolean stale(ImpactActionChanged changed) {
        return changed.actionId() != null && find(changed.actionId()).map(d -> d.revision() > changed.revision()).orElse(false);
    }

    public Optional<ActionDeadline> find(String actionId) {
        return Optional.ofNullable(mongo.findById(actionId, ActionDeadline.class));
    }

    Map<String, ActionDeadline> load(Collection<String> actionIds) {
        if (actionIds.isEmpty()) {
            return Map.of();
        }
        return mongo.find(Query.query(Criteria.where("_id").in(actionIds)), ActionDeadline.class).stream()
                .collect(Collectors.toMap(ActionDeadline::actionId, Function.identity()));
    }

    /** Compare-and-set on {@code {_id, version}}: false when someone else wrote the action since it was read. */
    boolean save(ActionDeadline d) {
        try {
            mongo.save(d);
            return true;
        } catch (OptimisticLockingFailureException e) {
            return false;
        }
    }

    // ---- the day index ----

    /** One day's entries. */
    record Day(String day, List<String> actionIds) {
    }

    static String dayOf(Instant at) {
        return at.atZone(ZoneOffset.UTC).toLocalDate().toString();
    }

    /** Notes that {@code actionId} has work due at each of {@code times} (the past counts as today). Idempotent. */
    void index(String actionId, List<Instant> times, Instant now) {
        if (times.isEmpty()) {
            return;
        }
        TreeMap<String, Boolean> days = new TreeMap<>();
        times.forEach(t -> days.put(dayOf(t.isBefore(now) ? now : t), true));
        for (String day : days.keySet()) {
            days().updateOne(Filters.eq("_id", day), Updates.addToSet("actionIds", actionId), new UpdateOptions().upsert(true));
        }
        cursors().updateOne(Filters.eq("_id", CURSOR_ID), Updates.min("from", days.firstKey()), new UpdateOptions().upsert(true));
    }

    /** The days from the cursor up to today that hold entries, oldest first, and the days looked at. */
    @SuppressWarnings("unchecked")
    List<Day> upTo(Instant now) {
        Document cursor = cursors().find(Filters.eq("_id", CURSOR_ID)).first();
        if (cursor == null || cursor.getString("from") == null) {
            return List.of();
        }
        LocalDate today = now.atZone(ZoneOffset.UTC).toLocalDate();
        List<String> days = new ArrayList<>();
        for (LocalDate d = LocalDate.parse(cursor.getString("from")); !d.isAfter(today) && days.size() < MAX_DAYS_PER_PASS; d = d.plusDays(1)) {
            days.add(d.toString());
        }
        List<Day> found = new ArrayList<>();
        for (Document doc : days().find(Filters.in("_id", days))) {
            List<String> ids = (List<String>) doc.get("actionIds", List.class);
            found.add(new Day(doc.getString("_id"), ids == null ? List.of() : List.copyOf(ids)));
        }
        found.sort(Comparator.comparing(Day::day));
        return found;
    }

    /**
     * After a pass: takes out the handled entries, moves the cursor up to the first day still holding entries
     * (at most to yesterday, so an entry written around midnight is never left behind it) and deletes drained days below it.
     */
    void handled(Map<String, List<String>> handledByDay, List<Day> remaining, Instant now) {
        handledByDay.forEach((day, ids) -> {
            if (!ids.isEmpty()) {
                days().updateOne(Filters.eq("_id", day), Updates.pullAll("actionIds", ids));
            }
        });
        String grace = dayOf(now.minus(Duration.ofDays(1)));
        String from = remaining.stream().filter(d -> !d.actionIds().isEmpty()).map(Day::day).findFirst()
                .filter(d -> d.compareTo(grace) < 0).orElse(grace);
        cursors().updateOne(Filters.eq("_id", CURSOR_ID), Updates.max("from", from));
        List<String> drained = remaining.stream().filter(d -> d.actionIds().isEmpty() && d.day().compareTo(from) < 0).map(Day::day).toList();
        if (!drained.isEmpty()) {
            days().deleteMany(Filters.and(Filters.in("_id", drained), Filters.size("actionIds", 0)));
        }
    }

    private MongoCollection<Document> days() {
        return mongo.getCollection(DAYS);
    }

    private MongoCollection<Document> cursors() {
        return mongo.getCollection(CURSORS);
    }
}
