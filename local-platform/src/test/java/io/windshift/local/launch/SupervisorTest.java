package io.windshift.local.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher's supervisor on real child processes: readiness, crash restarts, deliberate stops, start-up failures. */
class SupervisorTest {

    @TempDir
    Path dir;
    Supervisor supervisor;

    @AfterEach
    void stop() {
        if (supervisor != null) {
            supervisor.close();
        }
    }

    private Component tiny(String name, boolean fail) {
        String java = ProcessHandle.current().info().command().orElse("java");
        return new Component(name, 0, true, port -> new Component.Launch(List.of(java, "-Xmx32m", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), TinyServer.class.getName(), fail ? "fail" : Integer.toString(port)),
                Map.of(), dir), Probes.port(), Duration.ofSeconds(30));
    }

    @Test
    void startsInstancesListsThemForTheGatewayRestartsACrashAndKeepsAStoppedOneStopped() throws Exception {
        supervisor = new Supervisor(dir.resolve("run"), dir.resolve("logs"), line -> { }, false);
        supervisor.register(tiny("svc", false));
        List<Instance> both = supervisor.scale("svc", 2).stream().map(i -> supervisor.start(i.id())).toList();
        supervisor.awaitReady(both, Duration.ofSeconds(30));
        assertThat(Files.readString(supervisor.instanceList()))
                .contains("svc=" + both.get(0).url() + "," + both.get(1).url());
        assertThat(Files.readString(dir.resolve("run/svc-2.pid")).strip()).isEqualTo(both.get(1).pid().orElseThrow().toString());

        long before = both.get(0).pid().orElseThrow();
        supervisor.kill("svc#1");
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                both.get(0).state() == Instance.State.READY && both.get(0).pid().orElse(before) != before);
        assertThat(both.get(0).restarts()).isEqualTo(1);
        assertThat(supervisor.events()).anyMatch(e -> e.contains("svc#1: crashed (killed by signal 9)"));

        supervisor.stop("svc#2");
        assertThat(Files.readString(supervisor.instanceList())).contains("svc=" + both.get(0).url() + "\n");
        // Stays stopped: the watcher (every 0.5 s) must not take a deliberate stop for a crash.
        org.awaitility.Awaitility.await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(both.get(1).alive()).isFalse();
            assertThat(both.get(1).state()).isEqualTo(Instance.State.STOPPED);
            assertThat(both.get(1).restarts()).isZero();
        });
    }

    @Test
    void everyInstanceGetsAPortOfItsOwn() {
        supervisor = new Supervisor(dir.resolve("run"), dir.resolve("logs"), line -> { }, false);
        for (int c = 0; c < 10; c++) {
            supervisor.register(tiny("svc" + c, false));
            supervisor.scale("svc" + c, 9);
        }
        assertThat(supervisor.instances().stream().map(Instance::port).distinct().count()).isEqualTo(90);
    }

    @Test
    void aProcessThatExitsBeforeItIsReadyFailsTheStartInsteadOfBeingRestarted() {
        supervisor = new Supervisor(dir.resolve("run"), dir.resolve("logs"), line -> { }, false);
        supervisor.register(tiny("broken", true));
        Instance instance = supervisor.start("broken#1");
        assertThatThrownBy(() -> supervisor.awaitReady(List.of(instance), Duration.ofSeconds(30)))
                .isInstanceOf(LaunchException.class).hasMessageContaining("failed to start (exit 3)")
                .satisfies(e -> assertThat(((LaunchException) e).logTail(5)).contains("failing on purpose"));
        assertThat(instance.restarts()).isZero();
    }

    @Test
    void aNewSupervisorAdoptsWhatAnEarlierOneStartedInsteadOfStartingItTwice() {
        Supervisor first = new Supervisor(dir.resolve("run"), dir.resolve("logs"), line -> { }, false);
        first.register(tiny("svc", false));
        Instance original = first.start("svc#1");
        first.awaitReady(List.of(original), Duration.ofSeconds(30));
        long pid = original.pid().orElseThrow();
        first.detach();

        supervisor = new Supervisor(dir.resolve("run"), dir.resolve("logs"), line -> { }, false);
        supervisor.register(tiny("svc", false));
        assertThat(supervisor.adoptRunning()).extracting(Instance::id).containsExactly("svc#1");
        Instance adopted = supervisor.start("svc#1");
        assertThat(adopted.pid()).contains(pid);
        supervisor.awaitReady(List.of(adopted), Duration.ofSeconds(30));
    }
}
