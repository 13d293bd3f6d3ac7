package io.windshift.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import tools.jackson.databind.json.JsonMapper;

/**
 * A benchmark command, not a test (its name matches neither *Test nor *IT, so builds never run it):
 * <pre>
 * mvn -o -q package -DskipTests
 * mvn -o -pl end-to-end-tests verify -Dit.test=GatewayOverheadBenchmark [-Dbench.seconds=20 -Dbench.clients=8]
 * </pre>
 * Starts the platform (four JVMs, embedded broker and Mongo-wire store), then sends the same authenticated
 * {@code GET /api/v1/alliances/{id}} straight to alliance-service and through the gateway, alternating
 * rounds so both see the same machine state, and prints requests/s, p50, p99 and the ratios. Appends a
 * row to {@code docs/benchmarks.md}. The gateway's rate limit is raised for the run (the filter still runs).
 */
class GatewayOverheadBenchmark {

    static final Path RESULTS = Path.of(System.getProperty("windshift.root", "..")).resolve("docs/benchmarks.md");

    record Result(double requestsPerSecond, double p50Millis, double p99Millis, int errors) {
    }

    @Test
    void measureGatewayOverhead() throws Exception {
        int seconds = Integer.getInteger("bench.seconds", 20);
        int clients = Integer.getInteger("bench.clients", 8);
        // Measure steady state with the full JIT, not the start-up flags the tests use.
        if (System.getProperty("windshift.e2e.jvm-flags") == null) {
            System.setProperty("windshift.e2e.jvm-flags", "-XX:+UseSerialGC -Xmx384m");
        }
        EmbeddedKafkaKraftBroker kafka = new EmbeddedKafkaKraftBroker(1, 3);
        kafka.afterPropertiesSet();
        MongoServer mongo = new MongoServer(new MemoryBackend());
        InetSocketAddress address = mongo.bind();
        Tokens tokens = new Tokens(Files.createTempDirectory("windshift-bench-keys"));
        try (Platform platform = Platform.start("benchmark", kafka.getBrokersAsString(), "mongodb://127.0.0.1:" + address.getPort(),
                tokens.publicKey(), Map.of("gateway", List.of(
                        "--windshift.gateway.rate-limit.defaults.capacity=100000000",
                        "--windshift.gateway.rate-limit.defaults.refill-per-second=100000000",
                        "--windshift.gateway.rate-limit.routes.alliance-service.capacity=100000000",
                        "--logging.level.io.windshift.gateway.tracing=WARN")))) {
            String admin = tokens.person("p-admin", "ALLIANCE_ADMIN");
            HttpResponse<String> created = new Http().send(platform.gateway(), "POST", "/api/v1/alliances", admin, "application/json", """
                    {"name":"Bench alliance","partner":"Bench Bio","type":"LICENSE","stage":"EARLY","tier":"STANDARD",
                     "team":[{"role":"PARTNERSHIP_LEAD","personId":"p-bench"}]}
                    """);
            assertThat(created.statusCode()).isEqualTo(201);
            String path = "/api/v1/alliances/" + JsonMapper.builder().build().readTree(created.body()).get("id").asString();
            URI direct = URI.create(platform.direct("alliance-service") + path);
            URI gateway = URI.create(platform.gateway() + path);

            // Warm both paths up (JIT, connection pools), then alternate measured rounds.
            run(direct, admin, clients, Math.max(5, seconds / 2));
            run(gateway, admin, clients, Math.max(5, seconds / 2));
            List<Result> directRounds = new ArrayList<>();
            List<Result> gatewayRounds = new ArrayList<>();
            for (int round = 0; round < 2; round++) {
                directRounds.add(run(direct, admin, clients, seconds));
                gatewayRounds.add(run(gateway, admin, clients, seconds));
            }
            Result d = best(directRounds);
            Result g = best(gatewayRounds);
            String summary = String.format(
                    "direct: %.0f req/s, p50 %.2f ms, p99 %.2f ms | gateway: %.0f req/s, p50 %.2f ms, p99 %.2f ms | "
                            + "gateway/direct throughput %.2f, p99 %.2fx, errors %d/%d",
                    d.requestsPerSecond(), d.p50Millis(), d.p99Millis(), g.requestsPerSecond(), g.p50Millis(), g.p99Millis(),
                    g.requestsPerSecond() / d.requestsPerSecond(), g.p99Millis() / d.p99Millis(), d.errors(), g.errors());
            System.out.println("GATEWAY OVERHEAD " + summary);
            appendRow(d, g, seconds, clients);
        } finally {
            mongo.shutdownNow();
            kafka.destroy();
        }
    }

    private static Result best(List<Result> rounds) {
        return rounds.stream().max((a, b) -> Double.compare(a.requestsPerSecond(), b.requestsPerSecond())).orElseThrow();
    }

    /** {@code clients} closed-loop callers for {@code seconds}: each sends the next request when the last one answered. */
    static Result run(URI uri, String token, int clients, int seconds) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest request = HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token).GET().build();
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        AtomicInteger errors = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<long[]>> futures = new ArrayList<>();
        long started = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            futures.add(pool.submit(() -> {
                long[] latencies = new long[1 << 16];
                int n = 0;
                while (System.nanoTime() < end) {
                    long t0 = System.nanoTime();
                    try {
                        if (http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode() != 200) {
                            errors.incrementAndGet();
                        }
                    } catch (IOException e) {
                        errors.incrementAndGet();
                    }
                    if (n == latencies.length) {
                        latencies = Arrays.copyOf(latencies, n * 2);
                    }
                    latencies[n++] = System.nanoTime() - t0;
                }
                return Arrays.copyOf(latencies, n);
            }));
        }
        long[] all = new long[0];
        for (Future<long[]> future : futures) {
            long[] part = future.get();
            long[] merged = Arrays.copyOf(all, all.length + part.length);
            System.arraycopy(part, 0, merged, all.length, part.length);
            all = merged;
        }
        double elapsed = (System.nanoTime() - started) / 1e9;
        pool.shutdown();
        http.close();
        Arrays.sort(all);
        return new Result(all.length / elapsed, all[(int) (all.length * 0.50)] / 1e6, all[(int) Math.min(all.length - 1, all.length * 0.99)] / 1e6,
                errors.get());
    }

    private static void appendRow(Result d, Result g, int seconds, int clients) throws IOException {
        // Other work on the machine skews every figure: the 1-minute load average says how much there was.
        double load = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        String machine = Runtime.getRuntime().availableProcessors() + " cores, " + System.getProperty("os.arch") + ", JDK "
                + System.getProperty("java.version") + ", " + String.join(" ", Platform.jvmFlags()) + String.format(", load %.1f", load);
        String row = String.format("| %s | %s | %d x %d s | %.0f | %.2f | %.0f | %.2f | %.2f | %.2f |%n",
                Instant.now().toString().substring(0, 16) + "Z", machine, clients, seconds, d.requestsPerSecond(), d.p99Millis(),
                g.requestsPerSecond(), g.p99Millis(), g.requestsPerSecond() / d.requestsPerSecond(), g.p99Millis() / d.p99Millis());
        String text = Files.exists(RESULTS) ? Files.readString(RESULTS) : "# Benchmarks\n";
        String header = "## gateway";
        if (!text.contains(header)) {
            text += "\n" + header + "\n\n"
                    + "Same `GET /api/v1/alliances/{id}` (valid RS256 token) straight to alliance-service and through the gateway, in one run;\n"
                    + "closed-loop clients, best of two alternating rounds each. Command:\n"
                    + "`mvn -o -q package -DskipTests && mvn -o -pl end-to-end-tests verify -Dit.test=GatewayOverheadBenchmark`\n\n"
                    + "| date (UTC) | machine | clients x time | direct req/s | direct p99 ms | gateway req/s | gateway p99 ms | throughput ratio | p99 ratio |\n"
                    + "|---|---|---|---|---|---|---|---|---|\n";
        }
        int at = text.indexOf(header);
        int next = text.indexOf("\n## ", at + header.length());
        String updated = next < 0 ? text + row : text.substring(0, next) + row + text.substring(next);
        Files.writeString(RESULTS, updated.endsWith("\n") ? updated : updated + "\n");
    }
}
