package io.windshift.alliance.people.internal;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.windshift.alliance.people.PersonNames;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Search key (the first letters of a name word or of an id) -> the people found under it, with their names. Keyed by
 * {@code _id}, the one lookup the embedded store answers from an index: a search reads one entry, whatever the size
 * of the directory, and a hire writes one entry per word of the name.
 */
@Component
public class PersonNameIndex {

    static final String COLLECTION = "person_names";
    /** The marker entry: longer than any search key, so never one. */
    private static final String BACKFILLED = "#backfilled";

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
                mongo.getCollection(COLLECTION).updateOne(Filters.eq("_id", key), Updates.pull("people", entry(personId, previousName)));
            }
        }
        for (String key : PersonNames.keys(personId, name)) {
            mongo.getCollection(COLLECTION).updateOne(Filters.eq("_id", key), Updates.addToSet("people", entry(personId, name)),
                    new UpdateOptions().upsert(true));
        }
    }

    public List<Entry> under(String key) {
        Document doc = mongo.getCollection(COLLECTION).find(Filters.eq("_id", key)).first();
        List<Entry> entries = new ArrayList<>();
        if (doc != null) {
            for (Document person : doc.getList("people", Document.class, List.of())) {
                entries.add(new Entry(person.getString("p"), person.getString("n")));
            }
        }
        return entries;
    }

    /** Whether the people mirrored before this index existed have been put in it (once, by any instance). */
    public boolean backfilled() {
        return mongo.getCollection(COLLECTION).find(Filters.eq("_id", BACKFILLED)).first() != null;
    }

    public void markBackfilled() {
        mongo.getCollection(COLLECTION).updateOne(Filters.eq("_id", BACKFILLED), Updates.set("people", List.of()), new UpdateOptions().upsert(true));
    }

    private static Document entry(String personId, String name) {
        Document entry = new Document("p", personId);
        entry.put("n", name);
        return entry;
    }
}
