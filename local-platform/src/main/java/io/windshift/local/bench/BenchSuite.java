package io.windshift.local.bench;

import io.windshift.local.launch.LocalStack;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./windshift bench [NAME...] [-Dkey=value...]}: runs the benchmarks one after another, each as its own
 * process (so a crash or a leak of one cannot spoil the next), reads the {@link BenchResult} line each prints,
 * prints one table and appends its rows to the suite table of {@code docs/benchmarks.md}. A benchmark that exits
 * non-zero, prints no result or an incomplete one gives no row, and the suite exits 1 naming it.
 * Usage: {@code BenchSuite ROOT MVN [NAME...] [-Dkey=value...]}.
 */
public final class BenchSuite {

    /**
     * Order of a full run: startup first (its {@code up} builds what is stale, which the others need), memory right after
     * the demo as on a fresh clone, then the rest against the platform; last, with the platform down, the benchmarks
     * that bring their own broker and store.
     */
    static final List<String> ALL = List.of("startup", "memory", "anchors", "pipeline", "reorg", "gateway", "due-pass",
            "finance-matching");
    /** Benchmarks whose targets are ratios to an anchor measured in the same run. */
    static final Map<String, String> NEEDS = Map.of("pipeline", "anchors");
    static final Duration STEP_TIMEOUT = Duration.ofMinutes(20);

    private final BenchSteps steps;
    private final Path root;

    BenchSuite(BenchSteps steps, Path root) {
        this.steps = steps;
        this.root = root;
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: BenchSuite ROOT MVN [NAME...] [-Dkey=value...]");
            System.exit(2);
        }
        Path root = Path.of(args[0]).toAbsolutePath().normalize();
        List<String> names = new ArrayList<>();
        List<String> properties = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            if (args[i].startsWith("-D")) {
                properties.add(args[i]);
            } else if (ALL.contains(args[i])) {
                names.add(args[i]);
            } else {
                System.err.println("unknown benchmark " + args[i] + "; one of " + ALL);
                System.exit(2);
            }
        }
        BenchSuite suite = new BenchSuite(new BenchSteps(root, args[1], properties, System.getenv()), root);
        System.exit(suite.run(plan(names)));
    }

    /** The benchmarks to run, in suite order, with what their ratios need. */
    static List<String> plan(List<String> asked) {
        if (asked.isEmpty()) {
            return ALL;
        }
        List<String> wanted = new ArrayList<>(asked);
        asked.forEach(n -> Optional.ofNullable(NEEDS.get(n)).filter(d -> !wanted.contains(d)).ifPresent(wanted::add));
        return ALL.stream().filter(wanted::contains).toList();
    }

    int run(List<String> plan) throws Exception {
        Instant started = Instant.now();
        double loadBefore = loadAverage();
        String commit = commit();
        boolean full = plan.equals(ALL);
        System.out.println("==> benchmarks: " + String.join(", ", plan) + " (commit " + commit + ", load " + fmt(loadBefore) + ")");
        Map<String, BenchResult> results = new LinkedHashMap<>();
        List<String> failed = new ArrayList<>();
        for (String name : plan) {
            Instant t0 = Instant.now();
            String failure = prepare(name, full);
            Optional<BenchResult> result = Optional.empty();
            if (failure == null) {
                System.out.println("==> " + name + ": " + String.join(" ", steps.command(name)));
                Outcome outcome = execute(name);
                result = outcome.result();
                failure = outcome.failure();
            }
            Duration took = Duration.between(t0, Instant.now());
            if (failure == null) {
                results.put(name, result.get());
                System.out.printf("==> %s done in %s%n", name, seconds(took));
            } else {
                failed.add(name + " (" + failure + ")");
                System.out.printf("==> %s FAILED after %s: %s (log: %s)%n", name, seconds(took), failure, steps.log(name));
            }
        }
        double loadAfter = loadAverage();
        List<SuiteReport.Row> rows = SuiteReport.rows(results);
        Duration total = Duration.between(started, Instant.now());
        System.out.printf("%nWindshift benchmarks, %s UTC, %s, commit %s, load %s → %s, %s%n%n", timestamp(started), machine(), commit,
                fmt(loadBefore), fmt(loadAfter), seconds(total));
        System.out.print(SuiteReport.table(rows));
        List<String> context = List.of(timestamp(started), commit, machine(), store(), jvmFlags(), fmt(loadBefore) + " / " + fmt(loadAfter));
        Path file = root.resolve("docs/benchmarks.md");
        SuiteReport.append(file, context, rows);
        System.out.println();
        System.out.println(rows.isEmpty() ? "no rows written" : rows.size() + " rows appended to " + root.relativize(file));
        if (full && total.compareTo(Duration.ofMinutes(15)) > 0) {
            System.out.println("note: the suite took longer than its 15-minute budget");
        }
        if (!failed.isEmpty()) {
            System.out.println("failed, no row: " + String.join("; ", failed));
            return 1;
        }
        return 0;
    }

    /** Puts the platform in the state the benchmark needs; returns why it could not, or null. */
    private String prepare(String name, boolean full) throws Exception {
        if (BenchSteps.IN_JVM.contains(name)) {
            // Their own broker and store: in a full run the platform's idle JVMs should not share the cores with them.
            return full && steps.platformReady() && steps.windshift("down") != 0 ? "./windshift down failed" : null;
        }
        if (BenchSteps.AGAINST_PLATFORM.contains(name) && !steps.platformReady()) {
            return steps.windshift("up") == 0 ? null : "./windshift up failed";
        }
        return null;
    }

    record Outcome(Optional<BenchResult> result, String failure) {
    }

    private Outcome execute(String name) throws Exception {
        Path log = steps.log(name);
        Files.createDirectories(log.getParent());
        Optional<Path> extra = steps.extraOutput(name);
        if (extra.isPresent()) {
            Files.deleteIfExists(extra.get());
        }
        ProcessBuilder builder = new ProcessBuilder(steps.command(name)).directory(root.toFile()).redirectErrorStream(true);
        builder.environment().putAll(steps.environment());
        Process process = builder.start();
        List<BenchResult> seen = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
             PrintStream file = new PrintStream(Files.newOutputStream(log), true, StandardCharsets.UTF_8)) {
            String line;
            while ((line = out.readLine()) != null) {
                file.println(line);
                BenchResult.parse(line).ifPresent(seen::add);
                if (!line.startsWith("[")) { // Maven's own log lines stay in the log file
                    System.out.println("    " + line);
                }
            }
        }
        if (!process.waitFor(STEP_TIMEOUT.toMinutes(), TimeUnit.MINUTES)) {
            process.destroyForcibly();
            return new Outcome(Optional.empty(), "timed out");
        }
        if (extra.isPresent() && Files.exists(extra.get())) {
            // Failsafe keeps a test's output in its report file, not on the console.
            for (String line : Files.readAllLines(extra.get())) {
                BenchResult.parse(line).ifPresent(seen::add);
            }
        }
        return judge(name, process.exitValue(), seen);
    }

    /** The rule for a row: exit 0, a result line of this benchmark, and that result complete. */
    static Outcome judge(String name, int exitCode, List<BenchResult> seen) {
        Optional<BenchResult> result = seen.stream().filter(r -> r.benchmark().equals(name)).reduce((a, b) -> b);
        if (exitCode != 0) {
            return new Outcome(result, "exit code " + exitCode);
        }
        if (result.isEmpty()) {
            return new Outcome(result, "no BENCH-RESULT line");
        }
        if (!result.get().complete()) {
            return new Outcome(result, "incomplete run");
        }
        return new Outcome(result, null);
    }

    private String machine() {
        return Runtime.getRuntime().availableProcessors() + " cores, " + System.getProperty("os.arch") + ", JDK " + System.getProperty("java.version");
    }

    private String store() {
        String uri = System.getenv("MONGODB_URI");
        if (uri != null && !uri.isBlank()) {
            return "external MongoDB";
        }
        try (var jars = Files.list(root.resolve("local-platform/target/lib"))) {
            return jars.map(p -> p.getFileName().toString()).filter(n -> n.matches("mongo-java-server-\\d.*\\.jar"))
                    .map(n -> "mongo-java-server " + n.substring("mongo-java-server-".length(), n.length() - 4) + " (H2 file)").findFirst()
                    .orElse("mongo-java-server (H2 file)");
        } catch (IOException e) {
            return "mongo-java-server (H2 file)";
        }
    }

    private static String jvmFlags() {
        String extra = Optional.ofNullable(System.getenv("WINDSHIFT_JAVA_OPTS")).orElse("").strip();
        return "services: " + String.join(" ", LocalStack.SERVICE_JVM_FLAGS) + (extra.isEmpty() ? "" : " " + extra)
                + "; gateway bench: its own flags (see its table)";
    }

    private String commit() {
        String head = git("rev-parse", "--short", "HEAD");
        String dirty = git("status", "--porcelain", "--untracked-files=no");
        return (head.isEmpty() ? "unknown" : head) + (dirty.isEmpty() ? "" : " + uncommitted changes");
    }

    private String git(String... args) {
        try {
            List<String> command = new ArrayList<>(List.of("git", "-C", root.toString()));
            command.addAll(List.of(args));
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return p.waitFor() == 0 ? out : "";
        } catch (IOException | InterruptedException e) {
            return "";
        }
    }

    static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    private static String timestamp(Instant at) {
        return DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm'Z'").withZone(ZoneOffset.UTC).format(at);
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
