package io.windshift.local.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.bson.Document;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The stock mongo-java-server backends apply an update field by field to the stored document, the very object a
 * query hands to the wire encoder after the collection lock is released: a reader could see a new list with an
 * old version and a compare-and-set built on that read would then succeed, losing an update. Our backends hand
 * out copies taken under the lock, so every read is one version of the document.
 */
class SnapshotReadsTest {

    static Stream<Arguments> backends() {
        return Stream.of(Arguments.of("memory", (Supplier<MongoBackend>) SnapshotMemoryBackend::new),
                Arguments.of("h2", (Supplier<MongoBackend>) ValueOrderedH2Backend::new));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void aReadNeverMixesTwoVersionsOfADocument(String name, Supplier<MongoBackend> backend) throws Exception {
        MongoServer server = new MongoServer(backend.get());
        try (MongoClient client = MongoClients.create("mongodb://" + hostAndPort(server))) {
            MongoCollection<Document> loads = client.getDatabase("snapshot").getCollection("manager_load");
            loads.insertOne(version(0));
            AtomicBoolean writing = new AtomicBoolean(true);
            AtomicInteger reads = new AtomicInteger();
            List<String> torn = Collections.synchronizedList(new ArrayList<>());
            Thread writer = new Thread(() -> {
                for (long v = 1; v <= 3000; v++) {
                    loads.replaceOne(Filters.and(Filters.eq("_id", "am"), Filters.eq("version", v - 1)), version(v));
                }
                writing.set(false);
            });
            List<Thread> readers = new ArrayList<>();
            for (int r = 0; r < 3; r++) {
                readers.add(new Thread(() -> {
                    while (writing.get()) {
                        Document read = loads.find(Filters.eq("_id", "am")).first();
                        long v = read.getLong("version");
                        List<String> ids = read.getList("allianceIds", String.class);
                        if (ids.size() != v % 7 || ids.stream().anyMatch(id -> !id.endsWith("@" + v))) {
                            torn.add("version " + v + " with " + ids);
                        }
                        reads.incrementAndGet();
                    }
                }));
            }
            readers.forEach(Thread::start);
            writer.start();
            writer.join(120_000);
            for (Thread reader : readers) {
                reader.join(10_000);
            }
            assertThat(reads.get()).isPositive();
            assertThat(torn).as("reads mixing two versions, of " + reads.get()).isEmpty();
            assertThat(loads.find(Filters.eq("_id", "am")).first().getLong("version")).as("every compare-and-set landed").isEqualTo(3000L);
        } finally {
            server.shutdownNow();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void updatesStillLandOnTheStoredDocument(String name, Supplier<MongoBackend> backend) {
        MongoServer server = new MongoServer(backend.get());
        try (MongoClient client = MongoClients.create("mongodb://" + hostAndPort(server))) {
            MongoCollection<Document> docs = client.getDatabase("snapshot").getCollection("obligations");
            docs.insertOne(new Document("_id", "ob-1").append("n", 1).append("tags", List.of("a")).append("gone", true));
            Document before = docs.find(Filters.eq("_id", "ob-1")).first();
            docs.updateOne(Filters.eq("_id", "ob-1"), Updates.combine(Updates.inc("n", 1), Updates.push("tags", "b"), Updates.unset("gone")));
            Document after = docs.findOneAndUpdate(Filters.eq("_id", "ob-1"), Updates.inc("n", 10),
                    new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
            docs.replaceOne(Filters.eq("_id", "ob-1"), new Document("n", 100).append("tags", List.of()));
            docs.updateMany(Filters.exists("tags"), Updates.pull("tags", "b"));

            assertThat(before.getInteger("n")).isEqualTo(1);
            assertThat(after.getInteger("n")).isEqualTo(12);
            assertThat(after.getList("tags", String.class)).containsExactly("a", "b");
            assertThat(after.containsKey("gone")).isFalse();
            Document last = docs.find(Filters.eq("_id", "ob-1")).first();
            assertThat(last.getInteger("n")).isEqualTo(100);
            assertThat(last.keySet()).containsExactly("_id", "n", "tags");
            assertThat(docs.deleteOne(Filters.eq("_id", "ob-1")).getDeletedCount()).isEqualTo(1);
            assertThat(docs.countDocuments()).isZero();
        } finally {
            server.shutdownNow();
        }
    }

    private static Document version(long v) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < v % 7; i++) {
            ids.add("al-" + i + "@" + v);
        }
        return new Document("_id", "am").append("allianceIds", ids).append("claims", new Document("al-x", v)).append("version", v);
    }

    private static String hostAndPort(MongoServer server) {
        var address = server.bind();
        return address.getHostString() + ":" + address.getPort();
    }
}
