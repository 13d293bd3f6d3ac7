package io.windshift.e2e;

import java.nio.file.Files;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.mongodb.MongoDBContainer;

/**
 * The same thin path on production-like infrastructure: the real Apache Kafka and MongoDB images (a
 * replica set). Runs wherever Docker exists; skipped (reported, not failed) where it does not.
 */
@Testcontainers(disabledWithoutDocker = true)
class ThinPathContainersIT extends EventSubscriptionScenario {

    @Container
    static final KafkaContainer KAFKA = new KafkaContainer("apache/kafka:4.1.1");
    @Container
    static final MongoDBContainer MONGO = new MongoDBContainer("mongo:8.0");

    static Tokens tokens;
    static Platform platform;

    @BeforeAll
    static void startPlatform() throws Exception {
        tokens = new Tokens(Files.createTempDirectory("windshift-e2e-keys"));
        platform = Platform.start("containers", KAFKA.getBootstrapServers(), MONGO.getReplicaSetUrl(), tokens.publicKey());
    }

    @AfterAll
    static void stopPlatform() {
        if (platform != null) {
            platform.close();
        }
    }

    @Override
    Platform platform() {
        return platform;
    }

    @Override
    Tokens tokens() {
        return tokens;
    }
}
