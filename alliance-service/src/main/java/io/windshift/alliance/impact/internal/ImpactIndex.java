package io.windshift.alliance.impact.internal;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.util.List;
import io.windshift.messaging.store.Shards;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * trigger id -> impact ids and alliance id -> impact ids, keyed by {@code _id}: "what did reorg R affect?"
 * costs the impacts of R, not the size of the impact store. A trigger's ids are spread over {@value #TRIGGER_SHARDS}
 * documents ({@link Shards}): a reorg touching 1,900 alliances rewrote one growing list 1,900 times.
 */
@Component
public class ImpactIndex {

    private static final String BY_TRIGGER = "impacts_by_trigger";
    private static final String BY_ALLIANCE = "impacts_by_alliance";
    static final int TRIGGER_SHARDS = 32;

    private final MongoTemplate mongo;

    ImpactIndex(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    public void add(String triggerEventId, String allianceId, String impactId) {
        mongo.getCollection(BY_TRIGGER).updateOne(Filters.eq("_id", Shards.of(triggerEventId, impactId, TRIGGER_SHARDS)),
                Updates.addToSet("impactIds", impactId),
                new UpdateOptions().upsert(true));
        mongo.getCollection(BY_ALLIANCE).updateOne(Filters.eq("_id", allianceId), Updates.addToSet("impactIds", impactId),
                new UpdateOptions().upsert(true));
    }

    public List<String> ofTrigger(String triggerEventId) {
        // Before the ids were sharded they were kept under the trigger id itself.
        java.util.Set<String> ids = new java.util.LinkedHashSet<>(ids(BY_TRIGGER, triggerEventId));
        for (Document doc : mongo.getCollection(BY_TRIGGER).find(Filters.in("_id", Shards.all(triggerEventId, TRIGGER_SHARDS)))) {
            ids.addAll(doc.getList("impactIds", String.class, List.of()));
        }
        return List.copyOf(ids);
    }

    public List<String> ofAlliance(String allianceId) {
        return ids(BY_ALLIANCE, allianceId);
    }

    private List<String> ids(String collection, String key) {
        Document doc = mongo.getCollection(collection).find(Filters.eq("_id", key)).first();
        return doc == null ? List.of() : doc.getList("impactIds", String.class, List.of());
    }
}
