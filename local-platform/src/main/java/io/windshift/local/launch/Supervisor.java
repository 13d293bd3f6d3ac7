package io.windshift.local.launch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Starts the local platform's processes, waits for them to be ready, restarts a service that crashed (with
 * backoff) and stops them. Written once: {@code ./windshift} (through {@link LauncherMain}) and the end-to-end
 * tests both run their processes through it.
 *
 * <p>State on disk, in the run directory: a pid file per instance ({@code NAME.pid}, {@code NAME-2.pid}), so a
 * new launcher adopts processes an earlier one started, and {@code instances.properties}, the list of service
 * instances the gateway balances across (Spring Cloud LoadBalancer reads it; see the gateway's discovery).
 */
public final class Supervisor implements AutoCloseable {

    /** Name of the instance list the gateway reads. */
    public static final String INSTANCE_LIST = "instances.properties";
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final Path runDir;
    private final Path logDir;
    private final Consumer<String> report;
    private final Map<String, Component> components = new LinkedHashMap<>();
    private final Map<String, Instance> instances = new LinkedHashMap<>();
    private final Map<String, Process> children = new java.util.concurrent.ConcurrentHashMap<>();
    private final ScheduledExecutorService watcher = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "supervisor");
        t.setDaemon(true);
        return t;
    });
    private final List<String> events = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Map<String, Integer> knownPorts = new java.util.concurrent.ConcurrentHashMap<>();

    private final boolean rotateLogs;
    private volatile Duration firstRestartDelay = Duration.ofSeconds(1);

    public Supervisor(Path runDir, Path logDir, Consumer<String> report) {
        this(runDir, logDir, report, true);
    }

    /** With {@code rotateLogs} false a restarted instance appends to its log (tests read one log per instance). */
    public Supervisor(Path runDir, Path logDir, Consumer<String> report, boolean rotateLogs) {
        this.rotateLogs = rotateLogs;
        this.runDir = runDir;
        this.logDir = logDir;
        this.report = report;
        try {
            Files.createDirectories(runDir);
            Files.createDirectories(logDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        watcher.scheduleWithFixedDelay(this::watch, 500, 500, TimeUnit.MILLISECONDS);
    }

    /**
     * How long a crashed component waits before its first restart (then doubling, at most 30 s). One second by
     * default; a test that measures how fast the surviving instances take over sets it longer, so that the restarts
     * do not take the machine's cores at that very moment (on one laptop they would; in a cluster they do not).
     */
    public void firstRestartDelay(Duration delay) {
        this.firstRestartDelay = delay;
    }

    public synchronized void register(Component component) {
        components.put(component.name(), component);
    }

    public synchronized Optional<Component> component(String name) {
        return Optional.ofNullable(components.get(name));
    }

    /** Makes sure instances 1..count of the component exist (not started); returns them. */
    public synchronized List<Instance> scale(String name, int count) {
        Component component = components.get(name);
        if (component == null) {
            throw new IllegalArgumentException("unknown component " + name + " (one of " + components.keySet() + ")");
        }
        if (!component.service() && count != 1) {
            throw new IllegalArgumentException(name + " runs as one instance");
        }
        List<Instance> list = new ArrayList<>();
        for (int index = 1; index <= count; index++) {
            String id = name + "#" + index;
            Instance instance = instances.get(id);
            if (instance == null) {
                Integer known = knownPorts.remove(id);
                int port = known != null ? known : component.basePort() == 0 ? unusedFreePort() : component.basePort() + 10 * (index - 1);
                instance = new Instance(component, index, port, logDir.resolve(fileName(name, index) + ".log"));
                instances.put(id, instance);
            }
            list.add(instance);
        }
        return list;
    }

    /**
     * A free port no other instance was given: ports are chosen before any process binds them, so the operating
     * system may well offer the same one twice (it did: two services on one port, the second failing to start).
     */
    private int unusedFreePort() {
        java.util.Set<Integer> taken = instances.values().stream().map(Instance::port).collect(Collectors.toSet());
        for (int attempt = 0; attempt < 100; attempt++) {
            int port = FreePorts.next();
            if (!taken.contains(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no free port found that no other instance has");
    }

    /** {@code name#N}, or {@code name} for instance 1. */
    public synchronized Instance instance(String id) {
        String key = id.contains("#") ? id : id + "#1";
        Instance instance = instances.get(key);
        if (instance == null) {
            String name = key.substring(0, key.indexOf('#'));
            int index = Integer.parseInt(key.substring(key.indexOf('#') + 1));
            if (!components.containsKey(name) || index < 1) {
                throw new IllegalArgumentException("unknown instance " + id);
            }
            instance = scale(name, Math.max(index, count(name))).get(index - 1);
        }
        return instance;
    }

    public synchronized List<Instance> instances() {
        return List.copyOf(instances.values());
    }

    public synchronized List<Instance> instancesOf(String name) {
        return instances.values().stream().filter(i -> i.component().name().equals(name)).toList();
    }

    private int count(String name) {
        return (int) instances.values().stream().filter(i -> i.component().name().equals(name)).count();
    }

    /** Starts the instance unless it runs (a process an earlier launcher started is adopted). Does not wait. */
    public Instance start(String id) {
        Instance instance = instance(id);
        synchronized (instance) {
            instance.wanted = true;
            if (instance.alive()) {
                return instance;
            }
            Optional<ProcessHandle> adopted = adopt(instance);
            if (adopted.isPresent()) {
                instance.process = adopted.get();
                instance.state = Instance.State.STARTING;
                instance.startedAt = Instant.now();
                report.accept(instance.id() + ": already running (pid " + adopted.get().pid() + ")");
            } else {
                launch(instance);
            }
        }
        writeInstanceList();
        return instance;
    }

    /**
     * Adopts the processes an earlier launcher started (pid files whose process still carries the instance marker),
     * so a new launcher neither starts them twice nor loses track of them. Returns the adopted instances.
     */
    public List<Instance> adoptRunning() {
        List<Instance> adopted = new ArrayList<>();
        try (var files = Files.list(runDir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".pid")).toList()) {
                String base = file.getFileName().toString().replaceFirst("\\.pid$", "");
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("(.+?)(?:-(\\d+))?").matcher(base);
                if (!m.matches() || component(m.group(1)).isEmpty()) {
                    continue;
                }
                int index = m.group(2) == null ? 1 : Integer.parseInt(m.group(2));
                Path portFile = file.resolveSibling(base + ".port");
                if (Files.exists(portFile)) {
                    // The port it was started on (free ports differ from one launcher to the next).
                    knownPorts.put(m.group(1) + "#" + index, Integer.parseInt(Files.readString(portFile).strip()));
                }
                Instance instance = instance(m.group(1) + "#" + index);
                synchronized (instance) {
                    Optional<ProcessHandle> process = instance.alive() ? Optional.empty() : adopt(instance);
                    if (process.isPresent()) {
                        instance.process = process.get();
                        instance.wanted = true;
                        instance.state = Instance.State.STARTING;
                        instance.startedAt = Instant.now();
                        instance.everReady = true; // it served before: a crash is restarted
                        adopted.add(instance);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!adopted.isEmpty()) {
            writeInstanceList();
        }
        return adopted;
    }

    /** Waits until every instance is ready; fails with the end of its log if one exits or the time runs out. */
    public void awaitReady(Collection<Instance> list, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        List<Instance> pending = new ArrayList<>(list);
        while (!pending.isEmpty()) {
            for (var it = pending.iterator(); it.hasNext(); ) {
                Instance instance = it.next();
                if (instance.state == Instance.State.READY) {
                    it.remove();
                } else if (instance.state == Instance.State.FAILED) {
                    throw new LaunchException(instance.id() + " failed to start (" + instance.lastExit + ")", instance);
                }
            }
            if (!pending.isEmpty() && Instant.now().isAfter(deadline)) {
                throw new LaunchException(pending.stream().map(Instance::id).collect(Collectors.joining(", "))
                        + " not ready within " + timeout.toSeconds() + " s", pending.get(0));
            }
            sleep(200);
        }
    }

    /** Stops the instance (SIGTERM, SIGKILL after 20 s) and does not restart it. */
    public void stop(String id) {
        Instance instance = instance(id);
        synchronized (instance) {
            instance.wanted = false;
            writeInstanceList();
            ProcessHandle process = instance.process;
            if (process != null && process.isAlive()) {
                process.destroy();
                try {
                    process.onExit().get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                } catch (java.util.concurrent.TimeoutException e) {
                    report.accept(instance.id() + ": did not stop within " + STOP_TIMEOUT.toSeconds() + " s: SIGKILL");
                    process.destroyForcibly();
                    process.onExit().join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    process.destroyForcibly();
                } catch (java.util.concurrent.ExecutionException e) {
                    process.destroyForcibly();
                }
            }
            instance.state = Instance.State.STOPPED;
            instance.readyAt = null;
            try {
                Files.deleteIfExists(pidFile(instance));
            } catch (IOException e) {
                // a stale pid file is checked against the process's command line before it is trusted
            }
        }
    }

    /** SIGKILL, as a crash would: the supervisor sees it die and restarts it. */
    public void kill(String id) {
        Instance instance = instance(id);
        ProcessHandle process = instance.process;
        if (process != null) {
            process.destroyForcibly();
            process.onExit().join();
        }
    }

    /** Restart notices and crashes seen so far, oldest first. */
    public List<String> events() {
        return List.copyOf(events);
    }

    /** Stops watching and leaves the processes running (a later supervisor adopts them). */
    public void detach() {
        watcher.shutdownNow();
    }

    /** Stops everything, services first, in reverse order of registration. */
    @Override
    public void close() {
        watcher.shutdownNow();
        List<Instance> all = new ArrayList<>(instances());
        java.util.Collections.reverse(all);
        // Services stop in parallel (each waits for its own SIGTERM), then infrastructure in order.
        all.stream().filter(i -> i.component().service()).parallel().forEach(i -> stop(i.id()));
        all.stream().filter(i -> !i.component().service()).forEach(i -> stop(i.id()));
    }

    // ------------------------------------------------------------------ internals

    private void launch(Instance instance) {
        Component.Launch launch = instance.component().launch().apply(instance.port());
        List<String> command = new ArrayList<>(launch.command());
        // The marker lets a later launcher (or ./windshift status) recognise the process behind a pid file.
        command.add(1, "-Dwindshift.instance=" + instance.id());
        try {
            if (rotateLogs && Files.exists(instance.log())) {
                Files.move(instance.log(), instance.log().resolveSibling(instance.log().getFileName() + ".1"),
                        StandardCopyOption.REPLACE_EXISTING);
            }
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(instance.log().toFile()));
            if (launch.workingDirectory() != null) {
                builder.directory(launch.workingDirectory().toFile());
            }
            builder.environment().putAll(LocalStack.NATIVE_MEMORY_ENV);
            builder.environment().putAll(launch.environment());
            Process process = builder.start();
            children.put(instance.id(), process);
            instance.process = process.toHandle();
            instance.state = Instance.State.STARTING;
            instance.startedAt = Instant.now();
            instance.readyAt = null;
            Files.writeString(pidFile(instance), Long.toString(process.pid()));
            Files.writeString(pidFile(instance).resolveSibling(fileName(instance.component().name(), instance.index()) + ".port"),
                    Integer.toString(instance.port()));
        } catch (IOException e) {
            instance.state = Instance.State.FAILED;
            instance.lastExit = e.getMessage();
            throw new LaunchException(instance.id() + ": cannot start: " + e.getMessage(), instance);
        }
    }

    private Optional<ProcessHandle> adopt(Instance instance) {
        try {
            Path file = pidFile(instance);
            if (!Files.exists(file)) {
                return Optional.empty();
            }
            long pid = Long.parseLong(Files.readString(file).trim());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .filter(p -> commandLine(pid).contains("-Dwindshift.instance=" + instance.id() + " "));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static String commandLine(long pid) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc/" + pid + "/cmdline"))).replace('\0', ' ');
        } catch (IOException e) {
            return "";
        }
    }

    private void watch() {
        try {
            for (Instance instance : instances()) {
                watch(instance);
            }
        } catch (RuntimeException e) {
            report.accept("supervisor: " + e);
        }
    }

    private void watch(Instance instance) {
        synchronized (instance) {
            Instant now = Instant.now();
            if (!instance.wanted) {
                return;
            }
            if (instance.state == Instance.State.RESTARTING) {
                if (now.isAfter(instance.restartAt)) {
                    report.accept(instance.id() + ": restarting (restart " + instance.restarts + ")");
                    launch(instance);
                }
                return;
            }
            if (instance.state == Instance.State.FAILED) {
                return;
            }
            if (!instance.alive()) {
                instance.lastExit = exitOf(instance);
                if (!instance.everReady) {
                    // Never got ready: a configuration or build problem, which a restart would only repeat.
                    instance.state = Instance.State.FAILED;
                    record(instance.id() + ": exited during start-up (" + instance.lastExit + "), see " + instance.log());
                    return;
                }
                long backoff = Math.min(Math.max(MAX_BACKOFF.toMillis(), firstRestartDelay.toMillis()),
                        firstRestartDelay.toMillis() << Math.min(instance.restarts, 5));
                instance.restarts++;
                instance.state = Instance.State.RESTARTING;
                instance.restartAt = now.plusMillis(backoff);
                record(instance.id() + ": crashed (" + instance.lastExit + "); restart " + instance.restarts + " in "
                        + backoff / 1000 + " s");
                return;
            }
            boolean ready = instance.state == Instance.State.STARTING || instance.component().service()
                    ? instance.component().readiness().ready(instance)
                    : Probes.portOpen(instance.port());
            if (ready) {
                if (instance.state != Instance.State.READY && instance.restarts > 0) {
                    record(instance.id() + ": ready again after restart " + instance.restarts);
                }
                if (instance.readyAt == null) {
                    instance.readyAt = now;
                }
                instance.everReady = true;
                instance.state = Instance.State.READY;
            } else if (instance.state == Instance.State.READY) {
                instance.state = Instance.State.NOT_READY;
            } else if (instance.state == Instance.State.STARTING
                    && Duration.between(instance.startedAt, now).compareTo(instance.component().startTimeout()) > 0) {
                instance.state = Instance.State.FAILED;
                instance.lastExit = "not ready within " + instance.component().startTimeout().toSeconds() + " s";
                record(instance.id() + ": " + instance.lastExit + ", see " + instance.log());
            }
        }
    }

    private String exitOf(Instance instance) {
        Process child = children.get(instance.id());
        if (child != null && child.toHandle().equals(instance.process) && !child.isAlive()) {
            int code = child.exitValue();
            return code > 128 ? "killed by signal " + (code - 128) : "exit " + code;
        }
        return "gone";
    }

    private void record(String event) {
        events.add(Instant.now() + " " + event);
        report.accept(event);
    }

    /** Writes the service instances the gateway balances across: {@code name=url,url}. Started ones only. */
    private synchronized void writeInstanceList() {
        StringBuilder text = new StringBuilder("# written by the Windshift launcher: service instances for the gateway\n");
        for (Component component : components.values()) {
            if (!component.service()) {
                continue;
            }
            String urls = instances.values().stream().filter(i -> i.component() == component && i.wanted)
                    .map(Instance::url).collect(Collectors.joining(","));
            if (!urls.isEmpty()) {
                text.append(component.name()).append('=').append(urls).append('\n');
            }
        }
        try {
            Path tmp = runDir.resolve(INSTANCE_LIST + ".tmp");
            Files.writeString(tmp, text);
            Files.move(tmp, instanceList(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path instanceList() {
        return runDir.resolve(INSTANCE_LIST);
    }

    private Path pidFile(Instance instance) {
        return runDir.resolve(fileName(instance.component().name(), instance.index()) + ".pid");
    }

    /** Instance 1 keeps the plain name (logs/alliance-service.log); others get a suffix (alliance-service-2.log). */
    static String fileName(String name, int index) {
        return index == 1 ? name : name + "-" + index;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LaunchException("interrupted", null);
        }
    }
}
