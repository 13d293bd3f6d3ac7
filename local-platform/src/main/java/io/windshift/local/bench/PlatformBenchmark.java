package io.windshift.local.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code startup}: {@code ./windshift up} (building what is stale), {@code down}, then the timed second {@code up}
 * with each component's time to ready from the launcher. {@code memory}: {@code ./windshift demo}, then the RSS of
 * every instance from the launcher's status endpoint. Usage: {@code PlatformBenchmark startup|memory ROOT}.
 */
public final class PlatformBenchmark {

    private PlatformBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[1]).toAbsolutePath().normalize();
        Path runDir = root.resolve(".windshift/run");
        switch (args[0]) {
            case "startup" -> startup(root, runDir);
            case "memory" -> memory(root, runDir);
            default -> throw new IllegalArgumentException("startup or memory, not " + args[0]);
        }
    }

    private static void startup(Path root, Path runDir) throws Exception {
        // The first up may build and train the AppCDS archives; the figure is the second, as a developer sees it daily.
        if (windshift(root, "up") != 0 || windshift(root, "down") != 0) {
            BenchResult.print("startup", false, Map.of());
            return;
        }
        long t0 = System.nanoTime();
        boolean ok = windshift(root, "up") == 0;
        double seconds = (System.nanoTime() - t0) / 1e9;
        Optional<LauncherStatus> status = LauncherStatus.read(runDir);
        Map<String, Double> figures = new LinkedHashMap<>();
        figures.put("second_up_s", seconds);
        status.ifPresent(s -> s.instances().stream().filter(i -> i.startUpMillis() >= 0)
                .forEach(i -> figures.put(i.id().replace("#1", "").replace('#', '_').replace('-', '_') + "_ready_s", i.startUpMillis() / 1000.0)));
        figures.forEach((k, v) -> System.out.printf("  %-36s %6.1f s%n", k, v));
        BenchResult.print("startup", ok && status.map(LauncherStatus::allReady).orElse(false), figures);
    }

    private static void memory(Path root, Path runDir) throws Exception {
        boolean ok = windshift(root, "demo") == 0;
        Optional<LauncherStatus> status = LauncherStatus.read(runDir);
        Map<String, Double> figures = new LinkedHashMap<>();
        status.ifPresent(s -> {
            s.instances().stream().filter(LauncherStatus.Instance::wanted)
                    .forEach(i -> figures.put(i.id().replace("#1", "").replace('#', '_').replace('-', '_') + "_rss_mb", (double) i.rssMb()));
            figures.put("rss_mb", (double) s.totalRssMb());
        });
        figures.forEach((k, v) -> System.out.printf("  %-36s %6.0f MB%n", k, v));
        boolean everyRss = status.map(s -> s.instances().stream().filter(LauncherStatus.Instance::wanted).allMatch(i -> i.rssMb() > 0)).orElse(false);
        BenchResult.print("memory", ok && everyRss && status.get().allReady(), figures);
    }

    private static int windshift(Path root, String command) throws IOException, InterruptedException {
        System.out.println("$ ./windshift " + command);
        return new ProcessBuilder(List.of(root.resolve("windshift").toString(), command)).directory(root.toFile()).inheritIO().start().waitFor();
    }
}
