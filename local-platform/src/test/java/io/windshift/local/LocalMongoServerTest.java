package io.windshift.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local store keeps what was written across a restart on the same file. */
class LocalMongoServerTest {

    @TempDir
    Path dir;

    @Test
    void whatIsWrittenIsReadBackAfterARestartOnTheSameFile() throws Exception {
        Path file = dir.resolve("data/mongo/test.mv");

        LocalMongoServer first = LocalMongoServer.start("127.0.0.1", 0, file);
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + first.port())) {
            MongoCollection<Document> alliances = client.getDatabase("windshift-alliance").getCollection("alliances");
            List<Document> docs = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                docs.add(new Document("_id", "al-" + i).append("name", "Helios " + i).append("version", 0L));
            }
            alliances.insertMany(docs);
            alliances.updateOne(Filters.eq("_id", "al-7"), new Document("$set", new Document("name", "Helios renamed")));
            alliances.deleteOne(Filters.eq("_id", "al-9"));
        }
        first.commit();
        first.close();
        first.close(); // idempotent, as the shutdown hook may race with an explicit close
        assertThat(file).exists();

        LocalMongoServer second = LocalMongoServer.start("127.0.0.1", 0, file);
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + second.port())) {
            MongoCollection<Document> alliances = client.getDatabase("windshift-alliance").getCollection("alliances");
            assertThat(alliances.countDocuments()).isEqualTo(99);
            assertThat(alliances.find(Filters.eq("_id", "al-7")).first().getString("name")).isEqualTo("Helios renamed");
            assertThat(alliances.find(Filters.eq("_id", "al-9")).first()).isNull();
            assertThat(alliances.find(Filters.eq("_id", "al-42")).first().getString("name")).isEqualTo("Helios 42");
        } finally {
            second.close();
        }
    }
}
