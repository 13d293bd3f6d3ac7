package io.windshift.messaging.it;

import io.windshift.messaging.testing.EmbeddedMongo;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Shared set-up: the library in a Spring context on a real embedded KRaft broker and Mongo-wire store. */
@SpringBootTest(classes = MessagingTestApplication.class, properties = {
        "windshift.messaging.partitions=3",
        "windshift.messaging.sweep-enabled=false",
        "windshift.messaging.sweep-grace=0s",
        "windshift.messaging.retry.initial-interval=50ms",
        "windshift.messaging.retry.max-interval=200ms",
        "management.health.mongodb.enabled=false",
        "spring.mongodb.database=messaging-it"
})
@EmbeddedKafka(partitions = 3, bootstrapServersProperty = "spring.kafka.bootstrap-servers")
abstract class MessagingIntegrationTest {

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        registry.add("spring.mongodb.uri", EmbeddedMongo::uri);
    }
}
