package io.windshift.e2e;

import de.bwaldvogel.mongo.MongoServer;
import io.windshift.local.store.SnapshotMemoryBackend;
import java.net.InetSocketAddress;
import java.util.Map;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/** The embedded default for the end-to-end tests: a real KRaft broker and a Mongo-wire server in the test JVM. */
final class EmbeddedInfrastructure implements AutoCloseable {

    private final EmbeddedKafkaKraftBroker kafka;
    private final MongoServer mongo;
    private final String mongoUri;

    private EmbeddedInfrastructure(EmbeddedKafkaKraftBroker kafka, MongoServer mongo, String mongoUri) {
        this.kafka = kafka;
        this.mongo = mongo;
        this.mongoUri = mongoUri;
    }

    static EmbeddedInfrastructure start() {
        EmbeddedKafkaKraftBroker kafka = new EmbeddedKafkaKraftBroker(1, 3);
        // One broker: the intake's Kafka transactions need their state log to fit it.
        kafka.brokerProperties(Map.of("transaction.state.log.replication.factor", "1", "transaction.state.log.min.isr", "1"));
        kafka.afterPropertiesSet();
        MongoServer mongo = new MongoServer(new SnapshotMemoryBackend());
        InetSocketAddress address = mongo.bind();
        return new EmbeddedInfrastructure(kafka, mongo, "mongodb://127.0.0.1:" + address.getPort());
    }

    String kafkaBootstrap() {
        return kafka.getBrokersAsString();
    }

    String mongoUri() {
        return mongoUri;
    }

    @Override
    public void close() {
        mongo.shutdownNow();
        kafka.destroy();
    }
}
