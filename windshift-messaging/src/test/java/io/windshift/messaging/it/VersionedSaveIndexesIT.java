package io.windshift.messaging.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.windshift.messaging.outbox.Outbox;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.Document;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.mongodb.core.MongoTemplate;

/** Versioned saves filter on {@code {_id, version}}: every versioned collection has the unique index that serves it. */
class VersionedSaveIndexesIT extends MessagingIntegrationTest {

    @Autowired MongoTemplate mongo;
    @Autowired Outbox outbox;

    @Test
    void everyVersionedCollectionHasAUniqueIdVersionIndex() {
        outbox.save(new LedgerAccount("acc-" + UUID.randomUUID()));
        List<Document> indexes = mongo.getCollection("ledger_accounts").listIndexes().into(new ArrayList<>());
        assertThat(indexes).anySatisfy(index -> {
            assertThat(index.get("key", Document.class).keySet()).containsExactly("_id", "version");
            assertThat(index.getBoolean("unique", false)).isTrue();
        });
    }

    @Test
    void aStaleVersionIsStillRefused() {
        LedgerAccount saved = outbox.save(new LedgerAccount("acc-" + UUID.randomUUID()));
        LedgerAccount first = mongo.findById(saved.id(), LedgerAccount.class);
        LedgerAccount second = mongo.findById(saved.id(), LedgerAccount.class);
        first.deposit(UUID.randomUUID().toString(), 5);
        outbox.save(first);
        second.deposit(UUID.randomUUID().toString(), 7);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> outbox.save(second)).isInstanceOf(OptimisticLockingFailureException.class);
        assertThat(mongo.findById(saved.id(), Document.class, "ledger_accounts").getLong("balance")).isEqualTo(5);
    }

    /** Many writers racing read-change-save on one document: every save that succeeded is in the balance, none lost. */
    @RepeatedTest(5)
    void racingSavesLoseNoUpdate() throws Exception {
        String id = outbox.save(new LedgerAccount("acc-" + UUID.randomUUID())).id();
        int writers = 8;
        int attemptsEach = 40;
        AtomicInteger won = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < attemptsEach; i++) {
                        LedgerAccount account = mongo.findById(id, LedgerAccount.class);
                        account.deposit(UUID.randomUUID().toString(), 1);
                        try {
                            mongo.save(account);
                            won.incrementAndGet();
                        } catch (OptimisticLockingFailureException lost) {
                            // Another writer saved first: this deposit is refused, as it must be.
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(won.get()).isPositive();
        assertThat(mongo.findById(id, Document.class, "ledger_accounts").getLong("balance")).isEqualTo(won.get());
    }
}
