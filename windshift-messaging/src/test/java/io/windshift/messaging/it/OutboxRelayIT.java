package io.windshift.messaging.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.windshift.contract.Topics;
import io.windshift.messaging.it.MessagingTestApplication.FlakyPublisher;
import io.windshift.messaging.it.MessagingTestApplication.LedgerListener;
import io.windshift.messaging.outbox.Outbox;
import io.windshift.messaging.outbox.OutboxRelay;
import io.windshift.messaging.publish.EventPublisher;
import io.windshift.messaging.testing.TopicProbe;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.MongoTemplate;

class OutboxRelayIT extends MessagingIntegrationTest {

    @Autowired Outbox outbox;
    @Autowired OutboxRelay relay;
    @Autowired FlakyPublisher publisher;
    @Autowired MongoTemplate mongo;
    @Autowired LedgerListener listener;
    @Value("${spring.kafka.bootstrap-servers}") String bootstrap;

    @AfterEach
    void healBroker() {
        publisher.failNext(0);
        relay.setHook(null);
    }

    @Test
    void stateAndEventsAreOneWriteThenRelayedInOrderKeyedByAggregateId() {
        String account = "acc-" + UUID.randomUUID();
        List<String> ids = List.of(UUID.randomUUID().toString(), UUID.randomUUID().toString(), UUID.randomUUID().toString());
        LedgerAccount ledger = new LedgerAccount(account);
        ids.forEach(id -> ledger.deposit(id, 10));

        publisher.failNext(Integer.MAX_VALUE);
        outbox.save(ledger);

        Document stored = rawDocument(account);
        assertThat(stored.getLong("balance")).isEqualTo(30);
        assertThat(stored.getList("pendingEvents", Document.class)).extracting(d -> d.getString("eventId")).containsExactlyElementsOf(ids);

        publisher.failNext(0);
        assertThat(relay.sweep()).isGreaterThanOrEqualTo(3);

        assertThat(rawDocument(account).getList("pendingEvents", Document.class)).isEmpty();
        try (TopicProbe probe = new TopicProbe(bootstrap, Topics.ALLIANCE)) {
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(recordsOf(probe, account)).extracting(r -> TopicProbe.header(r, EventPublisher.HEADER_ID))
                            .containsExactlyElementsOf(ids));
            assertThat(recordsOf(probe, account)).allSatisfy(r -> assertThat(r.key()).isEqualTo(account));
            assertThat(recordsOf(probe, account)).extracting(ConsumerRecord::partition).containsOnly(recordsOf(probe, account).getFirst().partition());
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(ids).allSatisfy(id -> assertThat(listener.effectsOf(id)).isEqualTo(1)));
    }

    @Test
    void aBatchSavesEachAggregateAtOnceAndRelaysAllTheirEventsTogetherOrFailsSafe() {
        List<String> accounts = List.of("acc-" + UUID.randomUUID(), "acc-" + UUID.randomUUID(), "acc-" + UUID.randomUUID());
        List<String> ids = new java.util.ArrayList<>();
        try (Outbox.Batch batch = outbox.batch()) {
            for (String account : accounts) {
                LedgerAccount ledger = new LedgerAccount(account);
                for (int i = 0; i < 2; i++) {
                    String id = UUID.randomUUID().toString();
                    ids.add(id);
                    ledger.deposit(id, 5);
                }
                batch.save(ledger);
                // Saved, not yet relayed: the events wait in the document.
                assertThat(rawDocument(account).getList("pendingEvents", Document.class)).hasSize(2);
            }
        }
        assertThat(accounts).allSatisfy(a -> assertThat(rawDocument(a).getList("pendingEvents", Document.class)).isEmpty());
        try (TopicProbe probe = new TopicProbe(bootstrap, Topics.ALLIANCE)) {
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(accounts).allSatisfy(a ->
                    assertThat(recordsOf(probe, a)).extracting(r -> TopicProbe.header(r, EventPublisher.HEADER_ID))
                            .containsExactlyElementsOf(ids.subList(accounts.indexOf(a) * 2, accounts.indexOf(a) * 2 + 2))));
        }

        // A broker that refuses the batch: every event stays in its document for the sweep.
        String failing = "acc-" + UUID.randomUUID();
        publisher.failNext(Integer.MAX_VALUE);
        try (Outbox.Batch batch = outbox.batch()) {
            LedgerAccount ledger = new LedgerAccount(failing);
            ledger.deposit(UUID.randomUUID().toString(), 1);
            batch.save(ledger);
        }
        assertThat(rawDocument(failing).getList("pendingEvents", Document.class)).hasSize(1);
        publisher.failNext(0);
        assertThat(relay.sweep()).isGreaterThanOrEqualTo(1);
        assertThat(rawDocument(failing).getList("pendingEvents", Document.class)).isEmpty();
    }

    @Test
    void aBrokerThatFailsTheFirstSendsLeavesEventsPendingUntilTheSweepDrainsThem() {
        String account = "acc-" + UUID.randomUUID();
        String first = UUID.randomUUID().toString();
        String second = UUID.randomUUID().toString();
        LedgerAccount ledger = new LedgerAccount(account);
        ledger.deposit(first, 5);
        ledger.deposit(second, 7);

        publisher.failNext(2);
        outbox.save(ledger);
        assertThat(rawDocument(account).getList("pendingEvents", Document.class)).hasSize(2);

        relay.sweep();

        assertThat(rawDocument(account).getList("pendingEvents", Document.class)).isEmpty();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(listener.effectsOf(first)).isEqualTo(1);
            assertThat(listener.effectsOf(second)).isEqualTo(1);
        });
    }

    @Test
    void aCrashBetweenTheAckAndTheRemovalRepublishesTheSameIdsWithOneEffectDownstream() {
        String account = "acc-" + UUID.randomUUID();
        String eventId = UUID.randomUUID().toString();
        LedgerAccount ledger = new LedgerAccount(account);
        ledger.deposit(eventId, 42);
        relay.setHook((collection, id) -> {
            throw new IllegalStateException("process killed after the broker's ack (simulated)");
        });

        assertThatThrownBy(() -> outbox.save(ledger)).hasMessageContaining("killed");
        assertThat(rawDocument(account).getList("pendingEvents", Document.class)).hasSize(1);

        relay.setHook(null);
        relay.sweep(); // the restarted process finds the event still pending and publishes it again

        try (TopicProbe probe = new TopicProbe(bootstrap, Topics.ALLIANCE)) {
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(recordsOf(probe, account)).extracting(r -> TopicProbe.header(r, EventPublisher.HEADER_ID))
                            .containsExactly(eventId, eventId));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> listener.attemptsOf(eventId) == 2);
        assertThat(listener.effectsOf(eventId)).isEqualTo(1);
        assertThat(rawDocument(account).getList("pendingEvents", Document.class)).isEmpty();
    }

    @Test
    void twoInstancesSweepingTogetherPublishEachPendingEventOnceAndApplyItOnce() throws Exception {
        String account = "acc-" + UUID.randomUUID();
        List<String> ids = List.of(UUID.randomUUID().toString(), UUID.randomUUID().toString());
        LedgerAccount ledger = new LedgerAccount(account);
        ids.forEach(id -> ledger.deposit(id, 1));
        publisher.failNext(Integer.MAX_VALUE);
        outbox.save(ledger);
        publisher.failNext(0);

        OutboxRelay secondInstance = new OutboxRelay(mongo, publisher, java.time.Clock.systemUTC(), Duration.ZERO,
                Duration.ofSeconds(30), "second-instance", new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
        secondInstance.watch("ledger_accounts");
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var first = pool.submit(relay::sweep);
            var second = pool.submit(secondInstance::sweep);
            first.get();
            second.get();
        } finally {
            pool.shutdown();
            secondInstance.releaseLeases();
        }

        try (TopicProbe probe = new TopicProbe(bootstrap, Topics.ALLIANCE)) {
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(recordsOf(probe, account)).extracting(r -> TopicProbe.header(r, EventPublisher.HEADER_ID))
                            .containsExactlyElementsOf(ids));
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(ids).allSatisfy(id -> assertThat(listener.effectsOf(id)).isEqualTo(1)));
    }

    private Document rawDocument(String id) {
        return mongo.getCollection("ledger_accounts").find(new Document("_id", id)).first();
    }

    private static List<ConsumerRecord<String, byte[]>> recordsOf(TopicProbe probe, String key) {
        return probe.records().stream().filter(r -> key.equals(r.key())).toList();
    }
}
