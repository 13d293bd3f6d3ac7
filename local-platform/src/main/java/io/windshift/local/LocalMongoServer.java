package io.windshift.local;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import io.windshift.local.store.ValueOrderedH2Backend;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The local default document store: a MongoDB wire-protocol server (mongo-java-server) that keeps
 * its data in one H2 MVStore file, so data survives {@code ./windshift down} and {@code up}.
 *
 * <p>Usage: {@code LocalMongoServer [--port 27017] [--file .windshift/data/mongo/windshift.mv]
 * [--host 127.0.0.1]}.
 *
 * <p>Durability, honestly: the MVStore writes committed changes to the file from a background
 * thread. We lower its auto-commit delay from H2's default of 1000 ms to {@value #COMMIT_DELAY_MS}
 * ms, so a process killed with SIGKILL right after acknowledged writes can lose the most recent
 * ones: measured here, 0.2 to 0.4 s worth of single inserts (200 to 400 of 3000 inserted at ~1000/s;
 * with H2's default delay the window is ~1 s). A clean stop
 * (SIGTERM, which is what {@code ./windshift down} sends) closes the store and loses nothing.
 * Writes reach the OS page cache, not necessarily the disk: a power cut can lose more. This is the
 * local default, not a production store; production uses a real MongoDB replica set.
 */
public final class LocalMongoServer {

    static final int COMMIT_DELAY_MS = 200;

    private final MongoServer server;
    private final H2Backend backend;

    private LocalMongoServer(MongoServer server, H2Backend backend) {
        this.server = server;
        this.backend = backend;
    }

    /** Opens (or creates) the H2 file and binds the server; returns once it accepts connections. */
    public static LocalMongoServer start(String host, int port, Path file) throws IOException {
        Path absolute = file.toAbsolutePath();
        if (absolute.getParent() != null) {
            Files.createDirectories(absolute.getParent());
        }
        H2Backend backend = new ValueOrderedH2Backend(absolute.toString());
        backend.getMvStore().setAutoCommitDelay(COMMIT_DELAY_MS);
        MongoServer server = new MongoServer(backend);
        try {
            server.bind(host, port);
        } catch (RuntimeException e) {
            backend.close();
            throw e;
        }
        return new LocalMongoServer(server, backend);
    }

    /** The port actually bound (useful with port 0). */
    public int port() {
        return server.getLocalAddress().getPort();
    }

    /** Forces the pending changes into the file now. */
    public void commit() {
        backend.commit();
    }

    /** Stops accepting connections, then commits and closes the store file. */
    public synchronized void close() {
        if (backend.getMvStore().isClosed()) {
            return;
        }
        server.shutdown();   // closes client connections and the backend (which closes the MVStore)
        if (!backend.getMvStore().isClosed()) {
            backend.close();
        }
    }

    public static void main(String[] args) throws Exception {
        String host = "127.0.0.1";
        int port = 27017;
        Path file = Path.of(".windshift", "data", "mongo", "windshift.mv");
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (arg) {
                case "--port" -> { port = parsePort(value); i++; }
                case "--file" -> { file = Path.of(require(arg, value)); i++; }
                case "--host" -> { host = require(arg, value); i++; }
                case "-h", "--help" -> { usage(null); return; }
                default -> usageAndExit("unknown argument: " + arg);
            }
        }

        Path storeFile = file.toAbsolutePath();
        LocalMongoServer mongo = start(host, port, storeFile);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("LocalMongoServer: shutting down, closing " + storeFile);
            mongo.close();
            stopped.countDown();
        }, "local-mongo-shutdown"));
        System.out.println("LocalMongoServer: H2 store " + storeFile
                + ", ready on port " + mongo.port());
        System.out.flush();
        stopped.await();
    }

    private static int parsePort(String value) {
        try {
            int port = Integer.parseInt(require("--port", value));
            if (port < 0 || port > 65535) {
                usageAndExit("--port out of range: " + value);
            }
            return port;
        } catch (NumberFormatException e) {
            usageAndExit("--port is not a number: " + value);
            return -1;
        }
    }

    private static String require(String flag, String value) {
        if (value == null || value.startsWith("--")) {
            usageAndExit(flag + " needs a value");
        }
        return value;
    }

    private static void usage(String error) {
        if (error != null) {
            System.err.println("LocalMongoServer: " + error);
        }
        (error == null ? System.out : System.err).println(
                "usage: LocalMongoServer [--port 27017] [--file .windshift/data/mongo/windshift.mv] [--host 127.0.0.1]");
    }

    private static void usageAndExit(String error) {
        usage(error);
        System.exit(2);
    }
}
