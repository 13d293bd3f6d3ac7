package io.windshift.messaging.publish;

import io.windshift.contract.CloudEvent;
import io.windshift.contract.EventJson;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Writes CloudEvents to Kafka in structured mode and waits for the broker's acknowledgement. The
 * {@code ce_*} headers let consumers route without parsing; {@code traceparent} carries the W3C trace
 * context that was current when the event was created, not when it is relayed.
 */
public class EventPublisher {

    public static final String HEADER_ID = "ce_id";
    public static final String HEADER_TYPE = "ce_type";
    public static final String HEADER_CONTENT_TYPE = "content-type";
    public static final String HEADER_TRACEPARENT = "traceparent";

    private final KafkaTemplate<String, String> template;
    private final Duration ackTimeout;

    public EventPublisher(KafkaTemplate<String, String> template, Duration ackTimeout) {
        this.template = template;
        this.ackTimeout = ackTimeout;
    }

    /** One event to publish, with its destination topic and record key. */
    public record Outgoing(String topic, String key, CloudEvent event) {
    }

    /** Publishes in order and returns once every record is acknowledged; throws if any is not. */
    public void publishAll(List<Outgoing> events) {
        List<CompletableFuture<?>> acks = events.stream().<CompletableFuture<?>>map(this::send).toList();
        long deadline = System.nanoTime() + ackTimeout.toNanos();
        for (CompletableFuture<?> ack : acks) {
            try {
                ack.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PublishFailedException("interrupted while waiting for the broker", e);
            } catch (ExecutionException | TimeoutException e) {
                throw new PublishFailedException("broker did not acknowledge: " + e.getMessage(), e);
            }
        }
    }

    public void publish(String topic, String key, CloudEvent event) {
        publishAll(List.of(new Outgoing(topic, key, event)));
    }

    protected CompletableFuture<?> send(Outgoing outgoing) {
        return template.send(toRecord(outgoing));
    }

    /** The record for one event: structured-mode value, {@code ce_*} routing headers, the event's trace context. */
    public static ProducerRecord<String, String> toRecord(Outgoing outgoing) {
        CloudEvent event = outgoing.event();
        RecordHeaders headers = new RecordHeaders();
        headers.add(HEADER_ID, bytes(event.id()));
        headers.add(HEADER_TYPE, bytes(event.type()));
        headers.add(HEADER_CONTENT_TYPE, bytes(CloudEvent.MEDIA_TYPE));
        if (event.traceparent() != null) {
            headers.add(HEADER_TRACEPARENT, bytes(event.traceparent()));
        }
        return new ProducerRecord<>(outgoing.topic(), null, outgoing.key(), EventJson.write(event), headers);
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    /** The broker did not take the event; nothing was lost, the caller keeps it and tries again. */
    public static class PublishFailedException extends RuntimeException {
        public PublishFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
