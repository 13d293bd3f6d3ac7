package io.windshift.alliance.impact.internal;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import io.windshift.alliance.impact.ActionFact;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * What the actions need beside the impacts themselves, all keyed by {@code _id}: the facts seen so far
 * ({@code _id} = close key), which impacts wait for each key, and a flat read model of every action
 * ({@code _id} = action id) for "my open actions", paged in the store. The read model is derived from the
 * impacts and rewritten after each save, so a crash in between heals on the impact's next change.
 */
@Component
public class ActionStore {

    static final String FACTS = "impact_action_facts";
    static final String WAITING = "impact_action_keys";
    public static final String ACTIONS = "impact_actions";

    private final MongoTemplate mongo;

    ActionStore(MongoTemplate mongo) {
        this.mongo = mongo;
        // For real MongoDB; the embedded store ignores non-unique indexes and scans this small collection.
        mongo.indexOps(ACTIONS).createIndex(new Index().on("assigneeId", Sort.Direction.ASC).on("state", Sort.Direction.ASC)
                .on("dueSort", Sort.Direction.ASC));
        mongo.indexOps(ACTIONS).createIndex(new Index().on("triggerEventId", Sort.Direction.ASC));
    }

    /** Records a fact unless a later one of the same key is known. */
    public void remember(ActionFact fact) {
        Document existing = mongo.getCollection(FACTS).find(Filters.eq("_id", fact.key())).first();
        if (existing != null && existing.get("seq", Number.class).longValue() > fact.seq()) {
            return;
        }
        Document doc = new Document("_id", fact.key()).append("seq", fact.seq()).append("eventId", fact.eventId())
                .append("eventType", fact.eventType()).append("note", fact.note()).append("dismisses", fact.dismisses())
                .append("members", fact.members());
        mongo.getCollection(FACTS).replaceOne(Filters.eq("_id", fact.key()), doc, new ReplaceOptions().upsert(true));
    }

    /** The facts known for these keys. */
    public List<ActionFact> factsFor(Collection<String> keys) {
        if (keys.isEmpty()) {
            return List.of();
        }
        List<ActionFact> facts = new ArrayList<>();
        for (Document d : mongo.getCollection(FACTS).find(Filters.in("_id", keys))) {
            facts.add(new ActionFact(d.getString("_id"), d.get("seq", Number.class).longValue(), d.getString("eventId"), d.getString("eventType"),
                    d.getString("note"), Boolean.TRUE.equals(d.getBoolean("dismisses")), d.getList("members", String.class, List.of())));
        }
        return facts;
    }

    /** The impact waits for these keys (its open actions). */
    public void await(String impactId, Collection<String> keys) {
        if (keys.isEmpty()) {
            return;
        }
        List<WriteModel<Document>> writes = new ArrayList<>();
        keys.forEach(k -> writes.add(new UpdateOneModel<>(Filters.eq("_id", k), Updates.addToSet("impactIds", impactId),
                new UpdateOptions().upsert(true))));
        mongo.getCollection(WAITING).bulkWrite(writes);
    }

    public List<String> impactsAwaiting(String key) {
        Document doc = mongo.getCollection(WAITING).find(Filters.eq("_id", key)).first();
        return doc == null ? List.of() : doc.getList("impactIds", String.class, List.of());
    }

    public void stopAwaiting(String key, String impactId) {
        mongo.getCollection(WAITING).updateOne(Filters.eq("_id", key), Updates.pull("impactIds", impactId));
    }

    /** One row of the read model. */
    public record ActionRow(String actionId, String impactId, String triggerEventId, String allianceId, String allianceName, String kind,
                            String title, String state, String assigneeId, LocalDate dueDate, Instant openedAt, Instant closedAt) {
    }

    public void write(Collection<ActionRow> rows) {
        if (rows.isEmpty()) {
            return;
        }
        List<WriteModel<Document>> writes = new ArrayList<>();
        for (ActionRow r : rows) {
            Document doc = new Document("_id", r.actionId()).append("impactId", r.impactId()).append("triggerEventId", r.triggerEventId())
                    .append("allianceId", r.allianceId()).append("allianceName", r.allianceName()).append("kind", r.kind())
                    .append("title", r.title()).append("state", r.state()).append("assigneeId", r.assigneeId())
                    .append("dueDate", r.dueDate() == null ? null : r.dueDate().toString())
                    // MongoDB sorts nulls first: actions without a due date sort after every dated one.
                    .append("dueSort", r.dueDate() == null ? "9999-12-31" : r.dueDate().toString())
                    .append("openedAt", r.openedAt() == null ? null : Date.from(r.openedAt()))
                    .append("closedAt", r.closedAt() == null ? null : Date.from(r.closedAt()));
            writes.add(new ReplaceOneModel<>(Filters.eq("_id", r.actionId()), doc, new ReplaceOptions().upsert(true)));
        }
        mongo.getCollection(ACTIONS).bulkWrite(writes);
    }

    /** Actions matching the filters (each optional), oldest due first, then oldest opened; paged in the store. */
    public Map.Entry<List<ActionRow>, Long> find(String assigneeId, String state, LocalDate dueBefore, Collection<String> allianceIds, int page,
                                                 int size) {
        Criteria criteria = new Criteria();
        if (assigneeId != null) {
            criteria = criteria.and("assigneeId").is(assigneeId);
        }
        if (state != null) {
            criteria = criteria.and("state").is(state);
        }
        if (dueBefore != null) {
            // ISO dates compare as strings.
            criteria = criteria.and("dueDate").ne(null).lte(dueBefore.toString());
        }
        if (allianceIds != null) {
            criteria = criteria.and("allianceId").in(allianceIds);
        }
        Query query = new Query(criteria);
        long total = mongo.count(query, ACTIONS);
        query.with(Sort.by(Sort.Order.asc("dueSort"), Sort.Order.asc("openedAt"), Sort.Order.asc("_id")))
                .skip((long) page * size).limit(size);
        List<ActionRow> rows = mongo.find(query, Document.class, ACTIONS).stream().map(ActionStore::row).toList();
        return Map.entry(rows, total);
    }

    public Optional<ActionRow> find(String actionId) {
        return Optional.ofNullable(mongo.getCollection(ACTIONS).find(Filters.eq("_id", actionId)).first()).map(ActionStore::row);
    }

    private static ActionRow row(Document d) {
        Date opened = d.getDate("openedAt");
        Date closed = d.getDate("closedAt");
        String due = d.getString("dueDate");
        return new ActionRow(d.getString("_id"), d.getString("impactId"), d.getString("triggerEventId"), d.getString("allianceId"),
                d.getString("allianceName"), d.getString("kind"), d.getString("title"), d.getString("state"), d.getString("assigneeId"),
                due == null ? null : LocalDate.parse(due), opened == null ? null : opened.toInstant(), closed == null ? null : closed.toInstant());
    }
}
