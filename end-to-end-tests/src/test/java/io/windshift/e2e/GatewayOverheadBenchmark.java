package io.windshift.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * A benchmark command, not a test (its name matches neither *Test nor *IT, so builds never run it):
 * <pre>
 * mvn -o -q package -DskipTests
 * mvn -o -pl end-to-end-tests verify -Dit.test=GatewayOverheadBenchmark [-Dbench.seconds=20 -Dbench.clients=8]
 *     [-Dbench.flags=production|dev] [-Dbench.client=wrk|java] [-Dbench.jfr=true]
 * </pre>
 * Starts the platform (four JVMs, embedded broker and Mongo-wire store), then sends the same authenticated
 * {@code GET /api/v1/alliances/{id}} straight to alliance-service, through nginx (the anchor: started here if
 * {@code nginx} is on the PATH, keep-alive upstream to the same alliance-service port) and through the gateway,
 * alternating rounds direct / nginx / gateway so all three see the same machine state. Prints one table
 * (requests/s, p50, p99, errors, 1-minute load average per round) and, if every round completed, appends a row to
 * {@code docs/benchmarks.md}. The gateway's rate limit is raised for the run (the filter still runs).
 * <p>
 * {@code bench.flags}: {@code production} (default: full JIT, the JVM's default GC, {@code -Xmx384m}) or
 * {@code dev} (the dev-loop start-up flags of {@link Platform#jvmFlags()}: C1 only, Serial GC);
 * {@code windshift.e2e.jvm-flags} still wins if set. {@code bench.client}: {@code wrk} (default when installed:
 * a C load generator that takes far less CPU from the two cores than the Java client) or {@code java}.
 * {@code bench.jfr=true} records the gateway with JFR ({@code settings=profile}) during the measured rounds and
 * dumps it to {@code end-to-end-tests/target/bench-jfr/}.
 */
class GatewayOverheadBenchmark {

    static final Path ROOT = Path.of(System.getProperty("windshift.root", "..")).toAbsolutePath().normalize();
    static final Path RESULTS = ROOT.resolve("docs/benchmarks.md");
    static final String PRODUCTION_FLAGS = "-Xmx384m";
    static final String TABLE_HEADER = "| date (UTC) | commit | machine, JVM flags | flags | client | clients x time | load (1 min) "
            + "| direct req/s | direct p99 ms | nginx req/s | nginx p99 ms | gateway req/s | gateway p99 ms "
            + "| nginx/direct | gateway/direct | gateway p99 / direct p99 |";

    record Result(double requestsPerSecond, double p50Millis, double p99Millis, long errors, double load) {
    }

    @Test
    void measureGatewayOverhead() throws Exception {
        int seconds = Integer.getInteger("bench.seconds", 20);
        int clients = Integer.getInteger("bench.clients", 8);
        String flagsMode = System.getProperty("bench.flags", "production");
        if (System.getProperty("windshift.e2e.jvm-flags") == null && flagsMode.equals("production")) {
            System.setProperty("windshift.e2e.jvm-flags", PRODUCTION_FLAGS);
        } else if (System.getProperty("windshift.e2e.jvm-flags") != null) {
            flagsMode = "custom";
        }
        boolean wrk = !System.getProperty("bench.client", "wrk").equals("java") && onPath("wrk");
        boolean jfr = Boolean.getBoolean("bench.jfr");

        EmbeddedInfrastructure infrastructure = EmbeddedInfrastructure.start();
        Tokens tokens = new Tokens(Files.createTempDirectory("windshift-bench-keys"));
        Process nginx = null;
        try (Platform platform = Platform.start("benchmark", infrastructure.kafkaBootstrap(), infrastructure.mongoUri(),
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
            int servicePort = URI.create(platform.direct("alliance-service")).getPort();
            Map<String, URI> targets = new LinkedHashMap<>();
            targets.put("direct", URI.create("http://127.0.0.1:" + servicePort + path));
            if (onPath("nginx")) {
                int nginxPort = freePort();
                nginx = startNginx(servicePort, nginxPort);
                targets.put("nginx", URI.create("http://127.0.0.1:" + nginxPort + path));
            } else {
                System.out.println("GATEWAY OVERHEAD: nginx not on the PATH (apt-get install nginx-light): no anchor row");
            }
            targets.put("gateway", URI.create("http://127.0.0.1:" + URI.create(platform.gateway()).getPort() + path));

            // Warm every path up (JIT of all three, connection pools) for a full round, then alternate measured rounds.
            for (URI uri : targets.values()) {
                run(wrk, uri, admin, clients, seconds);
            }
            Optional<ProcessHandle> gatewayProcess = child("gateway-");
            Path recording = null;
            if (jfr && gatewayProcess.isPresent()) {
                jcmd(gatewayProcess.get().pid(), "JFR.start", "name=bench", "settings=profile");
            }
            Map<String, List<Result>> rounds = new LinkedHashMap<>();
            for (int round = 0; round < 2; round++) {
                for (Map.Entry<String, URI> target : targets.entrySet()) {
                    Result result = run(wrk, target.getValue(), admin, clients, seconds);
                    rounds.computeIfAbsent(target.getKey(), k -> new ArrayList<>()).add(result);
                    System.out.printf("GATEWAY OVERHEAD round %d %-7s %7.0f req/s  p50 %6.2f ms  p99 %6.2f ms  errors %d  load %.2f%n",
                            round + 1, target.getKey(), result.requestsPerSecond(), result.p50Millis(), result.p99Millis(),
                            result.errors(), result.load());
                }
            }
            if (jfr && gatewayProcess.isPresent()) {
                Path dir = ROOT.resolve("end-to-end-tests/target/bench-jfr");
                Files.createDirectories(dir);
                recording = dir.resolve("gateway-" + Instant.now().toString().replace(':', '-').substring(0, 19) + ".jfr");
                jcmd(gatewayProcess.get().pid(), "JFR.dump", "name=bench", "filename=" + recording);
                jcmd(gatewayProcess.get().pid(), "JFR.stop", "name=bench");
                System.out.println("GATEWAY OVERHEAD JFR recording of the gateway: " + recording);
            }

            Result d = best(rounds.get("direct"));
            Result n = rounds.containsKey("nginx") ? best(rounds.get("nginx")) : null;
            Result g = best(rounds.get("gateway"));
            String commit = commit();
            String machine = Runtime.getRuntime().availableProcessors() + " cores, " + System.getProperty("os.arch") + ", JDK "
                    + System.getProperty("java.version") + ", " + String.join(" ", Platform.jvmFlags());
            System.out.println("GATEWAY OVERHEAD " + clients + " connections x " + seconds + " s, client " + (wrk ? "wrk" : "java")
                    + ", " + flagsMode + " flags (" + String.join(" ", Platform.jvmFlags()) + "), commit " + commit
                    + (jfr ? ", JFR recording the gateway" : "") + ", best of 2 rounds each:");
            System.out.println("| path    | req/s | p50 ms | p99 ms | errors | load | req/s / direct | p99 / direct |");
            for (Map.Entry<String, List<Result>> entry : rounds.entrySet()) {
                Result r = best(entry.getValue());
                System.out.printf("| %-7s | %5.0f | %6.2f | %6.2f | %6d | %4.2f | %14.2f | %12.2f |%n", entry.getKey(), r.requestsPerSecond(),
                        r.p50Millis(), r.p99Millis(), r.errors(), r.load(), r.requestsPerSecond() / d.requestsPerSecond(),
                        r.p99Millis() / d.p99Millis());
            }
            long errors = rounds.values().stream().flatMap(List::stream).mapToLong(Result::errors).sum();
            // The machine-readable line ./windshift bench reads (nginx figures are 0 when nginx is not installed).
            System.out.println(String.format(java.util.Locale.ROOT, "BENCH-RESULT {\"benchmark\":\"gateway\",\"complete\":%b,\"figures\":"
                    + "{\"direct_rps\":%.1f,\"direct_p99_ms\":%.2f,\"nginx_rps\":%.1f,\"nginx_p99_ms\":%.2f,\"gateway_rps\":%.1f,"
                    + "\"gateway_p99_ms\":%.2f,\"errors\":%d}}", errors == 0 && n != null && !jfr, d.requestsPerSecond(), d.p99Millis(),
                    n == null ? 0 : n.requestsPerSecond(), n == null ? 0 : n.p99Millis(), g.requestsPerSecond(), g.p99Millis(), errors));
            if (errors == 0 && !jfr) {
                appendRow(d, n, g, rounds, seconds, clients, commit, machine, flagsMode, wrk ? "wrk" : "java");
            } else {
                System.out.println("GATEWAY OVERHEAD not recorded in docs/benchmarks.md: " + (jfr ? "JFR was recording" : errors + " errors"));
            }
        } finally {
            if (nginx != null) {
                nginx.destroy();
                if (!nginx.waitFor(10, TimeUnit.SECONDS)) {
                    nginx.destroyForcibly();
                }
            }
            infrastructure.close();
        }
    }

    private static Result best(List<Result> rounds) {
        return rounds.stream().max((a, b) -> Double.compare(a.requestsPerSecond(), b.requestsPerSecond())).orElseThrow();
    }

    static Result run(boolean wrk, URI uri, String token, int clients, int seconds) throws Exception {
        return wrk ? runWrk(uri, token, clients, seconds) : runJava(uri, token, clients, seconds);
    }

    /** {@code wrk} with one thread and {@code clients} keep-alive connections, each closed-loop. */
    static Result runWrk(URI uri, String token, int clients, int seconds) throws Exception {
        Process process = new ProcessBuilder("wrk", "-t1", "-c" + clients, "-d" + seconds + "s", "--latency", "--timeout", "10s",
                "-H", "Authorization: Bearer " + token, uri.toString()).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException("wrk failed: " + out);
        }
        double rps = Double.parseDouble(find(out, "Requests/sec:\\s+([0-9.]+)"));
        long errors = 0;
        String non2xx = findOrNull(out, "Non-2xx or 3xx responses:\\s+(\\d+)");
        if (non2xx != null) {
            errors += Long.parseLong(non2xx);
        }
        Matcher socket = Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)").matcher(out);
        if (socket.find()) {
            for (int i = 1; i <= 4; i++) {
                errors += Long.parseLong(socket.group(i));
            }
        }
        return new Result(rps, millis(find(out, "\\n\\s+50%\\s+(\\S+)")), millis(find(out, "\\n\\s+99%\\s+(\\S+)")), errors, load());
    }

    /** {@code clients} closed-loop callers for {@code seconds}: each sends the next request when the last one answered. */
    static Result runJava(URI uri, String token, int clients, int seconds) throws Exception {
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
                errors.get(), load());
    }

    /** nginx in the foreground, one worker, a keep-alive upstream to alliance-service, no access log. */
    static Process startNginx(int upstreamPort, int listenPort) throws Exception {
        Path dir = Files.createTempDirectory("windshift-bench-nginx");
        Path conf = dir.resolve("nginx.conf");
        Files.writeString(conf, """
                daemon off;
                worker_processes 1;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log warn;
                events { worker_connections 1024; }
                http {
                    access_log off;
                    client_body_temp_path %1$s/body;
                    proxy_temp_path %1$s/proxy;
                    fastcgi_temp_path %1$s/fastcgi;
                    uwsgi_temp_path %1$s/uwsgi;
                    scgi_temp_path %1$s/scgi;
                    upstream alliance { server 127.0.0.1:%2$d; keepalive 32; }
                    server {
                        listen 127.0.0.1:%3$d;
                        location / {
                            proxy_pass http://alliance;
                            proxy_http_version 1.1;
                            proxy_set_header Connection "";
                            proxy_set_header Host $host;
                        }
                    }
                }
                """.formatted(dir, upstreamPort, listenPort));
        Process process = new ProcessBuilder("nginx", "-p", dir.toString(), "-c", conf.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("stdout.log").toFile()).start();
        try {
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).until(() -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException("nginx exited: " + Files.readString(dir.resolve("stdout.log")));
                }
                try (Socket ignored = new Socket("127.0.0.1", listenPort)) {
                    return true;
                } catch (IOException notYet) {
                    return false;
                }
            });
            return process;
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            process.destroyForcibly();
            throw new IllegalStateException("nginx did not listen on " + listenPort);
        }
    }

    private static Optional<ProcessHandle> child(String jarPrefix) {
        return ProcessHandle.current().descendants()
                .filter(p -> p.info().commandLine().map(c -> c.contains("/" + jarPrefix) && c.contains("-exec.jar")).orElse(false))
                .findFirst();
    }

    private static void jcmd(long pid, String... command) throws Exception {
        List<String> args = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), Long.toString(pid)));
        args.addAll(List.of(command));
        Process process = new ProcessBuilder(args).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        System.out.println("GATEWAY OVERHEAD jcmd " + String.join(" ", command) + ": " + out.strip().replace('\n', ' '));
    }

    private static boolean onPath(String command) {
        try {
            return new ProcessBuilder("sh", "-c", "command -v " + command).start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static String commit() {
        try {
            Process process = new ProcessBuilder("git", "rev-parse", "--short", "HEAD").directory(ROOT.toFile()).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (process.waitFor() != 0 || out.isEmpty()) {
                return "unknown";
            }
            // The gateway measured is the working tree's: say so when it differs from the commit.
            Process diff = new ProcessBuilder("git", "diff", "--quiet", "HEAD", "--", "gateway").directory(ROOT.toFile()).start();
            return diff.waitFor() == 0 ? out : out + " + uncommitted gateway changes";
        } catch (IOException | InterruptedException e) {
            return "unknown";
        }
    }

    private static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String find(String text, String regex) {
        String value = findOrNull(text, regex);
        if (value == null) {
            throw new IllegalStateException("No " + regex + " in: " + text);
        }
        return value;
    }

    private static String findOrNull(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        return m.find() ? m.group(1) : null;
    }

    /** wrk's latencies: {@code 812.00us}, {@code 1.23ms}, {@code 2.01s}. */
    static double millis(String value) {
        if (value.endsWith("us")) {
            return Double.parseDouble(value.substring(0, value.length() - 2)) / 1000;
        }
        if (value.endsWith("ms")) {
            return Double.parseDouble(value.substring(0, value.length() - 2));
        }
        if (value.endsWith("s")) {
            return Double.parseDouble(value.substring(0, value.length() - 1)) * 1000;
        }
        return Double.parseDouble(value);
    }

    private static void appendRow(Result d, Result n, Result g, Map<String, List<Result>> rounds, int seconds, int clients, String commit,
            String machine, String flagsMode, String client) throws IOException {
        // Other work on the machine skews every figure: the 1-minute load average (lowest to highest over the rounds) says how much.
        double minLoad = rounds.values().stream().flatMap(List::stream).mapToDouble(Result::load).min().orElse(-1);
        double maxLoad = rounds.values().stream().flatMap(List::stream).mapToDouble(Result::load).max().orElse(-1);
        String row = String.format("| %s | %s | %s | %s | %s | %d x %d s | %.1f-%.1f | %.0f | %.2f | %s | %s | %.0f | %.2f | %s | %.2f | %.2f |",
                Instant.now().toString().substring(0, 16) + "Z", commit, machine, flagsMode, client, clients, seconds, minLoad, maxLoad,
                d.requestsPerSecond(), d.p99Millis(),
                n == null ? "-" : String.format("%.0f", n.requestsPerSecond()), n == null ? "-" : String.format("%.2f", n.p99Millis()),
                g.requestsPerSecond(), g.p99Millis(),
                n == null ? "-" : String.format("%.2f", n.requestsPerSecond() / d.requestsPerSecond()),
                g.requestsPerSecond() / d.requestsPerSecond(), g.p99Millis() / d.p99Millis());
        String text = Files.exists(RESULTS) ? Files.readString(RESULTS) : "# Benchmarks\n";
        String section = "## gateway";
        if (!text.contains(section)) {
            text += "\n" + section + "\n\n";
        }
        int at = text.indexOf(section);
        int next = text.indexOf("\n## ", at + section.length());
        int end = next < 0 ? text.length() : next + 1;
        int table = text.indexOf(TABLE_HEADER, at);
        String updated;
        if (table < 0 || table > end) {
            String block = TABLE_HEADER + "\n" + "|---".repeat(16) + "|\n" + row + "\n\n";
            updated = text.substring(0, end) + block + text.substring(end);
        } else {
            // After the table's last row.
            int lineEnd = text.indexOf('\n', table);
            while (lineEnd >= 0 && lineEnd + 1 < text.length() && text.charAt(lineEnd + 1) == '|') {
                lineEnd = text.indexOf('\n', lineEnd + 1);
            }
            int insertAt = lineEnd < 0 ? text.length() : lineEnd + 1;
            updated = text.substring(0, insertAt) + (lineEnd < 0 ? "\n" : "") + row + "\n" + text.substring(insertAt);
        }
        Files.writeString(RESULTS, updated.endsWith("\n") ? updated : updated + "\n");
    }
}
