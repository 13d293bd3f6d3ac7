package io.windshift.messaging.config;

import io.windshift.messaging.publish.IntakePublisher;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Readiness of the broker: the cluster answers a describe within two seconds, and where this service takes
 * integrators' events, its transactional intake producer is initialised.
 */
public class KafkaHealthIndicator extends AbstractHealthIndicator implements DisposableBean {

    private final KafkaAdmin kafkaAdmin;
    private final IntakePublisher intake;
    private volatile AdminClient client;

    public KafkaHealthIndicator(KafkaAdmin kafkaAdmin, IntakePublisher intake) {
        super("Kafka health check failed");
        this.kafkaAdmin = kafkaAdmin;
        this.intake = intake;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) throws Exception {
        var cluster = admin().describeCluster(new DescribeClusterOptions().timeoutMs(2000));
        int nodes = cluster.nodes().get(2, TimeUnit.SECONDS).size();
        String clusterId = cluster.clusterId().get(2, TimeUnit.SECONDS);
        if (intake != null && !intake.isReady()) {
            builder.down().withDetail("intake", "initialising transactions");
            return;
        }
        builder.up().withDetail("clusterId", clusterId).withDetail("nodes", nodes);
    }

    private AdminClient admin() {
        if (client == null) {
            synchronized (this) {
                if (client == null) {
                    client = AdminClient.create(kafkaAdmin.getConfigurationProperties());
                }
            }
        }
        return client;
    }

    @Override
    public void destroy() {
        if (client != null) {
            client.close();
        }
    }
}
