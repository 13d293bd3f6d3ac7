package io.windshift.messaging.publish;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.windshift.messaging.publish.EventPublisher.Outgoing;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;

/**
 * Publishes what an integrator posted (an HR or finance request) all or nothing, and says no at once when the
 * broker is away, so the integrator retries instead of waiting on us.
 *
 * <ul>
 *   <li>All or nothing: the request's events go in one Kafka transaction; consumers read committed records
 *   only, so a batch that was not committed is never seen, even if part of it reached the log.</li>
 *   <li>Fast refusal: the request is answered within about {@code respondWithin} when the broker is gone, while
 *   a broker that is merely slow is waited for up to {@code maxBlock} ({@link IntakeTransaction} says how the two
 *   are told apart). The attempt's outcome drives a circuit breaker: after a failure, requests are refused
 *   without trying for {@code retryAfter}, then one request tries again.</li>
 * </ul>
 * A refusal is a {@link BrokerUnavailableException}, answered as 503 with {@code Retry-After}. An abandoned
 * transaction is aborted off the request thread (and by the coordinator after {@code transactionTimeout},
 * should the broker stay away), so no response waits for it.
 *
 * <p>Initialising a transactional producer can take longer than that the first time (a new cluster creates its
 * transaction log then), so the first producer is initialised in the background at start-up, tried again until
 * it succeeds, and readiness waits for it ({@link #isReady()}).
 */
public class IntakePublisher implements InitializingBean, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(IntakePublisher.class);

    private final DefaultKafkaProducerFactory<String, String> producers;
    private final CircuitBreaker breaker;
    private final Duration retryAfter;
    private final Duration respondWithin;
    private final CountDownLatch ready = new CountDownLatch(1);
    private volatile boolean closed;

    public IntakePublisher(Map<String, Object> producerConfig, String transactionIdPrefix, Duration respondWithin, Duration maxBlock,
                           Duration retryAfter, Duration transactionTimeout) {
        Map<String, Object> config = new HashMap<>(producerConfig);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) maxBlock.toMillis());
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) maxBlock.toMillis());
        // Kafka requires delivery >= linger + request timeout; no record outlives a commit's wait by much.
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) maxBlock.toMillis() + 100);
        config.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, (int) transactionTimeout.toMillis());
        this.producers = new DefaultKafkaProducerFactory<>(config);
        this.producers.setTransactionIdPrefix(transactionIdPrefix);
        this.producers.setPhysicalCloseTimeout((int) Math.max(1, maxBlock.toSeconds()));
        this.retryAfter = retryAfter;
        this.respondWithin = respondWithin;
        // The last attempt decides: one failure opens the breaker, one trial after retryAfter closes it again.
        this.breaker = CircuitBreaker.of("kafka-intake", CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(1)
                .minimumNumberOfCalls(1)
                .failureRateThreshold(100)
                .waitDurationInOpenState(retryAfter)
                .permittedNumberOfCallsInHalfOpenState(1)
                .build());
        breaker.getEventPublisher().onStateTransition(e -> log.warn("Kafka intake: {}", e.getStateTransition()));
    }

    /** Publishes every event or none; throws {@link BrokerUnavailableException} when none was published. */
    public void publishAtomically(List<Outgoing> events) {
        if (events.isEmpty()) {
            return;
        }
        List<ProducerRecord<String, String>> records = events.stream().map(EventPublisher::toRecord).toList();
        if (!awaitReady()) {
            throw new BrokerUnavailableException("still connecting to the broker", retryAfter, null);
        }
        if (!breaker.tryAcquirePermission()) {
            throw new BrokerUnavailableException("the broker was unavailable moments ago", retryAfter, null);
        }
        long started = System.nanoTime();
        IntakeTransaction transaction = new IntakeTransaction(producers, records);
        Thread.ofVirtual().name("kafka-intake").start(transaction);
        try {
            transaction.await(respondWithin);
        } catch (Exception e) {
            breaker.onError(System.nanoTime() - started, TimeUnit.NANOSECONDS, e);
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new BrokerUnavailableException("the broker did not take the events: " + e.getMessage(), retryAfter, e);
        }
        breaker.onSuccess(System.nanoTime() - started, TimeUnit.NANOSECONDS);
    }

    /** True once a transactional producer has been initialised: requests can be taken. */
    public boolean isReady() {
        return ready.getCount() == 0;
    }

    private boolean awaitReady() {
        try {
            return ready.await(respondWithin.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void afterPropertiesSet() {
        Thread.ofVirtual().name("kafka-intake-warm-up").start(() -> {
            while (!closed && !isReady()) {
                try {
                    // Returned to the factory's cache: the first request finds it initialised.
                    producers.createProducer().close();
                    ready.countDown();
                    log.info("Kafka intake ready");
                } catch (RuntimeException e) {
                    log.debug("Kafka intake not ready yet: {}", e.getMessage());
                    sleepQuietly(Duration.ofMillis(500));
                }
            }
        });
    }

    private static void sleepQuietly(Duration pause) {
        try {
            Thread.sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void destroy() {
        closed = true;
        producers.destroy();
    }
}
