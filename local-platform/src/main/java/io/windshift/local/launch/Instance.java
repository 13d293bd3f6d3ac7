package io.windshift.local.launch;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** One running (or wanted) process of a component, as the supervisor tracks it. */
public final class Instance {

    /** What the supervisor knows of an instance. */
    public enum State { STOPPED, STARTING, READY, NOT_READY, CRASHED, RESTARTING, FAILED }

    private final Component component;
    private final int index;
    private final int port;
    private final Path log;
    volatile ProcessHandle process;
    volatile State state = State.STOPPED;
    /** Started by the supervisor and not asked to stop: a dead process is a crash and is restarted. */
    volatile boolean wanted;
    volatile int restarts;
    /** Was ready once: exiting later is a crash to restart, not a start-up failure. */
    volatile boolean everReady;
    volatile Instant startedAt;
    volatile Instant readyAt;
    volatile Instant restartAt;
    volatile String lastExit;

    Instance(Component component, int index, int port, Path log) {
        this.component = component;
        this.index = index;
        this.port = port;
        this.log = log;
    }

    public Component component() {
        return component;
    }

    /** {@code name#N}. */
    public String id() {
        return component.name() + "#" + index;
    }

    public int index() {
        return index;
    }

    public int port() {
        return port;
    }

    public Path log() {
        return log;
    }

    /** Time from start to ready, or null while not ready. */
    public Duration startUp() {
        Instant started = startedAt;
        Instant ready = readyAt;
        return started == null || ready == null ? null : Duration.between(started, ready);
    }

    public State state() {
        return state;
    }

    public int restarts() {
        return restarts;
    }

    public Optional<Long> pid() {
        ProcessHandle p = process;
        return p != null && p.isAlive() ? Optional.of(p.pid()) : Optional.empty();
    }

    public boolean alive() {
        ProcessHandle p = process;
        return p != null && p.isAlive();
    }

    /** Resident memory in MB, read from /proc (Linux), or -1. */
    public long rssMb() {
        return pid().map(Instance::rssMb).orElse(-1L);
    }

    static long rssMb(long pid) {
        try {
            for (String line : java.nio.file.Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
                }
            }
        } catch (java.io.IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    public String url() {
        return "http://localhost:" + port;
    }
}
