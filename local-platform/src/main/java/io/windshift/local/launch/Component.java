package io.windshift.local.launch;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * One kind of process the launcher runs (Kafka, the store, a service), possibly as several instances.
 *
 * @param name        component name, e.g. {@code notification-service}; instances are {@code name#1}, {@code name#2}
 * @param basePort    port of instance 1; instance N listens on {@code basePort + 10 * (N - 1)}; 0 picks free ports
 * @param service     a Spring Boot service: scalable, restarted after a crash, ready when its readiness group is UP
 * @param launch      the command for the instance listening on the given port
 * @param readiness   when a started instance is ready
 * @param startTimeout how long a start may take before it counts as failed
 */
public record Component(String name, int basePort, boolean service, IntFunction<Launch> launch, Readiness readiness,
                        Duration startTimeout) {

    /** What to run: the command line, extra environment, working directory. */
    public record Launch(List<String> command, Map<String, String> environment, Path workingDirectory) {
    }

    /** Readiness of one running instance. */
    @FunctionalInterface
    public interface Readiness {
        boolean ready(Instance instance);
    }
}
