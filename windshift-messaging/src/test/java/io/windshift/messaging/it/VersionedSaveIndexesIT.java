package io.windshift.messaging.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.windshift.messaging.outbox.Outbox;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
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
}
