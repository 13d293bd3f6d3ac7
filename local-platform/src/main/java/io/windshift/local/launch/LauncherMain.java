package io.windshift.local.launch;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code ./windshift up|down|status|stop|start|kill}: the command side of the launcher. {@code up} starts the
 * {@link LauncherDaemon} in its own session if none runs, asks it to bring the platform up and prints progress;
 * the other commands ask the running daemon. Usage: {@code LauncherMain ROOT COMMAND [ARGS]}.
 */
public final class LauncherMain {

    private static final boolean TTY = System.console() != null;
    private static final String BOLD = TTY ? "\u001b[1m" : "";
    private static final String GREEN = TTY ? "\u001b[32m" : "";
    private static final String YELLOW = TTY ? "\u001b[33m" : "";
    private static final String RED = TTY ? "\u001b[31m" : "";
    private static final String RESET = TTY ? "\u001b[0m" : "";

    private final LocalStack stack;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private LauncherMain(LocalStack stack) {
        this.stack = stack;
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: LauncherMain ROOT up|down|status|stop|start|kill|daemon [ARGS]");
            System.exit(2);
        }
        LocalStack stack = new LocalStack(Path.of(args[0]).toAbsolutePath().normalize(), System.getenv());
        List<String> rest = List.of(args).subList(2, args.length);
        LauncherMain cli = new LauncherMain(stack);
        int code = switch (args[1]) {
            case "daemon" -> {
                new LauncherDaemon(stack).run();
                yield 0;
            }
            case "up" -> cli.up(rest);
            case "down" -> cli.down();
            case "status" -> cli.status();
            case "stop", "start", "kill" -> cli.instanceCommand(args[1], rest);
            default -> {
                System.err.println("unknown launcher command " + args[1]);
                yield 2;
            }
        };
        System.exit(code);
    }

    private int up(List<String> args) throws Exception {
        List<String> query = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--infra-only")) {
                query.add("infra-only");
            } else if (arg.equals("--scale") && i + 1 < args.size() || arg.startsWith("--scale=")) {
                String spec = arg.equals("--scale") ? args.get(++i) : arg.substring("--scale=".length());
                String[] parts = spec.split("=");
                if (parts.length != 2 || !LocalStack.SCALABLE.contains(parts[0]) || !parts[1].matches("[1-9]")) {
                    return fail("--scale NAME=N: NAME is one of " + LocalStack.SCALABLE + ", N from 1 to 9 (got " + spec + ")");
                }
                query.add("scale=" + URLEncoder.encode(spec, StandardCharsets.UTF_8));
            } else {
                return fail("up: unknown option " + arg);
            }
        }
        Instant t0 = Instant.now();
        if (daemon().isEmpty()) {
            startDaemon();
        }
        Daemon daemon = awaitDaemon();
        daemon.send("POST", "/up?" + String.join("&", query));
        Set<String> shown = new HashSet<>();
        String lastPhase = "";
        while (true) {
            Status status = Status.parse(daemon.send("GET", "/status"));
            if (!status.phase().equals(lastPhase) && !status.phase().startsWith("failed") && !status.phase().equals("up")) {
                System.out.println(BOLD + "==>" + RESET + " " + status.phase());
                lastPhase = status.phase();
            }
            for (Status.Row row : status.rows()) {
                if (row.state().equals("READY") && shown.add(row.id())) {
                    System.out.printf("  %s%-24s%s ready %s (pid %s, %s MB)%n", GREEN, row.id(), RESET,
                            row.startUpMillis() < 0 ? "" : String.format("%.1f s after start", row.startUpMillis() / 1000.0), row.pid(), row.rssMb());
                }
            }
            if (status.phase().startsWith("failed")) {
                System.err.println(RED + "error:" + RESET + " " + status.phase().substring("failed: ".length()).replace('\u001f', '\n'));
                System.err.println("Components already started keep running: ./windshift status, ./windshift down.");
                return 1;
            }
            if (status.phase().equals("up")) {
                System.out.printf("%s==>%s up in %.1f s%n%n", BOLD, RESET, Duration.between(t0, Instant.now()).toMillis() / 1000.0);
                printTable(status);
                return 0;
            }
            Thread.sleep(300);
        }
    }

    private int down() throws Exception {
        Optional<Daemon> daemon = daemon();
        if (daemon.isPresent()) {
            long pid = Long.parseLong(Files.readString(stack.runDir().resolve("launcher.pid")).strip());
            daemon.get().send("POST", "/down");
            System.out.println(BOLD + "==>" + RESET + " stopping services, then mail, mongo and kafka");
            ProcessHandle.of(pid).ifPresent(p -> p.onExit().join());
        } else {
            // No launcher (it was killed): stop what the pid files name.
            try (Supervisor orphans = new Supervisor(stack.runDir(), stack.logDir(), System.out::println)) {
                stack.register(orphans);
                List<Instance> running = orphans.adoptRunning();
                if (running.isEmpty()) {
                    System.out.println("nothing is running");
                    return 0;
                }
                running.forEach(i -> System.out.println("  stopping " + i.id() + " (pid " + i.pid().orElse(-1L) + ")"));
            }
        }
        System.out.println("stopped (data kept in " + stack.root.relativize(stack.data) + ")");
        return 0;
    }

    private int status() throws Exception {
        Optional<Daemon> daemon = daemon();
        if (daemon.isEmpty()) {
            System.out.println("the launcher is not running (./windshift up starts it)");
            return 0;
        }
        printTable(Status.parse(daemon.get().send("GET", "/status")));
        String events = daemon.get().send("GET", "/events");
        if (!events.isBlank()) {
            System.out.println("\nrestarts and crashes:\n  " + events.strip().replace("\n", "\n  "));
        }
        return 0;
    }

    private int instanceCommand(String command, List<String> args) throws Exception {
        if (args.size() != 1) {
            return fail("usage: ./windshift " + command + " NAME[#N]");
        }
        Daemon daemon = daemon().orElse(null);
        if (daemon == null) {
            return fail("the launcher is not running: ./windshift up");
        }
        String id = args.get(0).contains("#") ? args.get(0) : args.get(0) + "#1";
        System.out.println(daemon.send("POST", "/" + command + "?id=" + URLEncoder.encode(id, StandardCharsets.UTF_8)));
        if (command.equals("start")) {
            Instant deadline = Instant.now().plus(stack.startTimeout);
            while (Instant.now().isBefore(deadline)) {
                Optional<Status.Row> row = Status.parse(daemon.send("GET", "/status")).rows().stream()
                        .filter(r -> r.id().equals(id)).findFirst();
                if (row.isPresent() && row.get().state().equals("READY")) {
                    System.out.println(id + " ready on port " + row.get().port());
                    return 0;
                }
                if (row.isPresent() && row.get().state().equals("FAILED")) {
                    return fail(id + " failed to start; ./windshift logs " + Supervisor.fileName(id.substring(0, id.indexOf('#')),
                            Integer.parseInt(id.substring(id.indexOf('#') + 1))));
                }
                Thread.sleep(300);
            }
            return fail(id + " not ready within " + stack.startTimeout.toSeconds() + " s");
        }
        return 0;
    }

    private void printTable(Status status) {
        System.out.printf("%s%-24s %-10s %-8s %-6s %-8s %-34s %s%s%n", BOLD, "INSTANCE", "STATE", "PID", "PORT", "RESTARTS", "ADDRESS", "RSS", RESET);
        long total = 0;
        for (Status.Row row : status.rows()) {
            if (!row.wanted() && row.state().equals("STOPPED")) {
                continue;
            }
            String name = row.id().substring(0, row.id().indexOf('#'));
            String address = switch (name) {
                case "kafka" -> "localhost:" + row.port();
                case "mongo" -> "mongodb://localhost:" + row.port();
                case "mail" -> "smtp://localhost:" + row.port();
                default -> "http://localhost:" + row.port();
            };
            String colour = row.state().equals("READY") ? GREEN : row.state().equals("FAILED") || row.state().equals("CRASHED") ? RED : YELLOW;
            System.out.printf("%-24s %s%-10s%s %-8s %-6d %-8d %-34s %s%n", row.id(), colour, row.state(), RESET, row.pid(), row.port(),
                    row.restarts(), address, row.rssMb() < 0 ? "-" : row.rssMb() + " MB");
            total += Math.max(0, row.rssMb());
        }
        stack.externalKafka().ifPresent(k -> System.out.printf("%-24s %-10s %-8s %-6s %-8s %-34s %s%n", "kafka", "external", "-", "-", "-", k, "-"));
        stack.externalMongo().ifPresent(m -> System.out.printf("%-24s %-10s %-8s %-6s %-8s %-34s %s%n", "mongo", "external", "-", "-", "-", m, "-"));
        System.out.println("total RSS: " + total + " MB");
    }

    private Optional<Daemon> daemon() {
        try {
            Path portFile = stack.runDir().resolve("launcher.port");
            Path tokenFile = stack.runDir().resolve("launcher.token");
            if (!Files.exists(portFile) || !Files.exists(tokenFile)) {
                return Optional.empty();
            }
            Daemon daemon = new Daemon(Integer.parseInt(Files.readString(portFile).strip()), Files.readString(tokenFile).strip());
            daemon.send("GET", "/status");
            return Optional.of(daemon);
        } catch (IOException | NumberFormatException | IllegalStateException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private void startDaemon() throws IOException {
        Files.createDirectories(stack.logDir());
        Files.deleteIfExists(stack.runDir().resolve("launcher.port"));
        String classpath = System.getProperty("java.class.path");
        // Its own session (setsid), so the platform outlives the terminal that ran ./windshift up.
        List<String> command = new ArrayList<>(List.of("setsid", stack.java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-Xmx64m", "-Dwindshift.component=launcher", "-cp", classpath, LauncherMain.class.getName(), stack.root.toString(), "daemon"));
        Path log = stack.logDir().resolve("launcher.log");
        if (Files.exists(log)) {
            Files.move(log, log.resolveSibling("launcher.log.1"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
    }

    private Daemon awaitDaemon() throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            Optional<Daemon> daemon = daemon();
            if (daemon.isPresent()) {
                return daemon.get();
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the launcher did not start; see " + stack.logDir().resolve("launcher.log"));
    }

    private static int fail(String message) {
        System.err.println(RED + "error:" + RESET + " " + message);
        return 1;
    }

    private final class Daemon {
        private final int port;
        private final String token;

        Daemon(int port, String token) {
            this.port = port;
            this.token = token;
        }

        String send(String method, String path) throws IOException, InterruptedException {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(60))
                    .header("X-Launcher-Token", token).method(method, HttpRequest.BodyPublishers.noBody()).build();
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() >= 400) {
                    throw new IllegalArgumentException(response.body());
                }
                return response.body();
            } catch (ConnectException e) {
                throw new IllegalStateException("launcher not answering", e);
            }
        }
    }

    /** The daemon's status text, parsed. */
    record Status(String phase, List<Row> rows) {
        record Row(String id, String state, String pid, int port, int restarts, long rssMb, long startUpMillis, boolean wanted) {
        }

        static Status parse(String text) {
            String phase = "";
            List<Row> rows = new ArrayList<>();
            for (String line : text.split("\n")) {
                String[] f = line.split("\t");
                if (f[0].equals("phase")) {
                    phase = f.length > 1 ? f[1] : "";
                } else if (f.length >= 8) {
                    rows.add(new Row(f[0], f[1], f[2], Integer.parseInt(f[3]), Integer.parseInt(f[4]), Long.parseLong(f[5]),
                            f[6].equals("-") ? -1 : Long.parseLong(f[6]), Boolean.parseBoolean(f[7])));
                }
            }
            return new Status(phase, rows);
        }
    }
}
