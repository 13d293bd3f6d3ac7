package io.windshift.notification.subscriptions.internal;

import io.windshift.contract.CloudEvent;
import io.windshift.contract.Topics;
import io.windshift.messaging.config.MessagingAutoConfiguration;
import io.windshift.notification.subscriptions.SubscribableEvents;
import io.windshift.notification.subscriptions.SubscriptionOutbox;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;

/**
 * Alliance and obligation events in, deliveries for subscriptions queued: a poll at a time, in one bulk upsert, in
 * a consumer group of its own (so a slow or failing queue never holds up people's notifications). Queuing is
 * idempotent by (subscription, event), so a redelivered poll queues nothing twice. A record that could not be read is
 * skipped here: the inbox's group already dead-letters it, once.
 */
@Component
class SubscriptionEventListener {

    private static final Logger log = LoggerFactory.getLogger(SubscriptionEventListener.class);

    private final SubscriptionOutbox outbox;

    SubscriptionEventListener(SubscriptionOutbox outbox) {
        this.outbox = outbox;
    }

    @KafkaListener(topics = {Topics.ALLIANCE, Topics.OBLIGATION}, groupId = "notification-service.subscriptions",
            containerFactory = MessagingAutoConfiguration.BATCH_FACTORY)
    void on(List<ConsumerRecord<String, CloudEvent>> records) {
        List<CloudEvent> events = new ArrayList<>();
        for (ConsumerRecord<String, CloudEvent> record : records) {
            CloudEvent event = record.value();
            if (event != null && SubscribableEvents.of(event.type()).isPresent()) {
                events.add(event);
            }
        }
        if (events.isEmpty()) {
            return;
        }
        try {
            int queued = outbox.enqueue(events);
            if (queued > 0) {
                log.info("{} subscription deliveries queued for {} event(s)", queued, events.size());
            }
        } catch (RuntimeException e) {
            // Nothing of this poll is committed: the whole poll comes again, and queuing it again changes nothing.
            throw new BatchListenerFailedException("queuing subscription deliveries failed: " + e.getMessage(), e, 0);
        }
    }
}
