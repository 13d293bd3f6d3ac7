package io.windshift.alliance.portfolio;

import io.windshift.alliance.portfolio.internal.PersonAllianceIndex;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.aggregation.Aggregation;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/**
 * The portfolio read page by page, and counted by tier and stage, for the console's portfolio page at 5,000 alliances.
 * A person's alliances are read by {@code _id} through the person index (a few, whatever the portfolio's size); the
 * whole portfolio (head of alliance management, admins) is skipped, limited and counted in the store, so only one
 * page of alliances is ever turned into objects.
 */
@Service
public class PortfolioPages {

    private static final Comparator<Alliance> BY_NAME = Comparator.comparing(Alliance::name).thenComparing(Alliance::id);

    private final MongoTemplate mongo;
    private final PersonAllianceIndex people;

    PortfolioPages(MongoTemplate mongo, PersonAllianceIndex people) {
        this.mongo = mongo;
        this.people = people;
    }

    /** One page of alliances, by name, and how many match in all. */
    public record Page(List<Alliance> items, long total) {
    }

    /** Every alliance matching the filters (seen by someone who sees everything), paged in the store. */
    public Page all(Tier tier, Stage stage, int page, int size) {
        // One flat filter document: an `$and` wrapper would make the embedded store scan even for `_id`.
        Criteria criteria = null;
        if (tier != null) {
            criteria = Criteria.where("tier").is(tier);
        }
        if (stage != null) {
            criteria = criteria == null ? Criteria.where("stage").is(stage) : criteria.and("stage").is(stage);
        }
        Query filter = criteria == null ? new Query() : new Query(criteria);
        long total = mongo.count(filter, Alliance.class);
        Query pageQuery = Query.of(filter).with(Sort.by("name", "_id")).skip((long) page * size).limit(size);
        return new Page(mongo.find(pageQuery, Alliance.class), total);
    }

    /**
     * The alliances of {@code personId} (the person index, then the alliances by {@code _id}) that {@code keep} accepts and
     * match the filters, paged. {@code keep} checks the alliance itself: the index may still point at an alliance the
     * person has left.
     */
    public Page of(String personId, Predicate<Alliance> keep, Tier tier, Stage stage, int page, int size) {
        List<Alliance> matching = alliancesOf(personId).stream().filter(keep)
                .filter(a -> tier == null || a.tier() == tier).filter(a -> stage == null || a.stage() == stage)
                .sorted(BY_NAME).toList();
        int from = (int) Math.min(matching.size(), (long) page * size);
        return new Page(matching.subList(from, Math.min(matching.size(), from + size)), matching.size());
    }

    /** The whole portfolio counted by tier, then stage, grouped in the store (no alliance is read into memory). */
    public Map<String, Map<String, Long>> countAll() {
        Map<String, Map<String, Long>> counts = new TreeMap<>();
        Aggregation group = Aggregation.newAggregation(Aggregation.group("tier", "stage").count().as("n"));
        for (Document row : mongo.aggregate(group, mongo.getCollectionName(Alliance.class), Document.class)) {
            Object id = row.get("_id");
            String tier = id instanceof Document key ? key.getString("tier") : row.getString("tier");
            String stage = id instanceof Document key ? key.getString("stage") : row.getString("stage");
            if (tier != null && stage != null) {
                counts.computeIfAbsent(tier, t -> new TreeMap<>()).merge(stage, ((Number) row.get("n")).longValue(), Long::sum);
            }
        }
        return counts;
    }

    /** One person's alliances (where {@code keep} holds) counted by tier, then stage. */
    public Map<String, Map<String, Long>> countOf(String personId, Predicate<Alliance> keep) {
        Map<String, Map<String, Long>> counts = new TreeMap<>();
        alliancesOf(personId).stream().filter(keep)
                .forEach(a -> counts.computeIfAbsent(a.tier().name(), t -> new TreeMap<>()).merge(a.stage().name(), 1L, Long::sum));
        return counts;
    }

    private List<Alliance> alliancesOf(String personId) {
        List<String> ids = people.allianceIdsOf(personId);
        List<Alliance> found = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += 1000) {
            found.addAll(mongo.find(new Query(Criteria.where("_id").in(ids.subList(from, Math.min(ids.size(), from + 1000)))), Alliance.class));
        }
        return found;
    }
}
