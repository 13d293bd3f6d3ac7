package io.windshift.local.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValueOrderedH2BackendTest {

    @TempDir
    Path dir;

    @Test
    void keysOrderByValueAndAgreeWithEquals() {
        KeyValueType type = KeyValueType.INSTANCE;
        assertThat(type.compare(new KeyValue("al-10"), new KeyValue("al-9"))).isNegative();
        assertThat(type.compare(new KeyValue("al-9", 3L), new KeyValue("al-9", 12L))).isNegative();
        assertThat(type.compare(new KeyValue("al-9", 3L), new KeyValue("al-9", 3L))).isZero();
        // MongoDB orders 1 and 1.0 alike; the index must still tell them apart, as H2's default did.
        int intVsDouble = type.compare(new KeyValue(1), new KeyValue(1.0));
        assertThat(intVsDouble).isNotZero().isEqualTo(-type.compare(new KeyValue(1.0), new KeyValue(1)));
    }

    @Test
    void keysAreWrittenAsBsonAndKeysOfTheEarlierEncodingStillRead() {
        KeyValue key = new KeyValue("al-1", 3L, 2.5, null, new de.bwaldvogel.mongo.bson.Document("a", 1));
        org.h2.mvstore.WriteBuffer out = new org.h2.mvstore.WriteBuffer();
        KeyValueType.INSTANCE.write(out, key);
        new org.h2.mvstore.type.ObjectDataType().write(out, key);
        java.nio.ByteBuffer in = out.getBuffer().flip();
        assertThat(in.get(0)).isEqualTo((byte) 0xFF);
        assertThat(KeyValueType.INSTANCE.read(in)).isEqualTo(key);
        assertThat(KeyValueType.INSTANCE.read(in)).isEqualTo(key);
        assertThat(in.hasRemaining()).isFalse();
    }

    @Test
    void lookupsUniquenessAndARestartWorkOnTheValueOrderedIndexes() {
        Path file = dir.resolve("store.mv");
        withStore(new ValueOrderedH2Backend(file.toString()), alliances -> {
            alliances.createIndex(Indexes.ascending("_id", "version"), new IndexOptions().unique(true));
            List<Document> docs = new ArrayList<>();
            for (int i = 0; i < 2000; i++) {
                docs.add(new Document("_id", "al-" + i).append("version", (long) i % 7).append("ref", new ObjectId()));
            }
            alliances.insertMany(docs);
            assertThat(alliances.find(Filters.eq("_id", "al-1234")).first().getLong("version")).isEqualTo(1234L % 7);
            assertThat(alliances.updateOne(Filters.and(Filters.eq("_id", "al-1234"), Filters.eq("version", 1234L % 7)),
                    new Document("$inc", new Document("version", 1L))).getModifiedCount()).isEqualTo(1);
            assertThat(alliances.updateOne(Filters.and(Filters.eq("_id", "al-1234"), Filters.eq("version", 1234L % 7)),
                    new Document("$inc", new Document("version", 1L))).getModifiedCount()).isZero();
            assertThatThrownBy(() -> alliances.insertOne(new Document("_id", "al-5"))).isInstanceOf(MongoWriteException.class)
                    .hasMessageContaining("duplicate key");
        });
        withStore(new ValueOrderedH2Backend(file.toString()), alliances -> {
            assertThat(alliances.countDocuments()).isEqualTo(2000);
            assertThat(alliances.find(Filters.eq("_id", "al-1234")).first().getLong("version")).isEqualTo(1234L % 7 + 1);
            assertThatThrownBy(() -> alliances.insertOne(new Document("_id", "al-1999"))).isInstanceOf(MongoWriteException.class);
        });
    }

    @Test
    void aStoreWrittenByTheStockBackendHasItsIndexesMovedOnce() {
        Path file = dir.resolve("stock.mv");
        withStore(new H2Backend(file.toString()), alliances -> {
            for (int i = 0; i < 300; i++) {
                alliances.insertOne(new Document("_id", "al-" + i).append("name", "Helios " + i));
            }
        });
        withStore(new ValueOrderedH2Backend(file.toString()), alliances -> {
            assertThat(alliances.find(Filters.eq("_id", "al-42")).first().getString("name")).isEqualTo("Helios 42");
            assertThatThrownBy(() -> alliances.insertOne(new Document("_id", "al-42"))).isInstanceOf(MongoWriteException.class);
            alliances.insertOne(new Document("_id", "al-300").append("name", "Helios 300"));
        });
        withStore(new ValueOrderedH2Backend(file.toString()), alliances -> {
            assertThat(alliances.countDocuments()).isEqualTo(301);
            assertThat(alliances.find(Filters.eq("_id", "al-300")).first().getString("name")).isEqualTo("Helios 300");
            assertThat(alliances.find(Filters.eq("_id", "al-7")).first()).isNotNull();
        });
    }

    @Test
    void documentsRoundTripThroughTheBsonMapsAcrossARestart() {
        Path file = dir.resolve("bson.mv");
        Document nested = new Document("seat", "JSC").append("holders", List.of(new Document("p", "p-ana").append("since", new java.util.Date(0)),
                new Document("p", "p-ben"))).append("ratio", 0.25).append("count", 3).append("big", 1L << 40).append("none", null);
        withStore(new ValueOrderedH2Backend(file.toString()), alliances -> {
            alliances.insertOne(new Document("_id", "al-1").append("team", nested).append("ref", new ObjectId("0123456789abcdef01234567")));
            alliances.updateOne(Filters.eq("_id", "al-1"), new Document("$push", new Document("team.holders", new Document("p", "p-cleo"))));
        });
        withStore(new ValueOrderedH2Backend(file.toString()), alliances -> {
            Document stored = alliances.find(Filters.eq("_id", "al-1")).first();
            Document team = stored.get("team", Document.class);
            assertThat(team.getList("holders", Document.class)).extracting(h -> h.getString("p")).containsExactly("p-ana", "p-ben", "p-cleo");
            assertThat(team.getList("holders", Document.class).get(0).getDate("since")).isEqualTo(new java.util.Date(0));
            assertThat(team.get("ratio")).isEqualTo(0.25);
            assertThat(team.get("count")).isEqualTo(3);
            assertThat(team.get("big")).isEqualTo(1L << 40);
            assertThat(team.containsKey("none")).isTrue();
            assertThat(stored.getObjectId("ref")).isEqualTo(new ObjectId("0123456789abcdef01234567"));
            alliances.drop();
            assertThat(alliances.countDocuments()).isZero();
            alliances.insertOne(new Document("_id", "al-1"));
        });
        withStore(new ValueOrderedH2Backend(file.toString()), alliances -> assertThat(alliances.find().into(new ArrayList<>()))
                .containsExactly(new Document("_id", "al-1")));
    }

    private static void withStore(MongoBackend backend, Consumer<MongoCollection<Document>> work) {
        MongoServer server = new MongoServer(backend);
        var address = server.bind();
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort())) {
            work.accept(client.getDatabase("windshift-alliance").getCollection("alliances"));
        } finally {
            server.shutdown();
        }
    }
}
