package io.windshift.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The CI-sized chaos run inside {@code ./windshift test}: the whole local platform as {@code ./windshift up} runs it
 * (Kafka, the store and GreenMail as processes under the launcher, so they can be killed too), on its own ports and
 * state directory next to any platform a developer runs, then {@code ./windshift chaos} with 1,000 events and every
 * fault once. The chaos command's checker decides: it exits non-zero on anything lost, doubled, out of order, an
 * unexpected dead letter, a unit of the stream that stopped, or a fault that could not be injected.
 */
class ChaosIT {

    static final Path ROOT = Platform.ROOT;
    /** Every default port of LocalStack, plus the second instances' (+10) the rebalance fault starts. */
    static final List<Integer> PORTS = List.of(8080, 8081, 8082, 8083, 8084, 8091, 8092, 8093, 9092, 9093, 27017, 3025, 8025);
    static final int EVENTS = Integer.getInteger("chaos.events", 1000);

    static Path state;
    static Map<String, String> env;
    static int offset;

    @BeforeAll
    static void startPlatform() throws Exception {
        state = ROOT.resolve("end-to-end-tests/target/chaos-platform");
        Platform.deleteTree(state);
        Files.createDirectories(state.resolve("logs"));
        offset = freeOffset();
        env = new LinkedHashMap<>();
        env.put("WINDSHIFT_STATE_DIR", state.toString());
        env.put("WINDSHIFT_PORT_OFFSET", Integer.toString(offset));
        env.put("WINDSHIFT_CDS", "0"); // one start: a start-up archive training run would cost more than it saves
        env.put("WINDSHIFT_START_TIMEOUT", "300");
        int keys = run("keys", List.of(java(), "-cp", classpath(), "io.windshift.local.LocalTokens", "--keys",
                state.resolve("keys").toString(), "--init"), Duration.ofMinutes(1));
        assertThat(keys).as("local key pair").isZero();
        int up = run("up", List.of(java(), "-cp", classpath(), "io.windshift.local.launch.LauncherMain", ROOT.toString(), "up"),
                Duration.ofMinutes(8));
        assertThat(up).as("the platform came up (see %s)", state.resolve("logs")).isZero();
    }

    @AfterAll
    static void stopPlatform() throws Exception {
        if (state == null) {
            return;
        }
        run("down", List.of(java(), "-cp", classpath(), "io.windshift.local.launch.LauncherMain", ROOT.toString(), "down"),
                Duration.ofMinutes(3));
        Path pid = state.resolve("run/launcher.pid");
        if (Files.exists(pid)) { // a launcher that did not stop by itself
            ProcessHandle.of(Long.parseLong(Files.readString(pid).strip())).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    @Test
    void aThousandEventsUnderEveryFaultLoseDoubleAndReorderNothing() throws Exception {
        List<String> command = new ArrayList<>(List.of(java(), "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-Dorg.slf4j.simpleLogger.log.org.apache.kafka.clients.consumer.internals.OffsetFetcherUtils=error", "-cp", classpath(),
                "io.windshift.local.chaos.ChaosMain", "http://localhost:" + (8080 + offset), state.resolve("keys").toString(),
                state.resolve("run").toString(), "mongodb://localhost:" + (27017 + offset), "localhost:" + (9092 + offset),
                state.resolve("reliability.md").toString(), "ci", "--events", Integer.toString(EVENTS), "--max-minutes", "11",
                "--settle-seconds", "180", "--fault-gap-seconds", "3", "--no-record", "--mail-api", "http://localhost:" + (8025 + offset)));
        int code = run("chaos", command, Duration.ofMinutes(12));
        String output = Files.readString(state.resolve("logs/chaos-test.out"));
        assertThat(output).contains("RESULT: nothing lost, nothing doubled, nothing out of order");
        // every fault of the sequence was injected, on a stream of at least EVENTS accepted events
        assertThat(output).contains("faults injected").contains("kill -9 kafka#1").contains("kill -9 mongo#1")
                .contains("SIGSTOP mongo#1").contains("rebalance").contains("replay").contains("poison on every topic")
                .contains("kill -9 alliance-service#1").contains("kill -9 obligation-service#1")
                .contains("kill -9 notification-service#1").contains("kill -9 gateway#1");
        assertThat(code).as("chaos exit code (output in %s)", state.resolve("logs/chaos-test.out")).isZero();
        String accepted = output.lines().filter(l -> l.startsWith("| events accepted")).findFirst().orElseThrow();
        assertThat(Integer.parseInt(accepted.replaceAll("[^0-9]", ""))).isGreaterThanOrEqualTo(EVENTS);
    }

    /** Runs a command with the platform's environment; its output goes to logs/NAME-test.out and to this test's output. */
    static int run(String name, List<String> command, Duration timeout) throws IOException, InterruptedException {
        Path out = state.resolve("logs/" + name + "-test.out");
        ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true)
                .redirectOutput(out.toFile());
        builder.environment().putAll(env == null ? Map.of() : env);
        Process process = builder.start();
        boolean done = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (!done) {
            process.destroyForcibly().waitFor();
        }
        System.out.println("----- " + name + " -----");
        System.out.println(Files.readString(out));
        return done ? process.exitValue() : -1;
    }

    /** The first offset (in steps of 1,000 from 20,000) at which every port of the platform is free. */
    static int freeOffset() {
        return IntStream.iterate(20_000, o -> o <= 40_000, o -> o + 1_000)
                .filter(o -> PORTS.stream().allMatch(p -> free(p + o))).findFirst()
                .orElseThrow(() -> new IllegalStateException("no free port range for the chaos platform"));
    }

    static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress("127.0.0.1", port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static String java() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    static String classpath() {
        return ROOT.resolve("local-platform/target/classes") + ":" + ROOT.resolve("local-platform/target/lib/*");
    }
}
