package io.windshift.messaging.testing;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import kafka.server.BrokerServer;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * Takes the in-JVM KRaft broker away and brings it back on the same port with the same logs, as a broker
 * restart would: clients see connections refused meanwhile, and whatever reached the log before stays there.
 * Only the broker side of the combined node stops; its controller keeps the metadata.
 */
public final class BrokerOutage implements AutoCloseable {

    private final EmbeddedKafkaBroker kafka;
    private final BrokerServer broker;

    private BrokerOutage(EmbeddedKafkaBroker kafka) {
        this.kafka = kafka;
        this.broker = ((EmbeddedKafkaKraftBroker) kafka).getCluster().brokers().values().iterator().next();
    }

    /** Stops the broker and returns the outage; closing it starts the broker again and waits until it answers. */
    public static BrokerOutage begin(EmbeddedKafkaBroker kafka) {
        BrokerOutage outage = new BrokerOutage(kafka);
        outage.broker.shutdown();
        outage.broker.awaitShutdown();
        return outage;
    }

    @Override
    public void close() {
        broker.startup();
        try (AdminClient admin = AdminClient.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.getBrokersAsString()))) {
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                    .until(() -> !admin.describeCluster().nodes().get(2, TimeUnit.SECONDS).isEmpty());
        }
    }
}
