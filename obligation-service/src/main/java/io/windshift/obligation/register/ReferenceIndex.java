package io.windshift.obligation.register;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * What finance events are matched by, keyed by {@code _id} (the embedded store scans any other query):
 * {@code ref:<reference>} points to one obligation (and occurrence), {@code agr:<agreement>|clause:<ref>} and
 * {@code agr:<agreement>|milestone:<name>} list the payment obligations under that agreement. Keys are case- and
 * space-insensitive. Entries are written before the obligation they point to, so they are hints: a reader checks the
 * obligation exists, and a reference left by a registration that died is free to take.
 */
@Component
public class ReferenceIndex {

    static final String COLLECTION = "finance_references";

    private final MongoTemplate mongo;

    ReferenceIndex(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** One entry: a reference's target, or an agreement key's obligations. */
    public record Entry(String key, String obligationId, String occurrenceId, String kind, List<String> obligationIds) {
    }

    public static String referenceKey(String value) {
        return "ref:" + normal(value);
    }

    public static String clauseKey(String agreementId, String clauseRef) {
        return "agr:" + normal(agreementId) + "|clause:" + normal(clauseRef);
    }

    public static String milestoneKey(String agreementId, String milestone) {
        return "agr:" + normal(agreementId) + "|milestone:" + normal(milestone);
    }

    static String normal(String value) {
        return value.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    private MongoCollection<Document> collection() {
        return mongo.getCollection(COLLECTION);
    }

    /** The entries of these keys, in one read by {@code _id}. */
    public Map<String, Entry> lookup(Collection<String> keys) {
        Map<String, Entry> found = new HashMap<>();
        if (keys.isEmpty()) {
            return found;
        }
        for (Document d : collection().find(Filters.in("_id", keys))) {
            found.put(d.getString("_id"), new Entry(d.getString("_id"), d.getString("obligationId"), d.getString("occurrenceId"),
                    d.getString("kind"), d.getList("obligationIds", String.class, List.of())));
        }
        return found;
    }

    /**
     * Takes the reference for this obligation (and occurrence); empty when taken, else the obligation that holds it.
     * Taking it again for the same obligation refines it (an occurrence given now wins).
     */
    public Optional<String> claim(ExternalReference reference, String obligationId) {
        String key = referenceKey(reference.value());
        Document doc = new Document("_id", key).append("obligationId", obligationId).append("occurrenceId", reference.occurrenceId())
                .append("kind", reference.kind().name()).append("value", reference.value());
        try {
            collection().insertOne(doc);
            return Optional.empty();
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
        }
        Document held = collection().find(Filters.eq("_id", key)).first();
        String holder = held == null ? null : held.getString("obligationId");
        boolean stale = holder != null && !holder.equals(obligationId) && mongo.getCollection("obligations").find(Filters.eq("_id", holder)).first() == null;
        if (holder == null || holder.equals(obligationId) || stale) {
            if (reference.occurrenceId() != null || stale || holder == null) {
                collection().replaceOne(Filters.eq("_id", key), doc);
            }
            return Optional.empty();
        }
        return Optional.of(holder);
    }

    /** Lets go of references a failed registration took. */
    void release(List<ExternalReference> references, String obligationId) {
        for (ExternalReference r : references) {
            collection().deleteOne(Filters.and(Filters.eq("_id", referenceKey(r.value())), Filters.eq("obligationId", obligationId)));
        }
    }

    /** A payment obligation under its agreement's clause and, when triggered, its milestone (an upsert by {@code _id}). */
    void indexAgreement(Obligation obligation) {
        if (!obligation.isPayment() || obligation.agreementId() == null) {
            return;
        }
        List<String> keys = new ArrayList<>();
        if (obligation.clauseRef() != null) {
            keys.add(clauseKey(obligation.agreementId(), obligation.clauseRef()));
        }
        if (obligation.schedule().trigger() != null) {
            keys.add(milestoneKey(obligation.agreementId(), obligation.schedule().trigger()));
        }
        for (String key : keys) {
            collection().updateOne(Filters.eq("_id", key), Updates.addToSet("obligationIds", obligation.id()), new UpdateOptions().upsert(true));
        }
    }

    boolean backfilled() {
        return collection().find(Filters.eq("_id", "meta:backfilled")).first() != null;
    }

    void markBackfilled() {
        collection().replaceOne(Filters.eq("_id", "meta:backfilled"), new Document("_id", "meta:backfilled"),
                new com.mongodb.client.model.ReplaceOptions().upsert(true));
    }
}
