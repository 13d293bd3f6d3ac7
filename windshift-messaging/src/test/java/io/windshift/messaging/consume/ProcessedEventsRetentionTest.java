package io.windshift.messaging.consume;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.windshift.contract.CloudEvent;
import io.windshift.contract.EventType;
import io.windshift.messaging.retention.RetentionSweeper;
import io.windshift.messaging.retention.RetentionTask;
import io.windshift.messaging.store.Leases;
import io.windshift.messaging.testing.EmbeddedMongo;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

/** Processed-event ids are kept for the retention and no longer, trimmed by whole generations on the embedded store. */
class ProcessedEventsRetentionTest {

    static final Duration RETENTION = Duration.ofDays(14);

    final MongoClient client = MongoClients.create(EmbeddedMongo.uri());
    final MongoTemplate mongo = new MongoTemplate(client, "processed-retention-" + UUID.randomUUID());
    final MovableClock clock = new MovableClock();
    final ProcessedEvents processed = new ProcessedEvents(mongo, clock, RETENTION);
    final RetentionSweeper sweeper = new RetentionSweeper(List.of(processed), new Leases(mongo, RetentionSweeper.LEASES, clock, "a"),
            clock, Duration.ofHours(1));

    @AfterEach
    void drop() {
        mongo.getDb().drop();
        client.close();
    }

    @Test
    void aRedeliveredEventInsideTheRetentionWindowIsStillRecognisedAfterTrims() {
        // The last day of a generation: the redelivery falls in the next one.
        clock.now = processed.generationOf(Instant.parse("2027-03-01T00:00:00Z")).plusDays(13).atStartOfDay(ZoneOffset.UTC).toInstant()
                .plus(Duration.ofHours(12));
        IdempotentConsumer consumer = new IdempotentConsumer(processed, new SimpleMeterRegistry());
        CloudEvent event = CloudEvent.of("ev-" + UUID.randomUUID(), EventType.HR_WORKER_TERMINATED, "/test", "p-1", clock.now, null, null);
        AtomicInteger effects = new AtomicInteger();

        Instant first = clock.now;
        assertThat(consumer.handleOnce("inbox", event, e -> effects.incrementAndGet())).isTrue();
        for (Duration later : List.of(Duration.ofHours(13), Duration.ofDays(7), RETENTION.minusMinutes(1))) {
            clock.now = first.plus(later);
            sweeper.runOnce();
            assertThat(consumer.handleOnce("inbox", event, e -> effects.incrementAndGet())).as("redelivered %s later", later).isFalse();
        }
        assertThat(effects).hasValue(1);
    }

    @Test
    void theTrimRemovesIdsPastRetentionAndKeepsRecentOnes() {
        Instant start = processed.generationOf(Instant.parse("2027-03-01T00:00:00Z")).atStartOfDay(ZoneOffset.UTC).toInstant();
        clock.now = start.plus(Duration.ofHours(1));
        processed.record("inbox", "old", "t");
        clock.now = start.plus(Duration.ofDays(20));
        processed.record("inbox", "recent", "t");

        clock.now = start.plus(Duration.ofDays(14)).plus(Duration.ofMinutes(59));
        assertThat(sweeper.runOnce()).as("nothing is past retention yet").isZero();
        assertThat(processed.contains("inbox", "old")).isTrue();

        clock.now = start.plus(Duration.ofDays(29));
        assertThat(sweeper.runOnce()).as("the first generation went").isEqualTo(1);
        assertThat(processed.contains("inbox", "old")).isFalse();
        assertThat(processed.contains("inbox", "recent")).isTrue();
        assertThat(mongo.getCollectionNames()).noneMatch(n -> n.equals(ProcessedEvents.collectionName(processed.generationOf(start))));
    }

    @Test
    void idsInTheUnsuffixedCollectionOfEarlierVersionsAreReadUntilItHasBeenIdleForTheRetention() {
        clock.now = Instant.parse("2027-03-01T08:00:00Z");
        mongo.getCollection(ProcessedEvents.COLLECTION).insertOne(new Document("_id", "inbox|legacy").append("type", "t"));
        ProcessedEvents upgraded = new ProcessedEvents(mongo, clock, RETENTION);
        assertThat(upgraded.contains("inbox", "legacy")).isTrue();
        assertThat(upgraded.trim(clock.now)).isZero();

        clock.now = clock.now.plus(RETENTION.minusHours(1));
        assertThat(upgraded.trim(clock.now)).isZero();
        assertThat(upgraded.contains("inbox", "legacy")).isTrue();

        clock.now = clock.now.plus(Duration.ofHours(2));
        assertThat(upgraded.trim(clock.now)).isEqualTo(1);
        assertThat(upgraded.contains("inbox", "legacy")).isFalse();
        assertThat(mongo.getCollectionNames()).doesNotContain(ProcessedEvents.COLLECTION);
    }

    @Test
    void oneInstanceTrimsARoundWhileItHoldsTheLease() {
        clock.now = Instant.parse("2027-03-01T08:00:00Z");
        AtomicInteger runs = new AtomicInteger();
        RetentionTask counting = new RetentionTask() {
            public String name() {
                return "counting";
            }

            public long trim(Instant now) {
                return runs.incrementAndGet();
            }
        };
        RetentionSweeper a = new RetentionSweeper(List.of(counting), new Leases(mongo, RetentionSweeper.LEASES, clock, "a"), clock, Duration.ofHours(1));
        RetentionSweeper b = new RetentionSweeper(List.of(counting), new Leases(mongo, RetentionSweeper.LEASES, clock, "b"), clock, Duration.ofHours(1));
        a.runOnce();
        b.runOnce();
        assertThat(runs).as("b skipped while a holds the lease").hasValue(1);
        clock.now = clock.now.plus(Duration.ofMinutes(61));
        a.runOnce();
        b.runOnce();
        assertThat(runs).as("a renewed its lease; b still skips").hasValue(2);
    }

    static final class MovableClock extends Clock {
        volatile Instant now = Instant.parse("2027-03-01T08:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
