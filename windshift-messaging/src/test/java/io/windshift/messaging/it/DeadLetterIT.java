package io.windshift.messaging.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.windshift.contract.CloudEvent;
import io.windshift.contract.EventJson;
import io.windshift.contract.Topics;
import io.windshift.messaging.consume.DeadLetterReason;
import io.windshift.messaging.it.MessagingTestApplication.LedgerListener;
import io.windshift.messaging.publish.EventPublisher;
import io.windshift.messaging.testing.TopicProbe;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

class DeadLetterIT extends MessagingIntegrationTest {

    @Autowired EventPublisher publisher;
    @Autowired LedgerListener listener;
    @Value("${spring.kafka.bootstrap-servers}") String bootstrap;

    @Test
    void undeserializableBytesGoToTheDeadLetterTopicWithTheReasonAndTheNextRecordIsProcessed() throws Exception {
        String key = "acc-" + UUID.randomUUID();
        try (KafkaProducer<String, byte[]> raw = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap),
                new StringSerializer(), new ByteArraySerializer())) {
            raw.send(new ProducerRecord<>(Topics.ALLIANCE, key, "{not json".getBytes(StandardCharsets.UTF_8))).get();
        }
        String next = UUID.randomUUID().toString();
        publisher.publish(Topics.ALLIANCE, key, event(next, "test.deposited", key)); // same key, same partition

        try (TopicProbe dlt = new TopicProbe(bootstrap, Topics.deadLetter(Topics.ALLIANCE))) {
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
                // An assertion, not orElseThrow: Awaitility retries on assertion errors only.
                assertThat(dlt.records()).anyMatch(r -> key.equals(r.key()));
                ConsumerRecord<String, byte[]> dead = dlt.records().stream().filter(r -> key.equals(r.key())).findFirst().get();
                assertThat(TopicProbe.value(dead)).isEqualTo("{not json");
                assertThat(TopicProbe.header(dead, DeadLetterReason.HEADER)).startsWith("MalformedEventException").contains("not a CloudEvent");
                assertThat(TopicProbe.header(dead, "kafka_dlt-original-topic")).isEqualTo(Topics.ALLIANCE);
            });
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> listener.effectsOf(next) == 1);
    }

    @Test
    void aPoisonEventIsNotRetriedAndLandsOnTheDeadLetterTopicWithItsReason() {
        String key = "acc-" + UUID.randomUUID();
        String poison = UUID.randomUUID().toString();
        String next = UUID.randomUUID().toString();
        publisher.publish(Topics.ALLIANCE, key, event(poison, "test.poison", key));
        publisher.publish(Topics.ALLIANCE, key, event(next, "test.deposited", key));

        try (TopicProbe dlt = new TopicProbe(bootstrap, Topics.deadLetter(Topics.ALLIANCE))) {
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
                // An assertion, not orElseThrow: Awaitility retries on assertion errors only.
                assertThat(dlt.records()).anyMatch(r -> key.equals(r.key()));
                ConsumerRecord<String, byte[]> dead = dlt.records().stream().filter(r -> key.equals(r.key())).findFirst().get();
                assertThat(EventJson.read(dead.value()).id()).isEqualTo(poison);
                assertThat(TopicProbe.header(dead, DeadLetterReason.HEADER)).isEqualTo("PoisonEventException: amount must be positive");
            });
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> listener.effectsOf(next) == 1);
        assertThat(listener.attemptsOf(poison)).isEqualTo(1);
        assertThat(listener.effectsOf(poison)).isZero();
    }

    @Test
    void aTransientFailureIsRetriedWithBackoffAndAppliedOnce() {
        String key = "acc-" + UUID.randomUUID();
        String flaky = UUID.randomUUID().toString();
        publisher.publish(Topics.ALLIANCE, key, event(flaky, "test.flaky", key));

        await().atMost(Duration.ofSeconds(15)).until(() -> listener.effectsOf(flaky) == 1);
        assertThat(listener.attemptsOf(flaky)).isEqualTo(3);
        // A poison marker on the same key (same partition) follows the flaky record: once the marker is on the
        // dead-letter topic, anything the flaky record had sent there would be there too.
        String marker = UUID.randomUUID().toString();
        publisher.publish(Topics.ALLIANCE, key, event(marker, "test.poison", key));
        try (TopicProbe dlt = new TopicProbe(bootstrap, Topics.deadLetter(Topics.ALLIANCE))) {
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                    assertThat(dlt.records()).anyMatch(r -> key.equals(r.key()) && marker.equals(EventJson.read(r.value()).id())));
            assertThat(dlt.records()).filteredOn(r -> key.equals(r.key())).extracting(r -> EventJson.read(r.value()).id()).containsExactly(marker);
        }
    }

    @Test
    void theSameEventDeliveredThreeTimesHasOneEffect() {
        String key = "acc-" + UUID.randomUUID();
        String id = UUID.randomUUID().toString();
        CloudEvent event = event(id, "test.deposited", key);
        for (int i = 0; i < 3; i++) {
            publisher.publish(Topics.ALLIANCE, key, event);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> listener.attemptsOf(id) == 3);
        assertThat(listener.effectsOf(id)).isEqualTo(1);
    }

    private static CloudEvent event(String id, String type, String subject) {
        return new CloudEvent("1.0", id, "/test", type, subject, Instant.now(), CloudEvent.JSON,
                EventJson.mapper().valueToTree(Map.of("amount", 1)), null);
    }
}
