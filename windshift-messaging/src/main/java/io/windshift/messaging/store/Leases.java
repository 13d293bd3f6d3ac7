package io.windshift.messaging.store;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Named leases in one collection, {@code _id} = lease name: an instance runs a piece of shared periodic work
 * (an outbox sweep, a retention trim) only while it holds that work's lease, so several instances never do it
 * at once. Claiming is one {@code findOneAndUpdate} keyed by {@code _id} (cheap on every Mongo-wire store):
 * it succeeds when the lease is free, expired, or already ours (a renewal).
 */
public class Leases {

    private final MongoTemplate mongo;
    private final String collection;
    private final Clock clock;
    private final String owner;

    public Leases(MongoTemplate mongo, String collection, Clock clock, String owner) {
        this.mongo = mongo;
        this.collection = collection;
        this.clock = clock;
        this.owner = owner;
    }

    /** Takes or renews the lease {@code name} for {@code time}; false while another instance holds it. */
    public boolean claim(String name, Duration time) {
        Date now = Date.from(clock.instant());
        Date until = Date.from(clock.instant().plus(time));
        try {
            Document claimed = leases().findOneAndUpdate(
                    Filters.and(Filters.eq("_id", name), Filters.or(Filters.lt("until", now), Filters.eq("owner", owner))),
                    Updates.combine(Updates.set("owner", owner), Updates.set("until", until)),
                    new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
            return claimed != null && owner.equals(claimed.getString("owner"));
        } catch (com.mongodb.MongoWriteException | com.mongodb.MongoCommandException e) {
            // The upsert collided with a live lease of another instance: it runs this round.
            return false;
        }
    }

    /** Gives up every lease this instance holds, so another takes over at once (graceful shutdown). */
    public void releaseAll() {
        leases().deleteMany(Filters.eq("owner", owner));
    }

    public String owner() {
        return owner;
    }

    private MongoCollection<Document> leases() {
        return mongo.getCollection(collection);
    }
}
