package io.windshift.messaging.it;

import io.windshift.contract.CloudEvent;
import io.windshift.contract.Topics;
import io.windshift.messaging.consume.IdempotentConsumer;
import io.windshift.messaging.consume.PoisonEventException;
import io.windshift.messaging.publish.EventPublisher;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/** The library inside a minimal service: one aggregate with an outbox and one idempotent listener. */
@SpringBootApplication
public class MessagingTestApplication {

    /** A publisher whose next N sends fail, standing in for a broker that is briefly away. */
    public static class FlakyPublisher extends EventPublisher {
        private final AtomicInteger failuresLeft = new AtomicInteger();

        public FlakyPublisher(KafkaTemplate<String, String> template) {
            super(template, Duration.ofSeconds(10));
        }

        public void failNext(int sends) {
            failuresLeft.set(sends);
        }

        @Override
        protected java.util.concurrent.CompletableFuture<?> send(Outgoing outgoing) {
            if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                return java.util.concurrent.CompletableFuture.failedFuture(new IllegalStateException("broker unavailable (simulated)"));
            }
            return super.send(outgoing);
        }
    }

    @Bean
    @Primary
    FlakyPublisher flakyPublisher(KafkaTemplate<String, String> template) {
        return new FlakyPublisher(template);
    }

    /** Counts effects per event id: the witness of "one effect downstream". */
    @Component
    public static class LedgerListener {
        final Map<String, AtomicInteger> effects = new ConcurrentHashMap<>();
        final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
        final List<String> appliedOrder = new CopyOnWriteArrayList<>();
        private final IdempotentConsumer idempotent;

        LedgerListener(IdempotentConsumer idempotent) {
            this.idempotent = idempotent;
        }

        @KafkaListener(topics = Topics.ALLIANCE, groupId = "ledger-listener")
        void on(CloudEvent event) {
            attempts.computeIfAbsent(event.id(), k -> new AtomicInteger()).incrementAndGet();
            idempotent.handleOnce("ledger-listener", event, e -> {
                switch (e.type()) {
                    case "test.poison" -> throw new PoisonEventException("amount must be positive");
                    case "test.flaky" -> {
                        if (attempts.get(e.id()).get() <= 2) {
                            throw new IllegalStateException("store briefly unavailable (simulated)");
                        }
                    }
                    default -> { }
                }
                effects.computeIfAbsent(e.id(), k -> new AtomicInteger()).incrementAndGet();
                appliedOrder.add(e.id());
            });
        }

        public int effectsOf(String eventId) {
            AtomicInteger n = effects.get(eventId);
            return n == null ? 0 : n.get();
        }

        public int attemptsOf(String eventId) {
            AtomicInteger n = attempts.get(eventId);
            return n == null ? 0 : n.get();
        }
    }
}
