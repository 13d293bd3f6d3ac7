package io.windshift.notification.inbox.api;

import io.windshift.messaging.config.MessagingProperties;
import io.windshift.notification.inbox.NotificationChanged;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;
import org.springframework.kafka.listener.MessageListener;
import org.springframework.stereotype.Component;

/**
 * Carries "this notification changed" to every notification-service instance, so a person's live stream gets it
 * whichever instance they are connected to and whichever stored the notification: each instance publishes to
 * {@value #TOPIC} and reads all of it under a group of its own, from the latest offset (no sticky sessions).
 * Best effort by design: the stream is a hint to re-read; a reconnecting client re-reads its inbox anyway.
 */
@Component
class LiveFanOut implements SmartLifecycle {

    static final String TOPIC = "windshift.notification.live";
    private static final Logger log = LoggerFactory.getLogger(LiveFanOut.class);

    private final KafkaTemplate<String, String> kafka;
    private final NotificationStream stream;
    private final KafkaMessageListenerContainer<String, String> container;

    LiveFanOut(KafkaTemplate<String, String> kafka, KafkaProperties properties, NotificationStream stream) {
        this.kafka = kafka;
        this.stream = stream;
        Map<String, Object> config = new java.util.HashMap<>(properties.buildConsumerProperties());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "notification-service.live." + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        ContainerProperties containerProperties = new ContainerProperties(TOPIC);
        containerProperties.setMessageListener((MessageListener<String, String>) record -> {
            if (record.key() != null && record.value() != null) {
                stream.push(record.value(), record.key());
            }
        });
        // Nothing to commit: a new instance starts at the end, and its group is dropped once it stops.
        containerProperties.setAckMode(ContainerProperties.AckMode.MANUAL);
        this.container = new KafkaMessageListenerContainer<>(new DefaultKafkaConsumerFactory<>(config), containerProperties);
    }

    @EventListener
    void on(NotificationChanged changed) {
        // Asynchronous: the consumer that stored the notification does not wait for the broker.
        kafka.send(TOPIC, changed.recipientId(), changed.notificationId()).whenComplete((result, failure) -> {
            if (failure != null) {
                // The broker is away: at least the people connected here hear of it.
                log.debug("live fan-out unavailable ({}); pushing locally", failure.toString());
                stream.push(changed.notificationId(), changed.recipientId());
            }
        });
    }

    @Override
    public void start() {
        container.start();
    }

    @Override
    public void stop() {
        container.stop();
    }

    @Override
    public boolean isRunning() {
        return container.isRunning();
    }

    @org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
    static class Topic {
        @org.springframework.context.annotation.Bean
        NewTopic liveFanOutTopic(MessagingProperties messaging) {
            return new NewTopic(TOPIC, messaging.partitions(), messaging.replicationFactor());
        }
    }
}
