package io.windshift.notification.bench;

import io.windshift.contract.CloudEvent;
import io.windshift.contract.EventIds;
import io.windshift.contract.EventType;
import io.windshift.contract.Topics;
import io.windshift.contract.alliance.AllianceRegistered;
import io.windshift.contract.alliance.TeamMember;
import io.windshift.contract.obligation.MilestoneDue;
import io.windshift.messaging.publish.EventPublisher;
import io.windshift.messaging.publish.EventPublisher.Outgoing;
import io.windshift.messaging.testing.EmbeddedMongo;
import io.windshift.messaging.testing.TestKeys;
import io.windshift.notification.NotificationServiceApplication;
import io.windshift.notification.audience.AllianceTeam;
import io.windshift.notification.inbox.Notification;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.tools.ProducerPerformance;
import org.bson.Document;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * Benchmark command (not a test): pushes N events (default 100,000 {@code obligation.milestone-due}, each
 * for the owner and the alliance's finance lead) through notification-service on a real in-JVM KRaft broker
 * and embedded Mongo, and prints notifications/s and p50/p99 from event time to stored notification. In the
 * same run, Kafka's own {@code ProducerPerformance} measures the raw producer rate of the same broker as a
 * reference. Appends a row to docs/benchmarks.md.
 *
 * <pre>mvn -o -q -pl notification-service -Pbench test-compile org.codehaus.mojo:exec-maven-plugin:3.5.0:java [-Dbench.events=100000]</pre>
 */
public final class NotificationBenchmark {

    public static void main(String[] args) {
        int status = 0;
        try {
            run();
        } catch (Throwable e) {
            e.printStackTrace();
            status = 1;
        }
        // Kafka and Spring leave non-daemon threads behind; the launcher must not wait for them.
        System.exit(status);
    }

    static void run() throws Exception {
        int events = Integer.getInteger("bench.events", 100_000);
        int alliances = 100;
        int owners = 1_000;
        // Topics exist before anyone produces: creating them under load made the first sends fail leader checks.
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 12, "bench.reference", Topics.HR, Topics.FINANCE, Topics.ALLIANCE,
                Topics.OBLIGATION, Topics.NOTIFICATION);
        broker.afterPropertiesSet();
        String bootstrap = broker.getBrokersAsString();
        ConfigurableApplicationContext app = null;
        try {
            double reference = producerPerformance(bootstrap, events);

            app = new SpringApplicationBuilder(NotificationServiceApplication.class).run(
                    "--server.port=0", "--spring.kafka.bootstrap-servers=" + bootstrap, "--spring.mongodb.uri=" + EmbeddedMongo.uri(),
                    "--spring.mongodb.database=notification-bench", "--windshift.security.jwt.public-key-location=" + TestKeys.publicKeyLocation(),
                    "--windshift.notification.delivery.poll-interval=PT1H", "--windshift.notification.escalation.scan-interval=PT1H",
                    "--windshift.messaging.listener-concurrency=" + Integer.getInteger("bench.concurrency", 3), "--logging.level.root=WARN", "--management.otlp.metrics.export.enabled=false", "--management.tracing.enabled=false");
            EventPublisher publisher = app.getBean(EventPublisher.class);
            MongoTemplate mongo = app.getBean(MongoTemplate.class);

            List<Outgoing> seed = new ArrayList<>();
            for (int a = 0; a < alliances; a++) {
                String id = "bench-al-" + a;
                seed.add(new Outgoing(Topics.ALLIANCE, id, CloudEvent.of(EventIds.random(), EventType.ALLIANCE_REGISTERED, "/bench", id, Instant.now(),
                        new AllianceRegistered(id, "Bench alliance " + a, "Partner", null, "LICENSE", "LATE", "ACTIVE", "STANDARD",
                                List.of(new TeamMember("PARTNERSHIP_LEAD", "bench-lead-" + a), new TeamMember("FINANCE_LEAD", "bench-fin-" + a)),
                                1, List.of(), List.of()), null)));
            }
            publisher.publishAll(seed);
            waitFor(() -> mongo.count(new org.springframework.data.mongodb.core.query.Query(), AllianceTeam.class) >= alliances, Duration.ofSeconds(60));

            long expected = 2L * events;
            // 0 = one burst (measures backlog drain); N = paced at N events/s (measures per-event latency at that load).
            int rate = Integer.getInteger("bench.rate", 0);
            Instant start = Instant.now();
            long startNanos = System.nanoTime();
            List<Outgoing> batch = new ArrayList<>();
            for (int i = 0; i < events; i++) {
                String obligation = "bench-ob-" + i;
                String allianceId = "bench-al-" + (i % alliances);
                batch.add(new Outgoing(Topics.OBLIGATION, obligation, CloudEvent.of(EventIds.derived("bench", obligation, "7"),
                        EventType.OBLIGATION_MILESTONE_DUE, "/bench", obligation, Instant.now(), new MilestoneDue(obligation, "oc-" + i, allianceId,
                                "Milestone " + i, "MILESTONE_PAYMENT", "bench-owner-" + (i % owners), null, LocalDate.parse("2027-01-31"), 7,
                                new BigDecimal("1000"), "EUR", "7.1"), null)));
                if (batch.size() == (rate > 0 ? Math.max(1, rate / 20) : 2_000)) {
                    publisher.publishAll(batch);
                    batch.clear();
                    if (rate > 0) {
                        long due = startNanos + (long) ((i + 1) * 1e9 / rate);
                        long wait = due - System.nanoTime();
                        if (wait > 0) {
                            // Pacing the offered rate, not waiting for an outcome.
                            java.util.concurrent.locks.LockSupport.parkNanos(wait);
                        }
                    }
                }
            }
            publisher.publishAll(batch);
            Instant published = Instant.now();
            waitFor(() -> mongo.getCollection("notifications").countDocuments() >= expected, Duration.ofMinutes(30));
            Instant done = Instant.now();

            List<Long> latencies = new ArrayList<>();
            Instant lastStored = start;
            for (Document d : mongo.getCollection("notifications").find()
                    .projection(new Document("firstEventAt", 1).append("createdAt", 1))) {
                Instant created = d.getDate("createdAt").toInstant();
                latencies.add(Duration.between(d.getDate("firstEventAt").toInstant(), created).toMillis());
                lastStored = created.isAfter(lastStored) ? created : lastStored;
            }
            latencies.sort(Long::compare);
            double seconds = Duration.between(start, lastStored).toMillis() / 1000.0;
            double perSecond = latencies.size() / seconds;
            double eventsPerSecond = events / seconds;
            long p50 = latencies.get(latencies.size() / 2);
            long p99 = latencies.get((int) Math.min(latencies.size() - 1, Math.ceil(latencies.size() * 0.99) - 1));
            System.out.printf("%nnotification-service benchmark: %d events -> %d notifications in %.1f s (publishing took %.1f s, %s)%n",
                    events, latencies.size(), seconds, Duration.between(start, published).toMillis() / 1000.0,
                    rate > 0 ? "paced at " + rate + " events/s" : "one burst");
            System.out.printf("  notifications/s: %.0f   events/s: %.0f%n", perSecond, eventsPerSecond);
            System.out.printf("  event time -> stored notification: p50 %d ms, p99 %d ms, max %d ms%n", p50, p99, latencies.getLast());
            System.out.printf("  Kafka ProducerPerformance on the same broker (1 KB, acks=all, not idempotent): %.0f records/s (service events/s = %.1f%% of it)%n",
                    reference, 100.0 * eventsPerSecond / reference);
            System.out.printf("  (total wall time until the last notification was seen: %.1f s)%n", Duration.between(start, done).toMillis() / 1000.0);
            // The machine-readable line ./windshift bench reads (the same shape as local-platform's BenchResult).
            System.out.println(String.format(java.util.Locale.ROOT, "BENCH-RESULT {\"benchmark\":\"notification\",\"complete\":%b,\"figures\":"
                    + "{\"events\":%d,\"notifications\":%d,\"notifications_per_s\":%.1f,\"events_per_s\":%.1f,\"p50_ms\":%d,\"p99_ms\":%d,"
                    + "\"producer_rps\":%.1f}}", latencies.size() == 2L * events, events, latencies.size(), perSecond, eventsPerSecond, p50, p99, reference));
            appendResult(events, rate, latencies.size(), perSecond, eventsPerSecond, p50, p99, reference);
        } finally {
            if (app != null) {
                app.close();
            }
            broker.destroy();
        }
    }

    /** Kafka's own producer benchmark, in this JVM, against the same broker; returns records/s from its summary line. */
    static double producerPerformance(String bootstrap, int records) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(new TeeStream(original, captured), true, StandardCharsets.UTF_8));
        try {
            ProducerPerformance.main(new String[] {"--topic", "bench.reference", "--num-records", Integer.toString(records), "--record-size", "1024",
                    "--throughput", "-1", "--producer-props", "bootstrap.servers=" + bootstrap, "acks=all",
                    // Without idempotence: on a starved machine expired batches sent the idempotent producer into sequence-reset loops.
                    "enable.idempotence=false"});
        } finally {
            System.setOut(original);
        }
        Matcher m = Pattern.compile("(\\d+) records sent, ([\\d.]+) records/sec").matcher(captured.toString(StandardCharsets.UTF_8));
        while (m.find()) {
            if (Long.parseLong(m.group(1)) == records) {
                return Double.parseDouble(m.group(2));
            }
        }
        throw new IllegalStateException("ProducerPerformance printed no summary");
    }

    static void appendResult(int events, int rate, int notifications, double perSecond, double eventsPerSecond, long p50, long p99, double reference)
            throws IOException {
        String root = System.getProperty("maven.multiModuleProjectDirectory", "..");
        Path file = Path.of(System.getProperty("bench.results", root + "/docs/benchmarks.md"));
        String machine = Runtime.getRuntime().availableProcessors() + " cpu " + System.getProperty("os.arch") + ", JDK "
                + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")";
        String row = String.format("| %s | %s | %d (%s) | %d | %.0f | %.0f | %d | %d | %.0f |%n",
                DateTimeFormatter.ISO_INSTANT.format(Instant.now().atOffset(ZoneOffset.UTC).withNano(0)), machine, events,
                rate > 0 ? rate + "/s" : "burst", notifications,
                perSecond, eventsPerSecond, p50, p99, reference);
        Files.createDirectories(file.toAbsolutePath().getParent());
        String header = "## notification-service";
        String existing = Files.exists(file) ? Files.readString(file) : "# Benchmarks\n";
        if (!existing.contains(header)) {
            existing += "\n" + header + "\n\n`mvn -o -q -pl notification-service -Pbench test-compile org.codehaus.mojo:exec-maven-plugin:3.5.0:java` (events: `-Dbench.events=N`).\n\n"
                    + "| date (UTC) | machine | events | notifications | notifications/s | events/s | p50 ms | p99 ms | Kafka ProducerPerformance records/s |\n"
                    + "|---|---|---|---|---|---|---|---|---|\n";
        }
        // Append the row at the end of this module's table, even if other sections follow it.
        int section = existing.indexOf(header);
        int next = existing.indexOf("\n## ", section + header.length());
        String updated = next < 0 ? existing + (existing.endsWith("\n") ? "" : "\n") + row
                : existing.substring(0, next).stripTrailing() + "\n" + row + existing.substring(next);
        Files.writeString(file, updated, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
        System.out.println("  result row appended to " + file.toAbsolutePath().normalize());
    }

    private static void waitFor(java.util.function.BooleanSupplier condition, Duration limit) {
        org.awaitility.Awaitility.await("benchmark completes").atMost(limit).pollInterval(Duration.ofMillis(200)).until(condition::getAsBoolean);
    }

    /** Writes to the console and keeps a copy to parse. */
    private static final class TeeStream extends java.io.OutputStream {
        private final java.io.OutputStream a;
        private final java.io.OutputStream b;

        TeeStream(java.io.OutputStream a, java.io.OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public void write(int value) throws IOException {
            a.write(value);
            b.write(value);
        }

        @Override
        public void write(byte[] bytes, int off, int len) throws IOException {
            a.write(bytes, off, len);
            b.write(bytes, off, len);
        }
    }
}
