package io.windshift.e2e;

import io.windshift.local.LocalIdentity;
import io.windshift.local.launch.Component;
import io.windshift.local.launch.Instance;
import io.windshift.local.launch.LocalStack;
import io.windshift.local.launch.Probes;
import io.windshift.local.launch.Supervisor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The three services, the identity provider and the gateway, each instance its own JVM started from its executable jar by the same
 * launcher {@code ./windshift up} uses ({@link Supervisor}: readiness, crash restarts, the gateway's instance
 * list), pointed at the given Kafka and MongoDB. Logs go to {@code target/e2e-logs/<label>/<name>[-N].log}.
 */
final class Platform implements AutoCloseable {

    static final List<String> SERVICES = List.of("alliance-service", "obligation-service", "notification-service");
    /** The local OpenID Connect provider: the gateway signs browsers in there. */
    static final String IDENTITY_PROVIDER = "identity-provider";
    private static final List<String> ALL = List.of("alliance-service", "obligation-service", "notification-service", IDENTITY_PROVIDER,
            "gateway");
    /** The repository root (the parent of end-to-end-tests unless -Dwindshift.root says otherwise). */
    static final Path ROOT = Path.of(System.getProperty("windshift.root", "..")).toAbsolutePath().normalize();
    private static final String VERSION = System.getProperty("windshift.version", "0.1.0-SNAPSHOT");
    /** Nine JVMs starting together on two cores: well past a minute when the machine is busy with anything else. */
    private static final Duration START_TIMEOUT = Duration.ofSeconds(300);

    private final Supervisor supervisor;
    private final Path logs;
    private final Path keys;

    private Platform(Supervisor supervisor, Path logs, Path keys) {
        this.supervisor = supervisor;
        this.logs = logs;
        this.keys = keys;
    }

    static Platform start(String label, String kafkaBootstrap, String mongoUri, Path publicKey) throws IOException {
        return start(label, kafkaBootstrap, mongoUri, publicKey, Map.of());
    }

    /** As above, with extra command-line arguments per process name (e.g. a tighter rate limit for the gateway). */
    static Platform start(String label, String kafkaBootstrap, String mongoUri, Path publicKey, Map<String, List<String>> extraArgs)
            throws IOException {
        return start(label, kafkaBootstrap, mongoUri, publicKey, extraArgs, Map.of());
    }

    /** As above, running {@code scale.get(name)} instances of a service (default 1); the gateway balances across them. */
    static Platform start(String label, String kafkaBootstrap, String mongoUri, Path publicKey, Map<String, List<String>> extraArgs,
                          Map<String, Integer> scale) throws IOException {
        return start(label, kafkaBootstrap, mongoUri, publicKey, extraArgs, scale, false);
    }

    /**
     * As above, plus the identity provider, for tests that sign people in (the keys directory of {@code publicKey} must hold
     * the private key too: the provider signs with it). Left out otherwise: one JVM fewer on a shared machine, and the
     * gateway does not need the provider until someone signs in.
     */
    static Platform startWithSignIn(String label, String kafkaBootstrap, String mongoUri, Path publicKey,
                                    Map<String, List<String>> extraArgs) throws IOException {
        return start(label, kafkaBootstrap, mongoUri, publicKey, extraArgs, Map.of(), true);
    }

    private static Platform start(String label, String kafkaBootstrap, String mongoUri, Path publicKey, Map<String, List<String>> extraArgs,
                                  Map<String, Integer> scale, boolean signIn) throws IOException {
        Path logs = ROOT.resolve("end-to-end-tests/target/e2e-logs/" + label);
        Path run = logs.resolve("run");
        Files.createDirectories(run);
        try (var old = Files.list(logs)) {
            for (Path file : old.filter(f -> f.toString().endsWith(".log")).toList()) {
                Files.delete(file);
            }
        }
        Supervisor supervisor = new Supervisor(run, logs, line -> System.out.println("[launcher] " + line), false);
        Path keys = publicKey.toAbsolutePath().getParent();
        Platform platform = new Platform(supervisor, logs, keys);
        deleteTree(logs.resolve("identity"));
        try {
            Map<String, String> env = new LinkedHashMap<>();
            env.put("KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrap);
            env.put("MONGODB_URI", mongoUri);
            env.put("WINDSHIFT_JWT_PUBLIC_KEY_LOCATION", "file:" + publicKey.toAbsolutePath());
            // Reminders within seconds of an obligation being registered; the head of alliance management of the flows.
            env.put("WINDSHIFT_OBLIGATION_SCHEDULER_INTERVAL", "PT2S");
            env.put("WINDSHIFT_HEADS_OF_ALLIANCE_MANAGEMENT", "p-head");
            // Integrators' test endpoints listen on this machine, over plain http (as on the local platform).
            env.put("WINDSHIFT_WEBHOOK_ALLOW_PRIVATE_NETWORKS", "true");
            env.put("WINDSHIFT_SUBSCRIPTIONS_ALLOW_HTTP", "true");
            env.put("WINDSHIFT_GATEWAY_INSTANCE_LIST", supervisor.instanceList().toString());
            List<String> components = ALL.stream().filter(n -> signIn || !n.equals(IDENTITY_PROVIDER)).toList();
            for (String name : components) {
                supervisor.register(new Component(name, 0, true, port -> launch(name, port, signIn ? withSignIn(name, env, supervisor, keys) : env,
                        signInArgs(name, extraArgs, supervisor, keys, logs)), Probes.springReadiness(), START_TIMEOUT));
            }
            List<Instance> started = new ArrayList<>();
            for (String name : components) {
                for (Instance instance : supervisor.scale(name, scale.getOrDefault(name, 1))) {
                    started.add(supervisor.start(instance.id()));
                }
            }
            supervisor.awaitReady(started, START_TIMEOUT);
            return platform;
        } catch (RuntimeException e) {
            platform.close();
            throw e;
        }
    }

    /** The gateway signs browsers in at this run's identity provider, with the client secret from {@code keys}. */
    private static Map<String, String> withSignIn(String name, Map<String, String> env, Supervisor supervisor, Path keys) {
        if (!name.equals("gateway")) {
            return env;
        }
        Map<String, String> result = new LinkedHashMap<>(env);
        result.putAll(LocalStack.gatewayLoginEnv(supervisor.instance(IDENTITY_PROVIDER).url(), keys));
        return result;
    }

    /** The identity provider: issuer on its own port, this run's keys, people under the logs, the gateway to return to. */
    private static Map<String, List<String>> signInArgs(String name, Map<String, List<String>> extraArgs, Supervisor supervisor,
                                                       Path keys, Path logs) {
        if (!name.equals(IDENTITY_PROVIDER)) {
            return extraArgs;
        }
        Map<String, List<String>> result = new LinkedHashMap<>(extraArgs);
        List<String> args = new ArrayList<>(LocalStack.identityProviderArgs(supervisor.instance(IDENTITY_PROVIDER).url(), keys,
                logs.resolve("identity"), List.of(supervisor.instance("gateway").url())));
        args.addAll(extraArgs.getOrDefault(name, List.of()));
        result.put(name, args);
        return result;
    }

    /** The identity provider's address (its sign-in page is {@code <url>/login}). */
    String identityProvider() {
        return supervisor.instance(IDENTITY_PROVIDER).url();
    }

    /**
     * Lets a person sign in to the console: sets a fresh local password and their roles at this run's identity provider
     * (its admin endpoint) and returns the password. Browser tests sign in with the person id (or the email) and it.
     */
    String signInPassword(String personId, String name, String email, String... roles) {
        String password = LocalIdentity.newPassword();
        LocalIdentity.setPerson(identityProvider(), keys, personId, name, email, password, List.of(roles));
        return password;
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static Component.Launch launch(String name, int port, Map<String, String> env, Map<String, List<String>> extraArgs) {
        Path jar = ROOT.resolve(name + "/target/" + name + "-" + VERSION + "-exec.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException("Missing " + jar + ": the end-to-end tests run after `mvn package` of the services");
        }
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java")));
        command.addAll(jvmFlags());
        command.addAll(List.of("-jar", jar.toString(),
                "--server.port=" + port,
                "--windshift.messaging.partitions=3",
                "--windshift.messaging.sweep-interval=2s",
                "--windshift.messaging.sweep-grace=1s"));
        command.addAll(extraArgs.getOrDefault(name, List.of()));
        return new Component.Launch(command, env, ROOT);
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

    /** Stops one instance ({@code name} is instance 1, {@code name#N} instance N) and keeps it stopped. */
    void stop(String id) {
        supervisor.stop(id);
    }

    /** SIGKILL of one instance, as a crash: the launcher restarts it. */
    void kill(String id) {
        supervisor.kill(id);
    }

    /** Starts a stopped instance again on its old port, and waits until it is ready. */
    void restart(String id) {
        supervisor.stop(id);
        supervisor.awaitReady(List.of(supervisor.start(id)), Duration.ofSeconds(120));
    }

    /** Waits until the instance is ready (again, after a kill). */
    void awaitReady(String id, Duration timeout) {
        supervisor.awaitReady(List.of(supervisor.instance(id)), timeout);
    }

    Supervisor supervisor() {
        return supervisor;
    }

    String gateway() {
        return supervisor.instance("gateway").url();
    }

    String direct(String id) {
        return supervisor.instance(id).url();
    }

    Path log(String id) {
        return supervisor.instance(id).log();
    }

    String logText(String id) {
        try {
            return Files.readString(log(id));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every instance's log of a service, concatenated. */
    String logsOf(String name) {
        StringBuilder text = new StringBuilder();
        for (Instance instance : supervisor.instancesOf(name)) {
            try {
                text.append(Files.readString(instance.log()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return text.toString();
    }

    @Override
    public void close() {
        supervisor.close();
    }
}
