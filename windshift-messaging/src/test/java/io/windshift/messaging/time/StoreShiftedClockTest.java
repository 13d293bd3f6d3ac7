package io.windshift.messaging.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import io.windshift.messaging.testing.EmbeddedMongo;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

/** The injectable clock follows the offset in the store, on every instance, and a new instance starts where it stands. */
class StoreShiftedClockTest {

    final MongoClient client = MongoClients.create(EmbeddedMongo.uri());
    final MongoTemplate mongo = new MongoTemplate(client, "shifted-clock-" + UUID.randomUUID());

    @AfterEach
    void close() {
        client.close();
    }

    @Test
    void followsTheStoredOffsetOnEveryInstanceAndKeepsItAcrossARestart() {
        try (StoreShiftedClock first = new StoreShiftedClock(mongo, 50); StoreShiftedClock second = new StoreShiftedClock(mongo, 50)) {
            assertThat(Duration.between(Instant.now(), first.instant()).abs()).isLessThan(Duration.ofSeconds(5));
            shift(Duration.ofDays(10));
            await().atMost(Duration.ofSeconds(5)).until(() -> first.offsetMillis() == Duration.ofDays(10).toMillis()
                    && second.offsetMillis() == Duration.ofDays(10).toMillis());
            assertThat(Duration.between(Instant.now().plus(Duration.ofDays(10)), second.instant()).abs()).isLessThan(Duration.ofSeconds(5));
        }
        try (StoreShiftedClock restarted = new StoreShiftedClock(mongo, 60_000)) {
            assertThat(restarted.offsetMillis()).as("read at start, not only after the first refresh").isEqualTo(Duration.ofDays(10).toMillis());
        }
    }

    private void shift(Duration by) {
        mongo.getCollection(StoreShiftedClock.COLLECTION).replaceOne(Filters.eq("_id", StoreShiftedClock.ID),
                new Document("_id", StoreShiftedClock.ID).append(StoreShiftedClock.FIELD, by.toMillis()), new ReplaceOptions().upsert(true));
    }
}
