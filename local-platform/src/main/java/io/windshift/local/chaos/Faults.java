package io.windshift.local.chaos;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The faults of a chaos run, injected one after the other while the stream flows: kill -9 of each service
 * instance, of the broker and of the store (the launcher restarts them), the store frozen (SIGSTOP) for 5 s,
 * a second notification-service instance started and stopped (two rebalances), poison records on every topic,
 * and a replay: notification-service stopped, its group's offsets moved back, started again. After each fault
 * the injector waits (bounded) until every wanted instance is ready again, then lets the stream run a little.
 */
final class Faults {

    /** The topics of windshift-contract's {@code Topics.ALL} (local-platform does not depend on the contract module). */
    static final List<String> TOPICS = List.of("windshift.hr.events", "windshift.finance.events", "windshift.alliance.events",
            "windshift.obligation.events", "windshift.notification.events");
    /** {@code Topics.DEAD_LETTER_SUFFIX}. */
    static final String DEAD_LETTER_SUFFIX = "-dlt";
    static final String POISON_HEADER = "chaos-poison";
    static final String REPLAY_GROUP = "notification-service";
    static final String REPLAY_SERVICE = "notification-service";

    /** What was injected, when, and how long the platform took to be whole again. */
    record Injected(String name, Instant at, Duration recovered, String note) {
        /** False when the fault could not be injected or the platform was not whole again within the bound. */
        boolean complete() {
            return !(note.startsWith("failed") || note.contains("not replaced") || note.contains("never became ready")
                    || note.contains("not all ready"));
        }
    }

    private final LauncherClient launcher;
    private final String bootstrap;
    private final Ledger ledger;
    private final String run;
    private final int replayRecords;
    final List<Injected> injected = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile int planned = 0;
    private volatile boolean finished;
    private final java.util.concurrent.atomic.AtomicInteger started = new java.util.concurrent.atomic.AtomicInteger();

    Faults(LauncherClient launcher, String bootstrap, Ledger ledger, String run, int replayRecords) {
        this.launcher = launcher;
        this.bootstrap = bootstrap;
        this.ledger = ledger;
        this.run = run;
        this.replayRecords = replayRecords;
    }

    /** Runs every fault in turn while {@code streaming} holds; returns early when it stops holding. */
    void runAll(BooleanSupplier streaming, Duration between) {
        List<String> services = launcher.status().stream().filter(LauncherClient.Status::wanted)
                .filter(s -> s.component().endsWith("-service") || s.component().equals("gateway")).map(LauncherClient.Status::id).toList();
        List<Runnable> plan = new ArrayList<>();
        for (String id : services) {
            plan.add(() -> inject("kill -9 " + id, () -> killAndAwaitRestart(id)));
        }
        plan.add(() -> inject("poison on every topic", this::poison));
        plan.add(() -> inject("kill -9 kafka#1", () -> killAndAwaitRestart("kafka#1")));
        plan.add(() -> inject("SIGSTOP mongo#1 for 5 s", this::freezeStore));
        plan.add(() -> inject("rebalance: " + REPLAY_SERVICE + "#2 started, then stopped", this::rebalance));
        plan.add(() -> inject("kill -9 mongo#1", () -> killAndAwaitRestart("mongo#1")));
        plan.add(() -> inject("replay: " + REPLAY_GROUP + " offsets moved back " + replayRecords + " per partition", this::replay));
        planned = plan.size();
        for (Runnable fault : plan) {
            LauncherClient.sleep(between);
            if (!streaming.getAsBoolean()) {
                System.out.println("stream ended: the remaining faults are run without traffic");
            }
            fault.run();
        }
        finished = true;
    }

    /**
     * The share of the stream that may have run so far: one slice before the first fault, then one more slice as
     * each fault begins (so every fault meets traffic while it lasts); 1 when all are done.
     */
    double streamAllowance() {
        if (finished || planned == 0) {
            return planned == 0 && !finished ? 0.05 : 1.0;
        }
        return Math.min(1.0, (started.get() + 1.0) / (planned + 1.0));
    }

    interface Action {
        String run() throws Exception;
    }

    private void inject(String name, Action action) {
        Instant at = Instant.now();
        started.incrementAndGet();
        System.out.println(at + " fault: " + name);
        String note;
        try {
            note = action.run();
        } catch (Exception e) {
            note = "failed: " + e;
            System.out.println("  " + note);
        }
        boolean ready = launcher.awaitAllReady(Duration.ofMinutes(4));
        Duration recovered = Duration.between(at, Instant.now());
        System.out.printf("  whole again after %.1f s%s%n", recovered.toMillis() / 1000.0, ready ? "" : " (NOT all ready: bound reached)");
        injected.add(new Injected(name, at, recovered, ready ? note : note + " not all ready after 4 min"));
    }

    /** SIGKILL through the launcher, then waits (bounded) until the supervisor has a new process for the instance up. */
    private String killAndAwaitRestart(String id) {
        long before = launcher.instance(id).map(LauncherClient.Status::pid).orElse(-1L);
        launcher.kill(id);
        Instant deadline = Instant.now().plus(Duration.ofMinutes(4));
        while (Instant.now().isBefore(deadline)) {
            var now = launcher.instance(id);
            if (now.isPresent() && now.get().pid() > 0 && now.get().pid() != before && now.get().state().equals("READY")) {
                return "pid " + before + " -> " + now.get().pid();
            }
            LauncherClient.sleep(Duration.ofMillis(300));
        }
        return "pid " + before + " not replaced by a ready process within 4 min";
    }

    private String freezeStore() throws Exception {
        long pid = launcher.instance("mongo#1").map(LauncherClient.Status::pid).orElseThrow(() -> new IllegalStateException("no mongo pid"));
        signal("STOP", pid);
        try {
            Thread.sleep(5000);
        } finally {
            signal("CONT", pid);
        }
        return "pid " + pid;
    }

    private static void signal(String signal, long pid) throws Exception {
        Process p = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("kill -" + signal + " " + pid + " failed");
        }
    }

    private String rebalance() {
        String second = REPLAY_SERVICE + "#2";
        launcher.start(second);
        boolean ready = launcher.awaitReady(second, Duration.ofMinutes(3));
        LauncherClient.sleep(Duration.ofSeconds(8));
        launcher.stop(second);
        return ready ? "" : second + " never became ready";
    }

    /** Two records per topic, on partition 0 and one keyed at random: bytes that are no JSON, and JSON that is no CloudEvent. */
    private String poison() throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        int sent = 0;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
            for (String topic : TOPICS) {
                for (int i = 0; i < 2; i++) {
                    String marker = Ledger.POISON_PREFIX + run + "-" + topic + "-" + i;
                    byte[] value = i == 0
                            ? ("\u0000\u00ff not json " + marker).getBytes(StandardCharsets.ISO_8859_1)
                            : ("{\"poison\":\"" + marker + "\",\"specversion\":7}").getBytes(StandardCharsets.UTF_8);
                    ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, i == 0 ? Integer.valueOf(0) : null,
                            marker.getBytes(StandardCharsets.UTF_8), value);
                    record.headers().add(POISON_HEADER, marker.getBytes(StandardCharsets.UTF_8));
                    producer.send(record).get();
                    ledger.poisoned(marker, topic);
                    sent++;
                }
            }
        }
        return sent + " records";
    }

    /** Stops the group's instances, moves its committed offsets back, starts them again: a window is redelivered. */
    private String replay() throws Exception {
        List<String> instances = launcher.status().stream().filter(s -> s.component().equals(REPLAY_SERVICE) && s.wanted())
                .map(LauncherClient.Status::id).toList();
        instances.forEach(launcher::stop);
        long moved = 0;
        try (Admin admin = admin(bootstrap)) {
            Instant deadline = Instant.now().plusSeconds(60);
            while (!admin.describeConsumerGroups(List.of(REPLAY_GROUP)).all().get().get(REPLAY_GROUP).members().isEmpty()) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("group " + REPLAY_GROUP + " still has members");
                }
                Thread.sleep(500);
            }
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(REPLAY_GROUP)
                    .partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
            committed.keySet().forEach(tp -> earliest.put(tp, OffsetSpec.earliest()));
            var starts = admin.listOffsets(earliest).all().get();
            Map<TopicPartition, OffsetAndMetadata> back = new HashMap<>();
            for (var e : committed.entrySet()) {
                if (e.getValue() == null) {
                    continue;
                }
                long to = Math.max(starts.get(e.getKey()).offset(), e.getValue().offset() - replayRecords);
                moved += e.getValue().offset() - to;
                back.put(e.getKey(), new OffsetAndMetadata(to));
            }
            admin.alterConsumerGroupOffsets(REPLAY_GROUP, back).all().get();
        } finally {
            instances.forEach(launcher::start);
        }
        return moved + " records redelivered to " + REPLAY_GROUP;
    }

    static Admin admin(String bootstrap) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        return Admin.create(props);
    }
}
