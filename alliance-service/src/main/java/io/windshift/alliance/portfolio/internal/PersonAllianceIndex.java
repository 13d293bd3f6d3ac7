package io.windshift.alliance.portfolio.internal;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.util.List;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * person id -> ids of alliances where the person holds (or may hold) a role. Keyed by {@code _id}, so a
 * change's cost follows the people it touches, not the portfolio's size. Entries are added before the
 * alliance is saved and removed after, so the index is always a superset of the truth; readers check the
 * alliance itself.
 */
@Component
public class PersonAllianceIndex {

    static final String COLLECTION = "person_alliances";

    private final MongoTemplate mongo;

    PersonAllianceIndex(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    public void add(String personId, String allianceId) {
        mongo.getCollection(COLLECTION).updateOne(Filters.eq("_id", personId), Updates.addToSet("allianceIds", allianceId),
                new UpdateOptions().upsert(true));
    }

    public void remove(String personId, String allianceId) {
        mongo.getCollection(COLLECTION).updateOne(Filters.eq("_id", personId), Updates.pull("allianceIds", allianceId));
    }

    /** The index entries of many people in one read per thousand: person id -> alliance ids (absent people left out). */
    public java.util.Map<String, List<String>> allianceIdsOf(java.util.Collection<String> personIds) {
        java.util.Map<String, List<String>> found = new java.util.HashMap<>();
        List<String> ids = List.copyOf(new java.util.LinkedHashSet<>(personIds));
        for (int from = 0; from < ids.size(); from += 1000) {
            for (Document doc : mongo.getCollection(COLLECTION).find(Filters.in("_id", ids.subList(from, Math.min(ids.size(), from + 1000))))) {
                found.put(doc.getString("_id"), doc.getList("allianceIds", String.class, List.of()));
            }
        }
        return found;
    }

    public List<String> allianceIdsOf(String personId) {
        Document doc = mongo.getCollection(COLLECTION).find(Filters.eq("_id", personId)).first();
        return doc == null ? List.of() : doc.getList("allianceIds", String.class, List.of());
    }
}
