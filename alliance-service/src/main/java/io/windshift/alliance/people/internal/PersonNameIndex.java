package io.windshift.alliance.people.internal;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import io.windshift.alliance.people.PersonNames;
import io.windshift.messaging.store.Shards;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Search key (the first letters of a name word or of an id) -> the people found under it, with their names. Keyed by
 * {@code _id}, the one lookup the embedded store answers from an index: a search reads the key's {@value #SHARDS}
 * shards in one {@code $in}, whatever the size of the directory, and a hire writes one shard per word of the name.
 *
 * <p>Sharded by person ({@link Shards}) because a key can hold a large share of the directory (ids share their prefix:
 * "E1", "p-"): a hire rewrote the key's whole document, so loading 20,000 people slowed from 50 to 10 hires a second.
 */
@Component
public class PersonNameIndex {

    static final String COLLECTION = "person_names";
    static final int SHARDS = 32;
    /** The marker entry of the sharded layout: longer than any search key, so never one. */
    private static final String BUILT = "#sharded-32";

    private final MongoTemplate mongo;

    PersonNameIndex(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    public record Entry(String personId, String name) {
    }

    /** Moves a person from the keys of their previous name (if any) to those of the current one. */
    public void put(String personId, String previousName, boolean known, String name) {
        if (known) {
            for (String key : PersonNames.keys(personId, previousName)) {
                mongo.getCollection(COLLECTION).updateOne(Filters.eq("_id", shard(key, personId)), Updates.pull("people", entry(personId, previousName)));
            }
        }
        for (String key : PersonNames.keys(personId, name)) {
            mongo.getCollection(COLLECTION).updateOne(Filters.eq("_id", shard(key, personId)), Updates.addToSet("people", entry(personId, name)),
                    new UpdateOptions().upsert(true));
        }
    }

    /** A person's name as it was ({@code known}: whether they were indexed at all) and as it is now. */
    public record Rename(String personId, String previousName, boolean known, String name) {
    }

    /**
     * As {@link #put} for many people: one bulk of removals, then one of additions, each touching a shard once.
     * Each person appears once (their name before the batch and after it).
     */
    public void putAll(List<Rename> renames) {
        Map<String, List<Document>> pulls = new LinkedHashMap<>();
        Map<String, List<Document>> adds = new LinkedHashMap<>();
        for (Rename rename : renames) {
            if (rename.known()) {
                for (String key : PersonNames.keys(rename.personId(), rename.previousName())) {
                    pulls.computeIfAbsent(shard(key, rename.personId()), k -> new ArrayList<>()).add(entry(rename.personId(), rename.previousName()));
                }
            }
            for (String key : PersonNames.keys(rename.personId(), rename.name())) {
                adds.computeIfAbsent(shard(key, rename.personId()), k -> new ArrayList<>()).add(entry(rename.personId(), rename.name()));
            }
        }
        List<WriteModel<Document>> removals = new ArrayList<>();
        pulls.forEach((shard, entries) -> removals.add(new UpdateOneModel<>(Filters.eq("_id", shard), Updates.pullAll("people", entries))));
        write(removals);
        List<WriteModel<Document>> additions = new ArrayList<>();
        adds.forEach((shard, entries) -> additions.add(new UpdateOneModel<>(Filters.eq("_id", shard), Updates.addEachToSet("people", entries),
                new UpdateOptions().upsert(true))));
        write(additions);
    }

    private void write(List<WriteModel<Document>> writes) {
        for (int from = 0; from < writes.size(); from += 1000) {
            mongo.getCollection(COLLECTION).bulkWrite(writes.subList(from, Math.min(writes.size(), from + 1000)));
        }
    }

    public List<Entry> under(String key) {
        List<Entry> entries = new ArrayList<>();
        for (Document doc : mongo.getCollection(COLLECTION).find(Filters.in("_id", Shards.all(key, SHARDS)))) {
            for (Document person : doc.getList("people", Document.class, List.of())) {
                entries.add(new Entry(person.getString("p"), person.getString("n")));
            }
        }
        return entries;
    }

    /** Whether the people mirrored before this layout existed have been put in it (once, by any instance). */
    public boolean built() {
        return mongo.getCollection(COLLECTION).find(Filters.eq("_id", BUILT)).first() != null;
    }

    /**
     * Puts everyone given in the index in bulk (a thousand shards a write), drops the entries of the unsharded
     * layout, and marks the index built. Adding is idempotent, so two instances building at once, or a hire
     * meanwhile, lose nothing.
     */
    public void build(Iterable<Entry> people) {
        Map<String, List<Document>> byShard = new LinkedHashMap<>();
        java.util.Set<String> keys = new java.util.HashSet<>();
        for (Entry person : people) {
            for (String key : PersonNames.keys(person.personId(), person.name())) {
                keys.add(key);
                byShard.computeIfAbsent(shard(key, person.personId()), k -> new ArrayList<>()).add(entry(person.personId(), person.name()));
            }
        }
        List<WriteModel<Document>> writes = new ArrayList<>();
        byShard.forEach((shard, entries) -> writes.add(new UpdateOneModel<>(Filters.eq("_id", shard),
                Updates.addEachToSet("people", entries), new UpdateOptions().upsert(true))));
        write(writes);
        mongo.getCollection(COLLECTION).deleteMany(Filters.in("_id", new ArrayList<>(keys)));
        mongo.getCollection(COLLECTION).deleteOne(Filters.eq("_id", "#backfilled"));
        mongo.getCollection(COLLECTION).updateOne(Filters.eq("_id", BUILT), Updates.set("people", List.of()), new UpdateOptions().upsert(true));
    }

    static String shard(String key, String personId) {
        return Shards.of(key, personId, SHARDS);
    }

    private static Document entry(String personId, String name) {
        Document entry = new Document("p", personId);
        entry.put("n", name);
        return entry;
    }
}
