package io.windshift.messaging.consume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.windshift.contract.CloudEvent;
import io.windshift.contract.EventType;
import io.windshift.messaging.testing.EmbeddedMongo;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.listener.BatchListenerFailedException;

/** A poll applied in order, runs together, each event once, and a failure that names the record it came from. */
class IdempotentBatchTest {

    final MongoClient client = MongoClients.create(EmbeddedMongo.uri());
    final MongoTemplate mongo = new MongoTemplate(client, "batch-" + UUID.randomUUID());
    final IdempotentConsumer idempotent = new IdempotentConsumer(new ProcessedEvents(mongo, Clock.systemUTC(), Duration.ofDays(14)),
            new SimpleMeterRegistry());
    final List<String> applied = new ArrayList<>();
    String poison;

    final IdempotentBatch batch = new IdempotentBatch(idempotent, "test", e -> e.knownType().orElseThrow() == EventType.ALLIANCE_CHANGE_IMPACT_ASSESSED,
            run -> {
                if (run.stream().anyMatch(e -> e.id().equals(poison))) {
                    throw new PoisonEventException("bad impact");
                }
                applied.add("run" + run.stream().map(CloudEvent::id).toList());
            },
            one -> {
                if (one.id().equals(poison)) {
                    throw new PoisonEventException("bad impact " + one.id());
                }
                applied.add(one.id());
            });

    @AfterEach
    void drop() {
        mongo.getDb().drop();
        client.close();
    }

    @Test
    void runsOfImpactsGoTogetherOtherEventsOnTheirOwnInOrderAndARedeliveryAppliesNothing() {
        List<ConsumerRecord<String, CloudEvent>> poll = poll(impact("i1"), impact("i2"), other("r1"), impact("i3"), other("r2"), other("r3"), impact("i4"));
        batch.handle(poll);
        assertThat(applied).containsExactly("run[i1, i2]", "r1", "run[i3]", "r2", "r3", "run[i4]");

        applied.clear();
        batch.handle(poll);
        assertThat(applied).isEmpty();
    }

    @Test
    void aFailingRunIsAppliedOneByOneAndTheFailureNamesThePoisonRecord() {
        poison = "i3";
        List<ConsumerRecord<String, CloudEvent>> poll = poll(other("r1"), impact("i2"), impact("i3"), impact("i4"), other("r5"));
        assertThatThrownBy(() -> batch.handle(poll)).isInstanceOfSatisfying(BatchListenerFailedException.class, e -> {
            assertThat(e.getIndex()).isEqualTo(2);
            assertThat(e.getCause()).isInstanceOf(PoisonEventException.class);
        });
        // What came before the poison record is applied (its offsets are committed); nothing after it yet.
        assertThat(applied).containsExactly("r1", "i2");
        assertThat(idempotent.alreadyApplied("test", poll.get(1).value())).isTrue();
        assertThat(idempotent.alreadyApplied("test", poll.get(3).value())).isFalse();
    }

    @Test
    void anUnreadableRecordIsMalformedAndWhatCameBeforeItIsApplied() {
        List<ConsumerRecord<String, CloudEvent>> poll = new ArrayList<>(poll(impact("i1")));
        poll.add(new ConsumerRecord<>("alliance", 0, 1, "k", null));
        assertThatThrownBy(() -> batch.handle(poll)).isInstanceOfSatisfying(BatchListenerFailedException.class, e -> {
            assertThat(e.getIndex()).isEqualTo(1);
            assertThat(e.getCause()).isInstanceOf(MalformedEventException.class);
        });
        assertThat(applied).containsExactly("run[i1]");
    }

    private static CloudEvent impact(String id) {
        return CloudEvent.of(id, EventType.ALLIANCE_CHANGE_IMPACT_ASSESSED, "/test", "al-1", Instant.now(), null, null);
    }

    private static CloudEvent other(String id) {
        return CloudEvent.of(id, EventType.ALLIANCE_ROLE_VACATED, "/test", "al-1", Instant.now(), null, null);
    }

    private static List<ConsumerRecord<String, CloudEvent>> poll(CloudEvent... events) {
        List<ConsumerRecord<String, CloudEvent>> records = new ArrayList<>();
        for (int i = 0; i < events.length; i++) {
            records.add(new ConsumerRecord<>("alliance", 0, i, "al-1", events[i]));
        }
        return records;
    }
}
