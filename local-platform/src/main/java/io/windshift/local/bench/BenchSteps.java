package io.windshift.local.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** How each benchmark of the suite is started: its command line, its log, and where else its output may land. */
final class BenchSteps {

    /** Benchmarks that bring their own broker and store in one JVM (started through Maven). */
    static final Set<String> IN_JVM = Set.of("gateway", "due-pass", "finance-matching");
    /** Benchmarks that need {@code ./windshift up} running ({@code startup} brings it up itself). */
    static final Set<String> AGAINST_PLATFORM = Set.of("memory", "anchors", "pipeline", "reorg");

    private final Path root;
    private final String mvn;
    private final List<String> properties;
    private final Map<String, String> env;

    BenchSteps(Path root, String mvn, List<String> properties, Map<String, String> env) {
        this.root = root;
        this.mvn = mvn;
        this.properties = properties;
        this.env = env;
    }

    List<String> command(String name) {
        String kafka = env.getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "localhost:9092");
        String mongo = env.getOrDefault("MONGODB_URI", "mongodb://localhost:27017");
        String keys = root.resolve(".windshift/keys").toString();
        String run = root.resolve(".windshift/run").toString();
        return switch (name) {
            // The gateway benchmark starts its own platform (four JVMs, broker, store) and nginx; 10 s rounds keep it ~3 min.
            case "gateway" -> maven(List.of("-pl", "end-to-end-tests", "verify", "-Dit.test=GatewayOverheadBenchmark", "-Dtest=NoSuchTest",
                    "-Dsurefire.failIfNoSpecifiedTests=false", "-Dbench.seconds=10"));
            case "due-pass" -> maven(List.of("-q", "-pl", "obligation-service", "-Pbench", "test-compile",
                    "org.codehaus.mojo:exec-maven-plugin:3.5.0:exec"));
            case "finance-matching" -> maven(List.of("-q", "-pl", "obligation-service", "-Pbench", "-Dbench.occurrences=10000",
                    "-Dbench.main=io.windshift.obligation.finance.FinanceMatchingBenchmark", "test-compile",
                    "org.codehaus.mojo:exec-maven-plugin:3.5.0:exec"));
            case "startup" -> java("PlatformBenchmark", "startup", root.toString());
            case "memory" -> java("PlatformBenchmark", "memory", root.toString());
            case "anchors" -> java("AnchorBenchmark", root.toString(), kafka, mongo);
            case "pipeline" -> java("PipelineBenchmark", "http://localhost:8080", keys, mongo, kafka);
            case "reorg" -> java("ReorgBenchmark", "http://localhost:8080", keys, root.resolve("docs/benchmarks.md").toString(), mongo, run, kafka);
            default -> throw new IllegalArgumentException("unknown benchmark " + name);
        };
    }

    /** Failsafe keeps a test's stdout in a report file ({@code redirectTestOutputToFile}); the suite reads it too. */
    Optional<Path> extraOutput(String name) {
        return name.equals("gateway")
                ? Optional.of(root.resolve("end-to-end-tests/target/failsafe-reports/io.windshift.e2e.GatewayOverheadBenchmark-output.txt"))
                : Optional.empty();
    }

    Path log(String name) {
        return root.resolve(".windshift/logs/bench-" + name + ".log");
    }

    Map<String, String> environment() {
        return Map.of();
    }

    boolean platformReady() {
        return LauncherStatus.read(root.resolve(".windshift/run")).map(LauncherStatus::allReady).orElse(false);
    }

    /** Runs {@code ./windshift CMD} with the terminal's output; returns its exit code. */
    int windshift(String command) throws IOException, InterruptedException {
        System.out.println("==> ./windshift " + command);
        return new ProcessBuilder(root.resolve("windshift").toString(), command).directory(root.toFile()).inheritIO().start().waitFor();
    }

    private List<String> maven(List<String> args) {
        List<String> command = new ArrayList<>(List.of(mvn, "-B"));
        command.addAll(args);
        command.addAll(properties);
        return command;
    }

    private List<String> java(String mainClass, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(properties);
        command.addAll(List.of("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp",
                root.resolve("local-platform/target/classes") + ":" + root.resolve("local-platform/target/lib") + "/*",
                "io.windshift.local.bench." + mainClass));
        command.addAll(List.of(args));
        return command;
    }
}
