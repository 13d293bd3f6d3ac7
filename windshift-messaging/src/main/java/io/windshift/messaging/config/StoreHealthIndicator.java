package io.windshift.messaging.config;

import org.bson.Document;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Readiness of the service's own database by a {@code ping}. Boot's Mongo indicator asks {@code hello},
 * which the embedded Mongo-wire server does not answer; a ping works on both it and real MongoDB.
 */
public class StoreHealthIndicator extends AbstractHealthIndicator {

    private final MongoTemplate mongo;

    public StoreHealthIndicator(MongoTemplate mongo) {
        super("Store health check failed");
        this.mongo = mongo;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        mongo.getDb().runCommand(new Document("ping", 1));
        builder.up().withDetail("database", mongo.getDb().getName());
    }
}
