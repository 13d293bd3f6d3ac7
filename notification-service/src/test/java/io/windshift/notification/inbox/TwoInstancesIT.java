package io.windshift.notification.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.windshift.contract.CloudEvent;
import io.windshift.contract.EventIds;
import io.windshift.contract.EventType;
import io.windshift.contract.Topics;
import io.windshift.contract.alliance.ChangeImpactAssessed;
import io.windshift.contract.alliance.ChangeImpactAssessed.Finding;
import io.windshift.messaging.testing.EmbeddedMongo;
import io.windshift.messaging.testing.TestKeys;
import io.windshift.notification.NotificationIntegrationTest;
import io.windshift.notification.NotificationServiceApplication;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * Two instances of the service (two Spring contexts, one consumer group, one database) share the partitions.
 * Impacts of one trigger land on different partitions, so both instances fold facts into the same
 * notification concurrently; every event is also sent twice. Each person still has exactly one notification
 * per trigger, listing every alliance.
 */
class TwoInstancesIT extends NotificationIntegrationTest {

    @Autowired KafkaListenerEndpointRegistry registry;
    @Autowired Inbox inbox;
    @Value("${spring.kafka.bootstrap-servers}") String bootstrap;

    ConfigurableApplicationContext second;

    @BeforeEach
    void startSecondInstance() {
        second = new SpringApplicationBuilder(NotificationServiceApplication.class).run(
                "--server.port=0", "--spring.kafka.bootstrap-servers=" + bootstrap, "--spring.mongodb.uri=" + EmbeddedMongo.uri(),
                "--spring.mongodb.database=notification-it", "--windshift.messaging.partitions=3", "--windshift.messaging.listener-concurrency=1",
                "--windshift.security.jwt.public-key-location=" + TestKeys.publicKeyLocation(),
                "--windshift.notification.delivery.poll-interval=PT1H", "--windshift.notification.escalation.scan-interval=PT1H",
                "--windshift.notification.actions.scan-interval=PT1H",
                "--management.otlp.metrics.export.enabled=false");
        KafkaListenerEndpointRegistry other = second.getBean(KafkaListenerEndpointRegistry.class);
        await().atMost(Duration.ofSeconds(30)).until(() -> assigned(registry, Topics.ALLIANCE) > 0 && assigned(other, Topics.ALLIANCE) > 0);
    }

    @AfterEach
    void stopSecondInstance() {
        second.close();
    }

    @Test
    void bothInstancesFoldTheFactsOfOneTriggerIntoOneNotificationPerPerson() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String lead = "p-lead-" + run;
        List<String> alliances = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String al = "al-" + i + "-" + run;
            alliances.add(al);
            publish(registered(al, "Alliance " + i, "STANDARD", List.of(member("PARTNERSHIP_LEAD", lead)), List.of()));
        }
        List<String> triggers = new ArrayList<>();
        for (int t = 0; t < 5; t++) {
            String trigger = "reorg-" + t + "-" + run;
            triggers.add(trigger);
            for (String al : alliances) {
                CloudEvent impact = CloudEvent.of(EventIds.derived(trigger, al), EventType.ALLIANCE_CHANGE_IMPACT_ASSESSED, "/test", al, now(),
                        new ChangeImpactAssessed("imp-" + trigger + al, trigger, "hr.org.reorganized", al, "Alliance " + al, "STANDARD", "EARLY",
                                "MEDIUM", "OPEN", List.of(new Finding("LEAD_VACANT", "PROGRAM_MANAGER", "p-x", null)), List.of("Act"), now(), 1), null);
                publish(impact);
                publish(impact);
            }
        }

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<Notification> mine = inbox.page(lead, false, 0, 100);
            assertThat(mine).hasSize(triggers.size());
            assertThat(mine).extracting(Notification::sourceEventId).containsExactlyInAnyOrderElementsOf(triggers);
            assertThat(mine).allSatisfy(n -> {
                assertThat(n.allianceIds()).containsExactlyInAnyOrderElementsOf(alliances);
                assertThat(n.facts()).hasSize(alliances.size());
            });
        });
        assertThat(assigned(registry, Topics.ALLIANCE) + assigned(second.getBean(KafkaListenerEndpointRegistry.class), Topics.ALLIANCE))
                .as("the partitions are split between the instances").isEqualTo(3);
    }

    private static int assigned(KafkaListenerEndpointRegistry registry, String topic) {
        int count = 0;
        for (MessageListenerContainer container : registry.getListenerContainers()) {
            if (!"notification-service".equals(container.getGroupId())) {
                continue; // the event subscriptions' group reads the same topic on its own
            }
            Collection<TopicPartition> partitions = container.getAssignedPartitions();
            if (partitions != null) {
                count += (int) partitions.stream().filter(p -> p.topic().equals(topic)).count();
            }
        }
        return count;
    }
}
