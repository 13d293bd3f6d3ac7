package io.windshift.obligation;

import io.windshift.messaging.testing.EmbeddedMongo;
import io.windshift.messaging.testing.TestKeys;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * obligation-service for a benchmark command: its whole context on the embedded memory store and an in-JVM KRaft
 * broker, with the given clock, and nothing scheduled (the benchmark drives the work).
 */
public final class BenchmarkContext implements AutoCloseable {

    public final EmbeddedKafkaKraftBroker kafka;
    public final ConfigurableApplicationContext context;

    private BenchmarkContext(EmbeddedKafkaKraftBroker kafka, ConfigurableApplicationContext context) {
        this.kafka = kafka;
        this.context = context;
    }

    public static BenchmarkContext start(String database, MutableClock clock) {
        EmbeddedKafkaKraftBroker kafka = new EmbeddedKafkaKraftBroker(1, 3);
        kafka.afterPropertiesSet();
        // System properties: they outrank the shared defaults (which point at localhost Kafka and Mongo).
        Map.of("spring.kafka.bootstrap-servers", kafka.getBrokersAsString(),
                "spring.mongodb.uri", EmbeddedMongo.uri(),
                "spring.mongodb.database", database,
                "windshift.security.jwt.public-key-location", TestKeys.publicKeyLocation(),
                "windshift.obligation.scheduler.enabled", "false",
                "windshift.messaging.sweep-enabled", "false",
                "windshift.messaging.partitions", "3",
                "server.port", "0",
                "management.otlp.metrics.export.enabled", "false",
                "logging.level.root", "WARN").forEach(System::setProperty);
        ConfigurableApplicationContext context = new SpringApplicationBuilder(ObligationServiceApplication.class)
                .initializers(ctx -> ((org.springframework.context.support.GenericApplicationContext) ctx)
                        .registerBean("clock", MutableClock.class, () -> clock))
                .run();
        return new BenchmarkContext(kafka, context);
    }

    @Override
    public void close() {
        context.close();
        kafka.destroy();
    }
}
