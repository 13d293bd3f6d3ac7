package io.windshift.alliance.portfolio.internal;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * alliance manager id -> ids of the STRATEGIC alliances they manage. One small document per manager, so a
 * capacity check and the load report cost the number of managers, not the size of the portfolio.
 */
@Component
public class ManagerLoadIndex {

    static final String COLLECTION = "manager_load";

    private final MongoTemplate mongo;

    ManagerLoadIndex(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    public void manages(String managerId, String allianceId) {
        mongo.getCollection(COLLECTION).updateOne(Filters.eq("_id", managerId), Updates.addToSet("strategicAllianceIds", allianceId),
                new UpdateOptions().upsert(true));
    }

    public void managesNoLonger(String managerId, String allianceId) {
        mongo.getCollection(COLLECTION).updateOne(Filters.eq("_id", managerId), Updates.pull("strategicAllianceIds", allianceId));
    }

    public List<String> strategicAlliancesOf(String managerId) {
        Document doc = mongo.getCollection(COLLECTION).find(Filters.eq("_id", managerId)).first();
        return doc == null ? List.of() : doc.getList("strategicAllianceIds", String.class, List.of());
    }

    /** Every manager and their STRATEGIC alliances, by manager id. */
    public Map<String, List<String>> all() {
        Map<String, List<String>> load = new TreeMap<>();
        for (Document doc : mongo.getCollection(COLLECTION).find()) {
            List<String> ids = new ArrayList<>(doc.getList("strategicAllianceIds", String.class, List.of()));
            if (!ids.isEmpty()) {
                load.put(doc.getString("_id"), ids);
            }
        }
        return load;
    }
}
