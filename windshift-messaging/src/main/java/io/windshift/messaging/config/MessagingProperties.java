package io.windshift.messaging.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code windshift.messaging.*}: topics, relay and retry settings shared by every service. */
@ConfigurationProperties("windshift.messaging")
public record MessagingProperties(
        Integer partitions,
        Short replicationFactor,
        Boolean createTopics,
        Duration sweepInterval,
        Duration sweepGrace,
        Duration sweepLease,
        Duration ackTimeout,
        Integer listenerConcurrency,
        Duration processedRetention,
        Duration retentionInterval,
        Retry retry,
        Intake intake) {

    public MessagingProperties {
        // Partitions bound the scale-out of one consumer group: 12 leaves room for 12 instances.
        partitions = partitions == null ? 12 : partitions;
        replicationFactor = replicationFactor == null ? 1 : replicationFactor;
        createTopics = createTopics == null || createTopics;
        sweepInterval = sweepInterval == null ? Duration.ofSeconds(10) : sweepInterval;
        sweepGrace = sweepGrace == null ? Duration.ofSeconds(5) : sweepGrace;
        sweepLease = sweepLease == null ? Duration.ofSeconds(30) : sweepLease;
        ackTimeout = ackTimeout == null ? Duration.ofSeconds(10) : ackTimeout;
        listenerConcurrency = listenerConcurrency == null ? 1 : listenerConcurrency;
        // Longer than the topics keep records (7 days by default), so any redelivery Kafka can still make is recognised.
        processedRetention = processedRetention == null ? Duration.ofDays(14) : processedRetention;
        retentionInterval = retentionInterval == null ? Duration.ofHours(1) : retentionInterval;
        retry = retry == null ? new Retry(null, null, null, null) : retry;
        intake = intake == null ? new Intake(null, null, null, null, null) : intake;
    }

    /** Bounded exponential backoff for failures that may heal (store or broker briefly away). */
    public record Retry(Integer maxRetries, Duration initialInterval, Double multiplier, Duration maxInterval) {
        public Retry {
            maxRetries = maxRetries == null ? 4 : maxRetries;
            initialInterval = initialInterval == null ? Duration.ofMillis(200) : initialInterval;
            multiplier = multiplier == null ? 2.0 : multiplier;
            maxInterval = maxInterval == null ? Duration.ofSeconds(2) : maxInterval;
        }
    }

    /**
     * Publishing what integrators post ({@code enabled} in the services that take HR or finance events): a request
     * meeting a broker that is gone is answered within about {@code respondWithin}; a slow broker is waited for up
     * to {@code maxBlock}; refusals say {@code Retry-After: retryAfter}; a transaction left open by a broker that
     * went away is aborted by the coordinator after {@code transactionTimeout}.
     */
    public record Intake(Boolean enabled, Duration respondWithin, Duration maxBlock, Duration retryAfter, Duration transactionTimeout) {
        public Intake {
            enabled = enabled != null && enabled;
            respondWithin = respondWithin == null ? Duration.ofSeconds(1) : respondWithin;
            maxBlock = maxBlock == null ? Duration.ofSeconds(5) : maxBlock;
            retryAfter = retryAfter == null ? Duration.ofSeconds(5) : retryAfter;
            transactionTimeout = transactionTimeout == null ? Duration.ofSeconds(10) : transactionTimeout;
        }
    }
}
