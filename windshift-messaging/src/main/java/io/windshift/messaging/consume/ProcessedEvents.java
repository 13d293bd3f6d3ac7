package io.windshift.messaging.consume;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import io.windshift.messaging.retention.RetentionTask;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * The ids of events a consumer has applied, one document each with {@code _id = consumer|eventId}: a lookup
 * by {@code _id} is cheap on every Mongo-wire store, and the unique {@code _id} settles races between two
 * instances.
 *
 * <p>Bounded retention without a range query: ids are written to one collection per generation of
 * {@code retention} days ({@code processed_events_<first day>}), and a lookup reads the current and the
 * previous generation. A generation is dropped whole once it is older than the previous one, so every id is
 * kept at least {@code retention} and at most twice that; dropping a collection costs the same on MongoDB and
 * on the embedded store, where a delete by date would scan. The unsuffixed {@code processed_events} of
 * earlier versions is still read until it has been idle for {@code retention}, then dropped.
 */
public class ProcessedEvents implements RetentionTask {

    private static final Logger log = LoggerFactory.getLogger(ProcessedEvents.class);
    static final String COLLECTION = "processed_events";
    static final String PREFIX = COLLECTION + "_";
    /** Marks when this version first saw the legacy collection (nothing writes there since). */
    static final String MARKS = "retention_marks";
    private static final Duration LEGACY_RECHECK = Duration.ofHours(1);

    private final MongoTemplate mongo;
    private final Clock clock;
    private final long generationDays;
    private volatile boolean legacyPresent;
    private volatile Instant legacyCheckedAt = Instant.MIN;

    public ProcessedEvents(MongoTemplate mongo, Clock clock) {
        this(mongo, clock, Duration.ofDays(14));
    }

    public ProcessedEvents(MongoTemplate mongo, Clock clock, Duration retention) {
        this.mongo = mongo;
        this.clock = clock;
        // Whole days: generations are named by their first day.
        this.generationDays = Math.max(1, (retention.toHours() + 23) / 24);
    }

    public boolean contains(String consumer, String eventId) {
        return find(consumer, eventId).isPresent();
    }

    /** When {@code consumer} applied the event, while its id is kept (an event trace asks this). */
    public Optional<Instant> appliedAt(String consumer, String eventId) {
        return find(consumer, eventId).map(d -> d.getDate("processedAt")).map(Date::toInstant);
    }

    /** The record in the current generation, else the previous one, else the legacy collection while it exists. */
    private Optional<Document> find(String consumer, String eventId) {
        String key = key(consumer, eventId);
        LocalDate current = generationOf(clock.instant());
        Document found = first(collectionName(current), key);
        if (found == null) {
            found = first(collectionName(current.minusDays(generationDays)), key);
        }
        if (found == null && legacyPresent()) {
            found = first(COLLECTION, key);
        }
        return Optional.ofNullable(found);
    }

    /**
     * The ids among {@code eventIds} that {@code consumer} applied already: one {@code $in} on {@code _id} per
     * generation read (and the legacy collection while it exists), whatever the number of ids.
     */
    public java.util.Set<String> appliedAmong(String consumer, java.util.Collection<String> eventIds) {
        java.util.Set<String> found = new java.util.HashSet<>();
        if (eventIds.isEmpty()) {
            return found;
        }
        List<String> keys = eventIds.stream().map(id -> key(consumer, id)).toList();
        LocalDate current = generationOf(clock.instant());
        List<String> collections = new ArrayList<>(List.of(collectionName(current), collectionName(current.minusDays(generationDays))));
        if (legacyPresent()) {
            collections.add(COLLECTION);
        }
        String prefix = consumer + "|";
        for (String name : collections) {
            List<String> missing = keys.stream().filter(k -> !found.contains(k.substring(prefix.length()))).toList();
            if (missing.isEmpty()) {
                break;
            }
            for (Document d : collection(name).find(Filters.in("_id", missing)).projection(new Document("_id", 1))) {
                found.add(d.getString("_id").substring(prefix.length()));
            }
        }
        return found;
    }

    /** {@link #record} for many events in one unordered insert; ids recorded already (a race, a redelivery) are left as they are. */
    public void recordAll(String consumer, java.util.Map<String, String> typesByEventId) {
        if (typesByEventId.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        List<Document> documents = new ArrayList<>(typesByEventId.size());
        typesByEventId.forEach((id, type) -> documents.add(new Document("_id", key(consumer, id)).append("type", type).append("processedAt", Date.from(now))));
        try {
            collection(collectionName(generationOf(now))).insertMany(documents, new com.mongodb.client.model.InsertManyOptions().ordered(false));
        } catch (com.mongodb.MongoBulkWriteException e) {
            if (e.getWriteErrors().stream().anyMatch(w -> ErrorCategory.fromErrorCode(w.getCode()) != ErrorCategory.DUPLICATE_KEY)) {
                throw e;
            }
        }
    }

    /** Records the event as applied; returns false if it already was. */
    public boolean record(String consumer, String eventId, String type) {
        Instant now = clock.instant();
        try {
            collection(collectionName(generationOf(now))).insertOne(new Document("_id", key(consumer, eventId))
                    .append("type", type)
                    .append("processedAt", Date.from(now)));
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public String name() {
        return COLLECTION;
    }

    /** Drops the generations older than the previous one, and the legacy collection once idle long enough. */
    @Override
    public long trim(Instant now) {
        LocalDate keepFrom = generationOf(now).minusDays(generationDays);
        long removed = 0;
        List<String> names = new ArrayList<>();
        mongo.getDb().listCollectionNames().into(names);
        for (String name : names) {
            LocalDate first = firstDayOf(name);
            if (first != null && first.isBefore(keepFrom)) {
                removed += drop(name);
            }
        }
        if (names.contains(COLLECTION)) {
            removed += trimLegacy(now);
        }
        return removed;
    }

    private long trimLegacy(Instant now) {
        MongoCollection<Document> marks = collection(MARKS);
        Document mark = marks.find(Filters.eq("_id", COLLECTION)).first();
        if (mark == null) {
            marks.replaceOne(Filters.eq("_id", COLLECTION), new Document("_id", COLLECTION).append("seenAt", Date.from(now)),
                    new ReplaceOptions().upsert(true));
            return 0;
        }
        Instant seenAt = mark.getDate("seenAt").toInstant();
        if (now.isBefore(seenAt.plus(Duration.ofDays(generationDays)))) {
            return 0;
        }
        long removed = drop(COLLECTION);
        marks.deleteOne(Filters.eq("_id", COLLECTION));
        legacyPresent = false;
        legacyCheckedAt = now;
        return removed;
    }

    private long drop(String name) {
        MongoCollection<Document> collection = collection(name);
        long count = collection.estimatedDocumentCount();
        collection.drop();
        log.info("Dropped {} ({} processed event id(s) past retention)", name, count);
        return count;
    }

    /** The first day of the generation {@code instant} falls in; generations are aligned on the epoch. */
    LocalDate generationOf(Instant instant) {
        long day = instant.atOffset(ZoneOffset.UTC).toLocalDate().toEpochDay();
        return LocalDate.ofEpochDay(Math.floorDiv(day, generationDays) * generationDays);
    }

    static String collectionName(LocalDate firstDay) {
        return PREFIX + firstDay;
    }

    private static LocalDate firstDayOf(String name) {
        if (!name.startsWith(PREFIX)) {
            return null;
        }
        try {
            return LocalDate.parse(name.substring(PREFIX.length()));
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private boolean legacyPresent() {
        Instant now = clock.instant();
        if (legacyCheckedAt.plus(LEGACY_RECHECK).isBefore(now) || now.isBefore(legacyCheckedAt)) {
            List<String> names = new ArrayList<>();
            mongo.getDb().listCollectionNames().into(names);
            legacyPresent = names.contains(COLLECTION);
            legacyCheckedAt = now;
        }
        return legacyPresent;
    }

    private Document first(String collection, String key) {
        return collection(collection).find(Filters.eq("_id", key)).first();
    }

    private MongoCollection<Document> collection(String name) {
        return mongo.getCollection(name);
    }

    private static String key(String consumer, String eventId) {
        return consumer + "|" + eventId;
    }
}
