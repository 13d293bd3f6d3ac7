package io.windshift.e2e;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/** The thin path on the embedded default: a real KRaft broker and a Mongo-wire server in the test JVM. */
class ThinPathEmbeddedIT extends ClosingTheLoopScenario {

    static EmbeddedKafkaKraftBroker kafka;
    static MongoServer mongo;
    static Tokens tokens;
    static Platform platform;

    @BeforeAll
    static void startPlatform() throws Exception {
        kafka = new EmbeddedKafkaKraftBroker(1, 3);
        // One broker: the intake's Kafka transactions need their state log to fit it.
        kafka.brokerProperties(Map.of("transaction.state.log.replication.factor", "1", "transaction.state.log.min.isr", "1"));
        kafka.afterPropertiesSet();
        mongo = new MongoServer(new MemoryBackend());
        InetSocketAddress address = mongo.bind();
        tokens = new Tokens(Files.createTempDirectory("windshift-e2e-keys"));
        platform = Platform.start("embedded", kafka.getBrokersAsString(), "mongodb://127.0.0.1:" + address.getPort(), tokens.publicKey());
    }

    @AfterAll
    static void stopPlatform() {
        if (platform != null) {
            platform.close();
        }
        if (mongo != null) {
            mongo.shutdownNow();
        }
        if (kafka != null) {
            kafka.destroy();
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
