package io.windshift.e2e;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The three services and the gateway, each started from its executable jar as its own JVM, pointed at
 * the given Kafka and MongoDB. Logs go to {@code target/e2e-logs/<name>.log}.
 */
final class Platform implements AutoCloseable {

    static final List<String> SERVICES = List.of("alliance-service", "obligation-service", "notification-service");
    private static final Path ROOT = Path.of(System.getProperty("windshift.root", "..")).toAbsolutePath().normalize();
    private static final String VERSION = System.getProperty("windshift.version", "0.1.0-SNAPSHOT");

    private final Map<String, Integer> ports = new LinkedHashMap<>();
    private final Map<String, Process> processes = new LinkedHashMap<>();
    private final Map<String, String> env = new LinkedHashMap<>();
    private final Map<String, List<String>> extraArgs;
    private final Path logs;
    private final HttpClient http = HttpClient.newHttpClient();

    private Platform(Path logs, Map<String, List<String>> extraArgs) {
        this.logs = logs;
        this.extraArgs = extraArgs;
    }

    static Platform start(String label, String kafkaBootstrap, String mongoUri, Path publicKey) throws IOException {
        return start(label, kafkaBootstrap, mongoUri, publicKey, Map.of());
    }

    /** As above, with extra command-line arguments per process name (e.g. a tighter rate limit for the gateway). */
    static Platform start(String label, String kafkaBootstrap, String mongoUri, Path publicKey, Map<String, List<String>> extraArgs)
            throws IOException {
        Path logs = ROOT.resolve("end-to-end-tests/target/e2e-logs/" + label);
        Files.createDirectories(logs);
        Platform platform = new Platform(logs, extraArgs);
        try {
            for (String name : List.of("alliance-service", "obligation-service", "notification-service", "gateway")) {
                platform.ports.put(name, freePort());
            }
            Map<String, String> env = platform.env;
            env.put("KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrap);
            env.put("MONGODB_URI", mongoUri);
            env.put("WINDSHIFT_JWT_PUBLIC_KEY_LOCATION", "file:" + publicKey.toAbsolutePath());
            env.put("ALLIANCE_SERVICE_URI", "http://localhost:" + platform.ports.get("alliance-service"));
            env.put("OBLIGATION_SERVICE_URI", "http://localhost:" + platform.ports.get("obligation-service"));
            env.put("NOTIFICATION_SERVICE_URI", "http://localhost:" + platform.ports.get("notification-service"));
            // Reminders within seconds of an obligation being registered; the head of alliance management of the flows.
            env.put("WINDSHIFT_OBLIGATION_SCHEDULER_INTERVAL", "PT2S");
            env.put("WINDSHIFT_HEADS_OF_ALLIANCE_MANAGEMENT", "p-head");
            for (String name : platform.ports.keySet()) {
                Files.deleteIfExists(platform.log(name));
                platform.launch(name);
            }
            await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(500)).until(platform::allReady);
            return platform;
        } catch (RuntimeException | IOException e) {
            platform.close();
            throw e;
        }
    }

    /** Stops one process (SIGTERM, then SIGKILL after 20 s), leaving the others running. */
    void stop(String name) {
        Process process = processes.get(name);
        if (process != null) {
            stopProcess(process);
        }
    }

    /** Starts a stopped process again on its old port, and waits until it is ready. */
    void restart(String name) throws IOException {
        stop(name);
        launch(name);
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() -> {
            if (!processes.get(name).isAlive()) {
                throw new IllegalStateException(name + " exited on restart; see " + log(name));
            }
            return ready(ports.get(name));
        });
    }

    private void launch(String name) throws IOException {
        Path jar = ROOT.resolve(name + "/target/" + name + "-" + VERSION + "-exec.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException("Missing " + jar + ": the end-to-end tests run after `mvn package` of the services");
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(jvmFlags());
        command.addAll(List.of("-jar", jar.toString(),
                "--server.port=" + ports.get(name),
                "--windshift.messaging.partitions=3",
                "--windshift.messaging.sweep-interval=2s",
                "--windshift.messaging.sweep-grace=1s"));
        command.addAll(extraArgs.getOrDefault(name, List.of()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log(name).toFile()));
        builder.environment().putAll(env);
        processes.put(name, builder.start());
    }

    /**
     * Start-up tuning from STACK.md (four JVMs share two cores with the test JVM), unless the system property
     * {@code windshift.e2e.jvm-flags} says otherwise (the benchmark wants the full JIT).
     */
    static List<String> jvmFlags() {
        String flags = System.getProperty("windshift.e2e.jvm-flags");
        if (flags != null && !flags.isBlank()) {
            return List.of(flags.trim().split("\\s+"));
        }
        return List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx256m", "-Xss512k", "-XX:ReservedCodeCacheSize=64m");
    }

    private boolean allReady() {
        for (Map.Entry<String, Process> entry : processes.entrySet()) {
            if (!entry.getValue().isAlive()) {
                throw new IllegalStateException(entry.getKey() + " exited with " + entry.getValue().exitValue() + "; see " + log(entry.getKey()));
            }
        }
        return ports.values().stream().allMatch(this::ready);
    }

    private boolean ready(int port) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health/readiness"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    String gateway() {
        return "http://localhost:" + ports.get("gateway");
    }

    String direct(String service) {
        return "http://localhost:" + ports.get(service);
    }

    Path log(String name) {
        return logs.resolve(name + ".log");
    }

    String logText(String name) {
        try {
            return Files.readString(log(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        processes.values().forEach(Process::destroy);
        processes.values().forEach(Platform::stopProcess);
    }

    private static void stopProcess(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
