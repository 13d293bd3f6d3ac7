package io.windshift.messaging.store;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.FindAndReplaceOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/**
 * Read-modify-write of many documents of one kind by {@code _id}, with the outcome of doing them one at a time in
 * order: one {@code $in} read per thousand ids, the changes applied in memory (a document changed twice sees its first
 * change), then one unordered bulk of upserting replaces per thousand. For the people projections the HR consumers
 * keep, where a reorg's thousands of people cost two round trips each.
 *
 * <p>No version check, as with the single {@code findById} and {@code save} it replaces: use it for documents that one
 * consumer thread writes at a time.
 */
public final class KeyedChanges<T> {

    private static final int SLICE = 1000;

    private record Change<T>(String id, UnaryOperator<T> change) {
    }

    private final MongoTemplate mongo;
    private final Class<T> type;
    private final Function<T, String> idOf;
    private final List<Change<T>> changes = new ArrayList<>();

    private KeyedChanges(MongoTemplate mongo, Class<T> type, Function<T, String> idOf) {
        this.mongo = mongo;
        this.type = type;
        this.idOf = idOf;
    }

    public static <T> KeyedChanges<T> of(MongoTemplate mongo, Class<T> type, Function<T, String> idOf) {
        return new KeyedChanges<>(mongo, type, idOf);
    }

    /** Queues a change; it receives the document as stored (or as changed before it here), null when there is none. */
    public KeyedChanges<T> change(String id, UnaryOperator<T> change) {
        changes.add(new Change<>(id, change));
        return this;
    }

    /** Reads, applies and writes what was queued; returns the number of documents written. */
    public int apply() {
        List<String> ids = changes.stream().map(Change::id).distinct().toList();
        Map<String, T> current = new HashMap<>();
        for (int from = 0; from < ids.size(); from += SLICE) {
            mongo.find(Query.query(Criteria.where("_id").in(ids.subList(from, Math.min(ids.size(), from + SLICE)))), type)
                    .forEach(document -> current.put(idOf.apply(document), document));
        }
        Set<String> changed = new LinkedHashSet<>();
        for (Change<T> change : changes) {
            T next = change.change().apply(current.get(change.id()));
            if (next != null) {
                current.put(change.id(), next);
                changed.add(change.id());
            }
        }
        List<String> written = new ArrayList<>(changed);
        for (int from = 0; from < written.size(); from += SLICE) {
            BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, type);
            for (String id : written.subList(from, Math.min(written.size(), from + SLICE))) {
                bulk.replaceOne(Query.query(Criteria.where("_id").is(id)), current.get(id), FindAndReplaceOptions.options().upsert());
            }
            bulk.execute();
        }
        changes.clear();
        return written.size();
    }
}
