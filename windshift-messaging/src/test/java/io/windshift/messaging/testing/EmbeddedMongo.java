package io.windshift.messaging.testing;

import de.bwaldvogel.mongo.MongoServer;
import io.windshift.local.store.SnapshotMemoryBackend;
import java.net.InetSocketAddress;

/** An in-memory Mongo-wire server for tests (the embedded store with snapshot reads; no mongod exists on this machine). */
public final class EmbeddedMongo {

    private static MongoServer server;
    private static String uri;

    private EmbeddedMongo() {
    }

    /** Starts one server per JVM and returns its connection string. */
    public static synchronized String uri() {
        if (server == null) {
            server = new MongoServer(new SnapshotMemoryBackend());
            InetSocketAddress address = server.bind();
            uri = "mongodb://127.0.0.1:" + address.getPort();
            Runtime.getRuntime().addShutdownHook(new Thread(server::shutdownNow));
        }
        return uri;
    }
}
