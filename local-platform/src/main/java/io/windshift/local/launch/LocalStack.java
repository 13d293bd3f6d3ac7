package io.windshift.local.launch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The local platform as {@code ./windshift up} runs it: Kafka (KRaft), the H2-backed Mongo-wire store, GreenMail
 * and the four Spring Boot services, from the repository's build output, with state under {@code .windshift/}.
 * Ports: gateway 8080, services 8081..8083 (instance N at +10·(N−1)), identity provider 8084, Kafka 9092/9093, store 27017,
 * SMTP 3025. {@code WINDSHIFT_PORT_OFFSET} shifts every port and {@code WINDSHIFT_STATE_DIR} moves the state, so a second
 * platform (the chaos test inside {@code ./windshift test}) can run next to the developer's.
 */
public final class LocalStack {

    public static final List<String> SERVICES = List.of("alliance-service", "obligation-service", "notification-service",
            "identity-provider", "gateway");
    public static final List<String> SCALABLE = List.of("alliance-service", "obligation-service", "notification-service");
    public static final List<String> INFRASTRUCTURE = List.of("kafka", "mongo", "mail");
    static final int KAFKA_PORT = 9092;
    static final int KAFKA_CONTROLLER_PORT = 9093;
    static final int MONGO_PORT = 27017;
    static final int MAIL_PORT = 3025;
    static final int MAIL_API_PORT = 8025;
    static final int GATEWAY_PORT = 8080;
    static final int IDENTITY_PORT = 8084;
    /** Quick start-up and a small footprint on a laptop (STACK.md). WINDSHIFT_JAVA_OPTS adds to them. */
    public static final List<String> SERVICE_JVM_FLAGS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx256m",
            "-Xmn24m", "-Xss512k", "-XX:ReservedCodeCacheSize=64m");
    /**
     * glibc gives each thread that allocates natively an arena of its own (up to 8 per core), and a JVM has dozens of
     * threads: two arenas keep every process's native heap near what it uses (docs/benchmarks.md, memory).
     */
    static final Map<String, String> NATIVE_MEMORY_ENV = Map.of("MALLOC_ARENA_MAX", "2");

    final Path root;
    final Path state;
    final Path data;
    final Path logs;
    final Path run;
    final Path keys;
    final Path app;
    final Path cds;
    final String java;
    final Map<String, String> env;
    final Duration startTimeout;
    final int portOffset;

    public LocalStack(Path root, Map<String, String> env) {
        this.root = root;
        this.env = env;
        this.portOffset = Integer.parseInt(env.getOrDefault("WINDSHIFT_PORT_OFFSET", "0").strip());
        if (portOffset < 0 || portOffset > 40_000) {
            throw new IllegalArgumentException("WINDSHIFT_PORT_OFFSET must be between 0 and 40000, got " + portOffset);
        }
        String stateDir = env.getOrDefault("WINDSHIFT_STATE_DIR", "").strip();
        this.state = stateDir.isEmpty() ? root.resolve(".windshift") : root.resolve(stateDir);
        this.data = state.resolve("data");
        this.logs = state.resolve("logs");
        this.run = state.resolve("run");
        this.keys = state.resolve("keys");
        this.app = state.resolve("app");
        this.cds = state.resolve("cds");
        this.java = ProcessHandle.current().info().command().orElse("java");
        this.startTimeout = Duration.ofSeconds(Long.parseLong(env.getOrDefault("WINDSHIFT_START_TIMEOUT", "120")));
    }

    public Path runDir() {
        return run;
    }

    public Path logDir() {
        return logs;
    }

    /** A local port of the platform: its default plus {@code WINDSHIFT_PORT_OFFSET}. */
    int port(int defaultPort) {
        return defaultPort + portOffset;
    }

    /** The local OpenID Connect provider, as the browser and the gateway reach it. */
    public String identityUrl() {
        return "http://localhost:" + port(IDENTITY_PORT);
    }

    public String gatewayUrl() {
        return "http://localhost:" + port(GATEWAY_PORT);
    }

    public Optional<String> externalKafka() {
        return Optional.ofNullable(env.get("KAFKA_BOOTSTRAP_SERVERS")).filter(s -> !s.isBlank());
    }

    public Optional<String> externalMongo() {
        return Optional.ofNullable(env.get("MONGODB_URI")).filter(s -> !s.isBlank());
    }

    public Optional<String> externalMail() {
        return Optional.ofNullable(env.get("SPRING_MAIL_HOST")).filter(s -> !s.isBlank());
    }

    String kafkaBootstrap() {
        return externalKafka().orElse("localhost:" + port(KAFKA_PORT));
    }

    String mongoUri() {
        return externalMongo().orElse("mongodb://localhost:" + port(MONGO_PORT));
    }

    /** Registers every component the local platform runs (external infrastructure is left out). */
    public void register(Supervisor supervisor) {
        if (externalKafka().isEmpty()) {
            supervisor.register(kafka());
        }
        if (externalMongo().isEmpty()) {
            supervisor.register(new Component("mongo", port(MONGO_PORT), false, port -> new Component.Launch(List.of(java,
                    "-Xmx1g", "-Xmn48m", "-XX:+UseSerialGC", "-cp", lib("local-platform/target/classes") + ":" + lib("local-platform/target/lib/*"),
                    "io.windshift.local.LocalMongoServer", "--port", Integer.toString(port),
                    "--file", data.resolve("mongo/windshift.mv").toString()), Map.of(), root),
                    Probes.portAndLog("ready on port"), startTimeout));
        }
        if (externalMail().isEmpty()) {
            supervisor.register(new Component("mail", port(MAIL_PORT), false, port -> new Component.Launch(withArchive("mail", java,
                    "-Xmx64m", "-Xss512k", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Dgreenmail.smtp.port=" + port(MAIL_PORT),
                    "-Dgreenmail.hostname=127.0.0.1", "-Dgreenmail.auth.disabled", "-Dgreenmail.api.hostname=127.0.0.1",
                    "-Dgreenmail.api.port=" + port(MAIL_API_PORT), "-jar", lib("local-platform/target/greenmail/greenmail-standalone.jar")),
                    Map.of(), root), Probes.port(), startTimeout));
        }
        for (String name : SERVICES) {
            supervisor.register(service(name, supervisor));
        }
    }

    private Component kafka() {
        Path dir = data.resolve("kafka");
        Path lib = root.resolve("local-kafka/target/lib");
        Path config = root.resolve("local-kafka/src/main/config");
        String log4j = "-Dlog4j2.configurationFile=" + config.resolve("log4j2.properties");
        return new Component("kafka", port(KAFKA_PORT), false, port -> {
            try {
                Files.createDirectories(dir.resolve("logs"));
                String properties = Files.readString(config.resolve("server.properties"))
                        .replace("@LOG_DIRS@", dir.resolve("logs").toString())
                        .replace("@KAFKA_PORT@", Integer.toString(port))
                        .replace("@CONTROLLER_PORT@", Integer.toString(port(KAFKA_CONTROLLER_PORT)));
                Files.writeString(dir.resolve("server.properties"), properties);
                if (!Files.exists(dir.resolve("logs/meta.properties"))) {
                    format(dir, lib, log4j);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            // A developer's broker: a small heap and the serial collector keep its footprint down (Kafka's data lives
            // in the page cache, not the heap); the benchmarks' volumes fit in it.
            return new Component.Launch(withArchive("kafka", java, "-Xms64m", "-Xmx256m", "-Xmn32m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                    "-Djava.awt.headless=true", log4j, "-cp", lib + "/*", "kafka.Kafka", dir.resolve("server.properties").toString()),
                    Map.of(), root);
        }, Probes.portAndLog("Kafka Server started"), startTimeout);
    }

    private void format(Path dir, Path lib, String log4j) throws IOException {
        Path idFile = dir.resolve("cluster.id");
        if (!Files.exists(idFile) || Files.size(idFile) == 0) {
            byte[] bytes = new byte[16];
            new SecureRandom().nextBytes(bytes);
            bytes[0] &= 0x7f; // a Kafka Uuid whose base64 form does not start with '-'
            Files.writeString(idFile, Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
        }
        String id = Files.readString(idFile).strip();
        int code = runQuietly(List.of(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", log4j, "-Dlog4j2.level=WARN",
                "-cp", lib + "/*", "kafka.tools.StorageTool", "format", "-t", id, "-c", dir.resolve("server.properties").toString()),
                logs.resolve("kafka-format.log"), Map.of(), root, Duration.ofSeconds(120));
        if (code != 0) {
            throw new IllegalStateException("formatting Kafka storage failed, see " + logs.resolve("kafka-format.log"));
        }
    }

    private Component service(String name, Supervisor supervisor) {
        int basePort = switch (name) {
            case "gateway" -> port(GATEWAY_PORT);
            case "identity-provider" -> port(IDENTITY_PORT);
            case "alliance-service" -> port(8081);
            case "obligation-service" -> port(8082);
            default -> port(8083);
        };
        return new Component(name, basePort, true, port -> {
            ServiceJars.Prepared jar = ServiceJars.prepare(this, name);
            List<String> command = new ArrayList<>(List.of(java));
            command.addAll(SERVICE_JVM_FLAGS);
            command.add("-XX:ErrorFile=" + logs.resolve(name + "-hs_err-%p.log"));
            command.addAll(jar.cdsFlags());
            command.addAll(extraJavaOptions());
            command.addAll(List.of("-jar", jar.jar().toString(), "--server.port=" + port));
            command.addAll(serviceArgs(name));
            return new Component.Launch(command, serviceEnv(name, supervisor), jar.directory());
        }, Probes.springReadiness(), startTimeout);
    }

    List<String> serviceArgs(String name) {
        List<String> args = new ArrayList<>(List.of("--spring.profiles.active=local",
                "--windshift.security.jwt.public-key-location=file:" + keys.resolve("jwt-public.pem")));
        if (name.equals("identity-provider")) {
            args.addAll(identityProviderArgs(identityUrl(), keys, state.resolve("identity"),
                    List.of(gatewayUrl(), "http://127.0.0.1:" + port(GATEWAY_PORT))));
        }
        return args;
    }

    /**
     * The local OpenID Connect provider's arguments: its issuer, the key pair of {@code ./windshift token} and the client
     * secrets in {@code keys}, its people in {@code state}, and the gateway addresses it may send browsers back to.
     */
    public static List<String> identityProviderArgs(String issuer, Path keys, Path state, List<String> gateways) {
        return List.of("--windshift.identity.issuer=" + issuer,
                "--windshift.identity.keys=" + keys,
                "--windshift.identity.state=" + state,
                "--windshift.identity.console.redirect-uris=" + String.join(",",
                        gateways.stream().map(g -> g + "/login/oauth2/code/windshift").toList()),
                "--windshift.identity.console.post-logout-redirect-uris=" + String.join(",",
                        gateways.stream().map(g -> g + "/signed-out").toList()));
    }

    /** The gateway's sign-in settings for a local provider: plain-HTTP localhost, so no Secure cookies. */
    public static Map<String, String> gatewayLoginEnv(String issuer, Path keys) {
        return Map.of("WINDSHIFT_LOGIN_ISSUER_URI", issuer,
                "WINDSHIFT_LOGIN_CLIENT_SECRET", io.windshift.local.LocalIdentity.clientSecret(keys, io.windshift.local.LocalIdentity.CONSOLE_CLIENT),
                "WINDSHIFT_SESSION_COOKIE_SECURE", "false");
    }

    /**
     * An infrastructure JVM's command with its class-data archive: the JVM writes it when it exits (the first
     * {@code down}) and maps it from then on, rewriting it when the jars or the JDK change. Kafka loads 9,000 classes.
     * (The store runs from local-platform's class directory, and the JVM archives only classes from jars.)
     */
    private List<String> withArchive(String name, String... command) {
        List<String> full = new ArrayList<>(List.of(command));
        if (!"0".equals(env.getOrDefault("WINDSHIFT_CDS", "1"))) {
            try {
                Files.createDirectories(cds);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            full.addAll(1, List.of("-XX:+AutoCreateSharedArchive", "-XX:SharedArchiveFile=" + cds.resolve(name + "-auto.jsa"),
                    "-Xlog:cds=off", "-Xlog:cds+dynamic=off"));
        }
        return full;
    }

    List<String> extraJavaOptions() {
        String opts = env.getOrDefault("WINDSHIFT_JAVA_OPTS", "").strip();
        return opts.isEmpty() ? List.of() : List.of(opts.split("\\s+"));
    }

    Map<String, String> serviceEnv(String name, Supervisor supervisor) {
        Map<String, String> result = new LinkedHashMap<>();
        result.put("KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrap());
        result.put("MONGODB_URI", mongoUri());
        if (name.equals("notification-service")) {
            result.put("SPRING_MAIL_HOST", env.getOrDefault("SPRING_MAIL_HOST", "127.0.0.1"));
            result.put("SPRING_MAIL_PORT", env.getOrDefault("SPRING_MAIL_PORT", Integer.toString(port(MAIL_PORT))));
            result.put("WINDSHIFT_WEBHOOK_SECRET", webhookSecret());
            result.put("WINDSHIFT_HEADS_OF_ALLIANCE_MANAGEMENT", env.getOrDefault("WINDSHIFT_HEADS_OF_ALLIANCE_MANAGEMENT", "p-head"));
        }
        if (name.equals("alliance-service")) {
            // The event trace asks the other services for their parts, trying each listed instance in turn.
            result.put("WINDSHIFT_GATEWAY_INSTANCE_LIST", supervisor.instanceList().toString());
            result.put("OBLIGATION_SERVICE_URI", "http://localhost:" + port(8082));
            result.put("NOTIFICATION_SERVICE_URI", "http://localhost:" + port(8083));
        }
        if (name.equals("gateway")) {
            // The gateway balances across the instances the launcher lists; these are the fallbacks.
            result.put("WINDSHIFT_GATEWAY_INSTANCE_LIST", supervisor.instanceList().toString());
            result.put("ALLIANCE_SERVICE_URI", "http://localhost:" + port(8081));
            result.put("OBLIGATION_SERVICE_URI", "http://localhost:" + port(8082));
            result.put("NOTIFICATION_SERVICE_URI", "http://localhost:" + port(8083));
            result.putAll(gatewayLoginEnv(identityUrl(), keys));
        }
        return result;
    }

    /** The HMAC key notification-service signs webhooks with: generated once, never committed. */
    private String webhookSecret() {
        try {
            Path file = keys.resolve("webhook-secret");
            if (!Files.exists(file) || Files.size(file) == 0) {
                Files.createDirectories(keys);
                byte[] bytes = new byte[32];
                new SecureRandom().nextBytes(bytes);
                Files.writeString(file, Base64.getEncoder().encodeToString(bytes));
                file.toFile().setReadable(false, false);
                file.toFile().setReadable(true, true);
            }
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String lib(String relative) {
        return root.resolve(relative).toString();
    }

    static int runQuietly(List<String> command, Path log, Map<String, String> env, Path dir, Duration timeout) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).directory(dir.toFile());
            builder.environment().putAll(NATIVE_MEMORY_ENV);
            builder.environment().putAll(env);
            Process process = builder.start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
                return -1;
            }
            return process.exitValue();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
