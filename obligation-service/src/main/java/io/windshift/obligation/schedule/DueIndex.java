package io.windshift.obligation.schedule;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Which occurrences have a reminder coming, by hour: one small document per hour ({@code _id} =
 * {@code 2026-11-23T10}) listing occurrence ids, and a cursor below which every hour is drained. Finding
 * what is due reads the hours from the cursor to now by {@code _id} ({@code $in}), so a pass costs what is
 * due, not what exists, even on a store that has no secondary indexes (the embedded one).
 *
 * <p>Entries are hints, never the truth: the scheduler checks each against its occurrence and drops stale
 * ones (an entry whose occurrence is missing only after an hour's grace: it may be under registration). An entry is
 * written before the occurrence it points to, so a crash between leaves a stale hint,
 * never a reminder without one. An entry due in the past goes to the current hour, so hours behind the
 * cursor never receive entries again (within the one-hour grace the cursor keeps behind the clock).
 */
@Component
public class DueIndex {

    public static final String BUCKETS = "due_index";
    public static final String CURSORS = "due_index_cursor";
    public static final String CURSOR_ID = "reminders";
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH").withZone(ZoneOffset.UTC);
    /** Hours read in one pass at most: a store down for a year catches up over a few passes. */
    static final int MAX_HOURS_PER_PASS = 24 * 366;

    private final MongoTemplate mongo;

    DueIndex(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** One hour's entries. */
    public record Bucket(String hour, List<String> occurrenceIds) {
    }

    /** Notes that {@code occurrenceId} has a reminder at {@code at}. Idempotent. */
    public void add(Instant at, String occurrenceId, Instant now) {
        String hour = hourOf(at.isBefore(now) ? now : at);
        buckets().updateOne(Filters.eq("_id", hour), Updates.addToSet("entries", occurrenceId), new UpdateOptions().upsert(true));
        cursors().updateOne(Filters.eq("_id", CURSOR_ID), Updates.min("from", hour), new UpdateOptions().upsert(true));
    }

    /** What one look found: the hours holding entries, and the last hour looked at. */
    public record Scan(List<Bucket> buckets, String lastHour) {
        static final Scan EMPTY = new Scan(List.of(), null);
    }

    /** The hours from the cursor up to and including the current one that hold entries. */
    @SuppressWarnings("unchecked")
    public Scan upTo(Instant now) {
        Document cursor = cursors().find(Filters.eq("_id", CURSOR_ID)).first();
        if (cursor == null) {
            return Scan.EMPTY;
        }
        List<String> hours = hoursBetween(cursor.getString("from"), now);
        if (hours.isEmpty()) {
            return Scan.EMPTY;
        }
        List<Bucket> found = new ArrayList<>();
        for (Document doc : buckets().find(Filters.in("_id", hours))) {
            List<String> entries = (List<String>) doc.get("entries", List.class);
            found.add(new Bucket(doc.getString("_id"), entries == null ? List.of() : List.copyOf(entries)));
        }
        found.sort(java.util.Comparator.comparing(Bucket::hour));
        return new Scan(found, hours.getLast());
    }

    public void remove(String hour, String occurrenceId) {
        buckets().updateOne(Filters.eq("_id", hour), Updates.pull("entries", occurrenceId));
    }

    /** {@link #add} for many at once: one write per hour, one for the cursor. */
    public void addAll(java.util.Map<String, Instant> reminders, Instant now) {
        if (reminders.isEmpty()) {
            return;
        }
        java.util.Map<String, List<String>> byHour = new java.util.TreeMap<>();
        reminders.forEach((id, at) -> byHour.computeIfAbsent(hourOf(at.isBefore(now) ? now : at), h -> new ArrayList<>()).add(id));
        byHour.forEach((hour, ids) -> buckets().updateOne(Filters.eq("_id", hour), Updates.addEachToSet("entries", ids),
                new UpdateOptions().upsert(true)));
        cursors().updateOne(Filters.eq("_id", CURSOR_ID), Updates.min("from", byHour.keySet().iterator().next()), new UpdateOptions().upsert(true));
    }

    /** {@link #remove} for many at once: one write per hour. */
    public void removeAll(java.util.Map<String, List<String>> byHour) {
        byHour.forEach((hour, ids) -> {
            if (!ids.isEmpty()) {
                buckets().updateOne(Filters.eq("_id", hour), Updates.pullAll("entries", ids));
            }
        });
    }

    /**
     * After a pass: moves the cursor up to the first hour still holding entries (at most an hour behind the
     * clock) and deletes the drained hours below it. The cursor only ever moves forward here.
     */
    public void advance(Scan scan, List<Bucket> remaining, Instant now) {
        if (scan.lastHour() == null) {
            return;
        }
        String grace = hourOf(now.minus(Duration.ofHours(1)));
        String afterScan = hourOf(Instant.parse(scan.lastHour() + ":00:00Z").plus(Duration.ofHours(1)));
        String limit = grace.compareTo(afterScan) < 0 ? grace : afterScan;
        String from = remaining.stream().filter(b -> !b.occurrenceIds().isEmpty()).map(Bucket::hour).findFirst()
                .filter(h -> h.compareTo(limit) < 0).orElse(limit);
        cursors().updateOne(Filters.eq("_id", CURSOR_ID), Updates.max("from", from));
        List<String> drained = remaining.stream().filter(b -> b.occurrenceIds().isEmpty() && b.hour().compareTo(from) < 0)
                .map(Bucket::hour).toList();
        if (!drained.isEmpty()) {
            buckets().deleteMany(Filters.in("_id", drained));
        }
    }

    public static String hourOf(Instant at) {
        return HOUR.format(at);
    }

    static List<String> hoursBetween(String fromHour, Instant now) {
        Instant from = Instant.parse(fromHour + ":00:00Z");
        Instant to = now.truncatedTo(ChronoUnit.HOURS);
        List<String> hours = new ArrayList<>();
        for (Instant h = from; !h.isAfter(to) && hours.size() < MAX_HOURS_PER_PASS; h = h.plus(Duration.ofHours(1))) {
            hours.add(hourOf(h));
        }
        return hours;
    }

    private MongoCollection<Document> buckets() {
        return mongo.getCollection(BUCKETS);
    }

    private MongoCollection<Document> cursors() {
        return mongo.getCollection(CURSORS);
    }
}
