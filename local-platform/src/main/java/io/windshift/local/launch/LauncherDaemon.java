package io.windshift.local.launch;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The long-running side of {@code ./windshift up}: owns the {@link Supervisor} (so crashed services are
 * restarted while nobody watches) and answers the CLI on a loopback port with a per-run token, both written
 * to {@code .windshift/run/launcher.port} and {@code launcher.token}.
 */
final class LauncherDaemon {

    private final LocalStack stack;
    private final Supervisor supervisor;
    private final ExecutorService work = Executors.newSingleThreadExecutor();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile String phase = "idle";

    LauncherDaemon(LocalStack stack) {
        this.stack = stack;
        this.supervisor = new Supervisor(stack.runDir(), stack.logDir(), line -> System.out.println(Instant.now() + " " + line));
        stack.register(supervisor);
    }

    void run() throws IOException, InterruptedException {
        List<Instance> adopted = supervisor.adoptRunning();
        adopted.forEach(i -> System.out.println("adopted " + i.id() + " (pid " + i.pid().orElse(-1L) + ")"));
        String token = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/", exchange -> handle(exchange, token));
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
        Path tokenFile = stack.runDir().resolve("launcher.token");
        Files.writeString(tokenFile, token);
        tokenFile.toFile().setReadable(false, false);
        tokenFile.toFile().setReadable(true, true);
        Files.writeString(stack.runDir().resolve("launcher.port"), Integer.toString(server.getAddress().getPort()));
        Files.writeString(stack.runDir().resolve("launcher.pid"), Long.toString(ProcessHandle.current().pid()));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (stopped.getCount() > 0) {
                supervisor.close();
            }
        }));
        System.out.println("launcher listening on 127.0.0.1:" + server.getAddress().getPort());
        stopped.await();
        server.stop(0);
        Files.deleteIfExists(stack.runDir().resolve("launcher.port"));
        Files.deleteIfExists(stack.runDir().resolve("launcher.pid"));
        System.exit(0);
    }

    private void handle(HttpExchange exchange, String token) throws IOException {
        try (exchange) {
            if (!token.equals(exchange.getRequestHeaders().getFirst("X-Launcher-Token"))) {
                reply(exchange, 403, "bad token");
                return;
            }
            Map<String, List<String>> query = query(exchange.getRequestURI().getRawQuery());
            String path = exchange.getRequestURI().getPath();
            switch (path) {
                case "/status" -> reply(exchange, 200, status());
                case "/events" -> reply(exchange, 200, String.join("\n", supervisor.events()));
                case "/up" -> {
                    Map<String, Integer> scale = new LinkedHashMap<>();
                    for (String s : query.getOrDefault("scale", List.of())) {
                        scale.put(s.substring(0, s.indexOf('=')), Integer.parseInt(s.substring(s.indexOf('=') + 1)));
                    }
                    boolean infraOnly = query.containsKey("infra-only");
                    phase = "starting";
                    work.submit(() -> up(scale, infraOnly));
                    reply(exchange, 202, "starting");
                }
                case "/stop" -> {
                    supervisor.stop(one(query, "id"));
                    reply(exchange, 200, "stopped");
                }
                case "/start" -> {
                    Instance instance = supervisor.start(one(query, "id"));
                    reply(exchange, 202, instance.id());
                }
                case "/kill" -> {
                    supervisor.kill(one(query, "id"));
                    reply(exchange, 200, "killed");
                }
                case "/down" -> {
                    phase = "stopping";
                    work.submit(() -> {
                        supervisor.close();
                        phase = "down";
                        stopped.countDown();
                    });
                    reply(exchange, 202, "stopping");
                }
                default -> reply(exchange, 404, "unknown " + path);
            }
        } catch (IllegalArgumentException e) {
            reply(exchange, 400, e.getMessage());
        } catch (RuntimeException e) {
            reply(exchange, 500, e.toString());
        }
    }

    private void up(Map<String, Integer> scale, boolean infraOnly) {
        try {
            List<Instance> infra = new ArrayList<>();
            for (String name : LocalStack.INFRASTRUCTURE) {
                if (supervisor.component(name).isPresent()) {
                    infra.add(supervisor.start(name));
                }
            }
            phase = "starting infrastructure";
            List<String> training = infraOnly ? List.of() : LocalStack.SERVICES.stream().filter(n -> ServiceJars.needsTraining(stack, n)).toList();
            // With the archives in place the services start beside the broker and the store: their first seconds are
            // class loading and wiring, which need neither, and the two cores are not idle while Kafka starts. They
            // wait for the store and the broker where they first need them (topic creation, index creation).
            boolean overlap = !infraOnly && training.isEmpty();
            if (!overlap) {
                supervisor.awaitReady(infra, stack.startTimeout);
            }
            if (!infraOnly) {
                if (!training.isEmpty()) {
                    phase = "training start-up archives (once per build) for " + String.join(" ", training);
                    training.parallelStream().forEach(n -> {
                        if (!ServiceJars.train(stack, n, supervisor)) {
                            System.out.println(n + ": CDS training failed, starting without the archive (see "
                                    + stack.logDir().resolve(n + ".cds.log") + ")");
                        }
                    });
                }
                phase = "starting services";
                List<Instance> services = new ArrayList<>();
                for (String name : LocalStack.SERVICES) {
                    int count = scale.getOrDefault(name, Math.max(1, (int) supervisor.instancesOf(name).stream()
                            .filter(i -> i.wanted).count()));
                    for (Instance extra : supervisor.instancesOf(name)) {
                        if (extra.index() > count && extra.wanted) {
                            supervisor.stop(extra.id());
                        }
                    }
                    for (Instance instance : supervisor.scale(name, count)) {
                        services.add(supervisor.start(instance.id()));
                    }
                }
                if (overlap) {
                    supervisor.awaitReady(infra, stack.startTimeout);
                }
                supervisor.awaitReady(services, stack.startTimeout);
            }
            phase = "up";
        } catch (LaunchException e) {
            phase = "failed: " + e.getMessage() + (e.instance() == null ? "" : "\n----- last 40 lines of " + e.instance().log()
                    + " -----\n" + e.logTail(40) + "\n-----");
        } catch (RuntimeException e) {
            phase = "failed: " + e;
        }
    }

    /** First line the phase, then one tab-separated line per instance. */
    private String status() {
        StringBuilder text = new StringBuilder("phase\t").append(phase.replace('\n', '\u001f')).append('\n');
        for (Instance i : supervisor.instances()) {
            text.append(String.join("\t", i.id(), i.state().name(), i.pid().map(String::valueOf).orElse("-"),
                    Integer.toString(i.port()), Integer.toString(i.restarts()), Long.toString(i.rssMb()),
                    i.startUp() == null ? "-" : Long.toString(i.startUp().toMillis()), Boolean.toString(i.wanted))).append('\n');
        }
        return text.toString();
    }

    private static String one(Map<String, List<String>> query, String name) {
        List<String> values = query.get(name);
        if (values == null || values.size() != 1) {
            throw new IllegalArgumentException("one '" + name + "' expected");
        }
        return values.get(0);
    }

    private static Map<String, List<String>> query(String raw) {
        Map<String, List<String>> result = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return result;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            result.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        }
        return result;
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
    }
}
