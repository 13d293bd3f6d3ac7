package io.windshift.notification.webhooks;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Service;

/**
 * Each person's webhook subscription has its own signing secret ({@code webhook_secrets}, {@code _id} = person
 * id): issued when a webhook URL is first saved and shown once, rotated on request and shown once, never
 * readable through the API afterwards. After a rotation the previous secret still signs for
 * {@code rotation-overlap}, beside the new one, then it is dropped. Subscriptions saved before secrets were
 * per subscription keep the global {@code WINDSHIFT_WEBHOOK_SECRET}, when one is configured, until their first
 * rotation (the global secret then signs during the overlap, beside the new one).
 */
@Service
public class WebhookSecrets {

    static final String COLLECTION = "webhook_secrets";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int ATTEMPTS = 3;

    private final MongoTemplate mongo;
    private final Clock clock;
    private final WebhookProperties properties;
    private final SecretSealer sealer;
    private final String globalSecret;

    WebhookSecrets(MongoTemplate mongo, Clock clock, WebhookProperties properties,
                   @Value("${windshift.notification.webhook.secret:}") String globalSecret) {
        this.mongo = mongo;
        this.clock = clock;
        this.properties = properties;
        this.sealer = new SecretSealer(properties.encryptionKey());
        this.globalSecret = globalSecret == null || globalSecret.isBlank() ? null : globalSecret;
        // Rotations replace under {_id, version}; the embedded store needs this unique index not to scan.
        secrets().createIndex(Indexes.ascending("_id", "version"), new IndexOptions().unique(true));
    }

    /** A rotation's result: the new secret (shown once) and until when the previous one still signs. */
    public record Rotated(String secret, Instant previousValidUntil) {
    }

    public boolean has(String personId) {
        return secrets().find(Filters.eq("_id", personId)).first() != null;
    }

    /** Whether a subscription without a secret of its own is signed with the global one. */
    public boolean globalFallback() {
        return globalSecret != null;
    }

    /** Issues the subscription's first secret; empty if it already has one. */
    public Optional<String> issue(String personId) {
        String secret = generate();
        try {
            secrets().insertOne(new Document("_id", personId).append("version", 1L).append("current", sealer.seal(secret))
                    .append("createdAt", Date.from(clock.instant())));
            return Optional.of(secret);
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Replaces the secret; the one it replaces (or the global secret for an older subscription) signs during the overlap. */
    public Rotated rotate(String personId) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Instant now = clock.instant();
            Instant until = now.plus(properties.rotationOverlap());
            String secret = generate();
            Document existing = secrets().find(Filters.eq("_id", personId)).first();
            Document next = new Document("_id", personId).append("current", sealer.seal(secret)).append("createdAt", Date.from(now))
                    .append("previousUntil", Date.from(until));
            try {
                if (existing == null) {
                    next.append("version", 1L).append("previousIsGlobal", globalSecret != null);
                    secrets().insertOne(next);
                } else {
                    long version = existing.get("version", Number.class).longValue();
                    next.append("version", version + 1).append("previous", existing.getString("current"));
                    // One flat filter: the unique {_id, version} index serves it on the embedded store too.
                    if (secrets().replaceOne(new Document("_id", personId).append("version", version), next).getMatchedCount() == 0) {
                        continue;
                    }
                }
                return new Rotated(secret, until);
            } catch (MongoWriteException e) {
                if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
            }
        }
        throw new OptimisticLockingFailureException("webhook secret of " + personId + " rotated concurrently");
    }

    /** The subscription is gone (its URL removed): so is its secret; a new URL gets a new one. */
    public void forget(String personId) {
        secrets().deleteOne(Filters.eq("_id", personId));
    }

    /**
     * The secrets a delivery is signed with now, newest first: the current one, and the previous one while the
     * overlap lasts. A previous secret past its overlap is dropped from the store here.
     */
    public List<String> signingSecrets(String personId) {
        Document doc = secrets().find(Filters.eq("_id", personId)).first();
        if (doc == null) {
            return globalSecret == null ? List.of() : List.of(globalSecret);
        }
        List<String> secrets = new ArrayList<>();
        secrets.add(sealer.open(doc.getString("current")));
        Date until = doc.getDate("previousUntil");
        if (until != null && clock.instant().isBefore(until.toInstant())) {
            if (doc.getString("previous") != null) {
                secrets.add(sealer.open(doc.getString("previous")));
            } else if (Boolean.TRUE.equals(doc.getBoolean("previousIsGlobal")) && globalSecret != null) {
                secrets.add(globalSecret);
            }
        } else if (until != null) {
            secrets().updateOne(Filters.eq("_id", personId),
                    Updates.combine(Updates.unset("previous"), Updates.unset("previousUntil"), Updates.unset("previousIsGlobal")));
        }
        return secrets;
    }

    /** 32 random bytes; the whole string, as UTF-8, is the HMAC key (as the global secret always was). */
    private static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return "whsec_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private MongoCollection<Document> secrets() {
        return mongo.getCollection(COLLECTION);
    }
}
