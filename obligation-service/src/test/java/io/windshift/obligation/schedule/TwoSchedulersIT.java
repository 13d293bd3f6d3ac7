package io.windshift.obligation.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.windshift.contract.Topics;
import io.windshift.messaging.publish.EventPublisher;
import io.windshift.messaging.testing.EmbeddedMongo;
import io.windshift.messaging.testing.TopicProbe;
import io.windshift.obligation.ObligationServiceIntegrationTest;
import io.windshift.obligation.people.Workforce;
import io.windshift.obligation.register.Category;
import io.windshift.obligation.register.Direction;
import io.windshift.obligation.register.IsolatedRegister;
import io.windshift.obligation.register.ObligationEvents;
import io.windshift.obligation.register.ObligationRegister;
import io.windshift.obligation.register.ObligationTerms;
import io.windshift.obligation.register.ObligationType;
import io.windshift.obligation.register.Schedule;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Two scheduler instances, each with its own Mongo connection and its own Kafka producer, race over the same
 * store on the real broker. Every (occurrence, lead time) must reach the topic exactly once, and the two
 * instances' claims must add up to exactly that many: the race runs on a database of its own, so no other
 * test's occurrences are claimed in its passes, and a second claim of any occurrence would show in the sum.
 */
class TwoSchedulersIT extends ObligationServiceIntegrationTest {

    static final int OBLIGATIONS = 120;

    @Autowired ObligationEvents events;
    @Autowired Workforce workforce;

    final String database = "two-schedulers-" + UUID.randomUUID();
    final List<MongoClient> clients = new ArrayList<>();
    final List<KafkaTemplate<String, String>> producers = new ArrayList<>();

    @AfterEach
    void close() {
        if (!clients.isEmpty()) {
            clients.getFirst().getDatabase(database).drop();
        }
        clients.forEach(MongoClient::close);
        producers.forEach(KafkaTemplate::destroy);
    }

    /** A connection of its own to the race's database. */
    MongoTemplate connection() {
        MongoClient client = MongoClients.create(EmbeddedMongo.uri());
        clients.add(client);
        return new MongoTemplate(client, database);
    }

    ReminderScheduler instance() {
        MongoTemplate mongo = connection();
        KafkaTemplate<String, String> kafka = new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true)));
        producers.add(kafka);
        return new ReminderScheduler(mongo, new DueIndex(mongo), events, workforce,
                new EventPublisher(kafka, Duration.ofSeconds(10)), clock, new SimpleMeterRegistry());
    }

    @Test
    void eachReminderIsSentExactlyOnceWhileTwoInstancesRace() throws Exception {
        ReminderScheduler first = instance();
        ReminderScheduler second = instance();
        MongoTemplate registerStore = connection();
        ObligationRegister register = IsolatedRegister.on(registerStore, new DueIndex(registerStore), events, publisher, clock);
        LocalDate due = clock.today().plusDays(35);
        Set<String> ours = new HashSet<>();
        for (int i = 0; i < OBLIGATIONS; i++) {
            // Half due on one day, half three days later: both instances see the same full buckets.
            LocalDate date = i % 2 == 0 ? due : due.plusDays(3);
            ours.add(register.register(new ObligationTerms("al-race", "Milestone " + i, "AGR-R", "7." + i, Category.FINANCIAL,
                    ObligationType.MILESTONE_PAYMENT, Direction.OWED_TO_US, "p-owner-" + i, null, BigDecimal.TEN, "EUR", null,
                    Schedule.once(date)), "test").id());
        }
        AtomicInteger claimedByFirst = new AtomicInteger();
        AtomicInteger claimedBySecond = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (TopicProbe probe = new TopicProbe(bootstrap, Topics.OBLIGATION)) {
            for (LocalDate day = clock.today(); !day.isAfter(due.plusDays(5)); day = day.plusDays(1)) {
                clock.travelTo(day.atStartOfDay(ZoneOffset.UTC).toInstant().plus(Duration.ofMinutes(30)));
                CountDownLatch start = new CountDownLatch(1);
                CompletableFuture<Void> a = CompletableFuture.runAsync(() -> race(start, first, claimedByFirst), pool);
                CompletableFuture<Void> b = CompletableFuture.runAsync(() -> race(start, second, claimedBySecond), pool);
                start.countDown();
                CompletableFuture.allOf(a, b).join();
            }
            int expected = OBLIGATIONS * 4;
            await().atMost(Duration.ofSeconds(20)).until(() -> reminders(probe, ours).size() >= expected);
            List<ReminderSchedulerIT.Reminder> reminders = reminders(probe, ours);
            assertThat(reminders).hasSize(expected);
            assertThat(reminders).doesNotHaveDuplicates();
            assertThat(reminders.stream().collect(Collectors.groupingBy(ReminderSchedulerIT.Reminder::lead, Collectors.counting())))
                    .containsOnly(Map.entry(30, (long) OBLIGATIONS), Map.entry(7, (long) OBLIGATIONS), Map.entry(1, (long) OBLIGATIONS),
                            Map.entry(-1, (long) OBLIGATIONS));
            List<String> ids = probe.records().stream().filter(r -> ours.contains(r.key()))
                    .filter(r -> !"obligation.registered".equals(TopicProbe.header(r, "ce_type")))
                    .map(r -> TopicProbe.header(r, "ce_id")).toList();
            assertThat(ids).hasSize(expected).doesNotHaveDuplicates();
            assertThat(claimedByFirst.get() + claimedBySecond.get()).as("claims of both instances").isEqualTo(expected);
            System.out.printf("two schedulers: first claimed %d, second claimed %d%n", claimedByFirst.get(), claimedBySecond.get());
        } finally {
            pool.shutdownNow();
        }
    }

    private static void race(CountDownLatch start, ReminderScheduler scheduler, AtomicInteger claimed) {
        try {
            start.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        claimed.addAndGet(scheduler.runOnce());
    }

    private static List<ReminderSchedulerIT.Reminder> reminders(TopicProbe probe, Set<String> obligationIds) {
        return probe.records().stream().filter(r -> obligationIds.contains(r.key())).map(ObligationServiceIntegrationTest::read)
                .filter(e -> e.type().startsWith("obligation.milestone-due") || e.type().startsWith("obligation.overdue"))
                .map(ReminderSchedulerIT::reminder).toList();
    }
}
