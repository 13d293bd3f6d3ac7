package io.windshift.obligation.register;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import io.windshift.contract.Topics;
import io.windshift.messaging.testing.TopicProbe;
import io.windshift.obligation.BenchmarkContext;
import io.windshift.obligation.MutableClock;
import io.windshift.obligation.schedule.DueIndex;
import io.windshift.obligation.schedule.ReminderScheduler;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.bson.Document;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * Benchmark command (not a test): loads N occurrences (default 1,000,000) into the embedded store, of which
 * exactly 1,000 have a reminder due, then times one scheduler pass that finds and emits them on a real
 * in-JVM KRaft broker, an idle pass, and, for reference, the range query a design without the due index
 * would run. Prints the figures and appends a row to docs/benchmarks.md.
 *
 * <p>Run: {@code mvn -o -q -pl obligation-service -Pbench test-compile org.codehaus.mojo:exec-maven-plugin:3.5.0:exec} (add {@code -Dbench.occurrences=100000}
 * for a smaller run).
 */
public final class SchedulerBenchmark {

    static final int DUE_PER_DAY = 1_000;
    /** Days of reminders a pass runs over before the measured one (the first of them in a cold JVM). */
    static final int WARM_PASSES = 3;
    static final Instant LOADED_AT = Instant.parse("2027-01-01T12:00:00Z");
    /** The first 30-day reminders fall at 2027-01-02T00:00Z; the pass runs half an hour later. */
    static final Instant PASS_AT = Instant.parse("2027-01-02T00:30:00Z");

    public static void main(String[] args) throws Exception {
        int occurrences = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        MutableClock clock = new MutableClock(LOADED_AT);
        try (BenchmarkContext bench = BenchmarkContext.start("obligation-bench", clock)) {
            run(bench.context, bench.kafka, clock, occurrences);
        }
        System.exit(0);
    }

    static void run(ConfigurableApplicationContext context, EmbeddedKafkaKraftBroker kafka, MutableClock clock, int total) throws IOException {
        MongoTemplate mongo = context.getBean(MongoTemplate.class);
        ReminderScheduler scheduler = context.getBean(ReminderScheduler.class);
        int obligations = DUE_PER_DAY;
        int perObligation = total / obligations;
        long loadStart = System.nanoTime();
        Map<String, List<String>> buckets = load(mongo, obligations, perObligation);
        double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
        long stored = mongo.getCollection("occurrences").estimatedDocumentCount();
        System.out.printf("loaded %,d occurrences of %,d obligations and %,d due-index hours in %.1f s%n", stored, obligations, buckets.size(), loadSeconds);

        long heapLoaded = usedHeap();
        // Opens the producer's connection and metadata, so the pass measures the work, not the first connect.
        context.getBean(io.windshift.messaging.publish.EventPublisher.class).publish(Topics.OBLIGATION, "warm-up",
                io.windshift.contract.CloudEvent.of("warm-up", io.windshift.contract.EventType.OBLIGATION_REGISTERED, "/bench", "warm-up",
                        LOADED_AT, Map.of(), null));
        try (TopicProbe probe = new TopicProbe(kafka.getBrokersAsString(), Topics.OBLIGATION)) {
            int skipped = probe.records().size();
            // The first pass runs in a cold JVM (class loading, JIT of the claim and publish path): reported on its own.
            clock.travelTo(PASS_AT);
            long coldStart = System.nanoTime();
            int coldClaimed = scheduler.runOnce();
            double coldMs = (System.nanoTime() - coldStart) / 1e6;
            int warmClaimed = 0;
            for (int day = 1; day < WARM_PASSES; day++) {
                clock.travelTo(PASS_AT.plus(java.time.Duration.ofDays(day)));
                warmClaimed += scheduler.runOnce();
            }
            // Measured: the next day's 1,000, as a scheduler that has been running meets them.
            clock.travelTo(PASS_AT.plus(java.time.Duration.ofDays(WARM_PASSES)));
            jdk.jfr.Recording profile = profiling();
            long gcBefore = gcMillis();
            long start = System.nanoTime();
            int claimed = scheduler.runOnce();
            double passMs = (System.nanoTime() - start) / 1e6;
            if (profile != null) {
                profile.stop();
                profile.dump(Path.of(System.getProperty("bench.jfr")));
                System.out.println("JFR of the measured pass: " + System.getProperty("bench.jfr"));
            }
            long passGc = gcMillis() - gcBefore;
            long idleStart = System.nanoTime();
            int idle = scheduler.runOnce();
            double idleMs = (System.nanoTime() - idleStart) / 1e6;
            System.out.printf("first pass (cold JVM): %d claimed in %.0f ms; %d more in %d warm-up pass(es)%n", coldClaimed, coldMs, warmClaimed,
                    WARM_PASSES - 1);
            int published = coldClaimed + warmClaimed + claimed;

            Set<String> ids = new java.util.HashSet<>();
            long deadline = System.currentTimeMillis() + 30_000;
            while (ids.size() < published && System.currentTimeMillis() < deadline) {
                probe.records().stream().skip(skipped).map(r -> TopicProbe.header(r, "ce_id")).forEach(ids::add);
            }
            MongoCollection<Document> raw = mongo.getCollection("occurrences");
            long naiveStart = System.nanoTime();
            int naive = 0;
            // The next day's 1,000, sorted as a scheduler needs them: the store must look at every document.
            for (Document ignored : raw.find(Filters.lte("nextReminderAt", java.util.Date.from(PASS_AT.plusSeconds(86_400))))
                    .sort(new Document("nextReminderAt", 1)).limit(1_000)) {
                naive++;
            }
            double naiveMs = (System.nanoTime() - naiveStart) / 1e6;
            long heapAfter = usedHeap();
            long rss = rssBytes();

            System.out.printf("scheduler pass: %d reminders claimed and published in %.0f ms, of which %d ms GC (%d distinct event ids on the topic)%n",
                    claimed, passMs, passGc, ids.size());
            System.out.printf("idle pass right after: %d claimed in %.1f ms%n", idle, idleMs);
            System.out.printf("reference, range query on nextReminderAt (what the due index avoids): %d docs in %.0f ms%n", naive, naiveMs);
            System.out.printf("heap used: %,d MB after load, %,d MB after the pass; process RSS %,d MB%n", heapLoaded >> 20, heapAfter >> 20, rss >> 20);
            boolean complete = claimed == DUE_PER_DAY && coldClaimed == DUE_PER_DAY && ids.size() == published;
            // The machine-readable line ./windshift bench reads; an incomplete pass writes no row.
            System.out.println(String.format(java.util.Locale.ROOT, "BENCH-RESULT {\"benchmark\":\"due-pass\",\"complete\":%b,\"figures\":"
                    + "{\"occurrences\":%d,\"due\":%d,\"claimed\":%d,\"pass_ms\":%.1f,\"cold_pass_ms\":%.1f,\"idle_pass_ms\":%.1f,"
                    + "\"range_query_ms\":%.1f,\"rss_mb\":%d}}", complete, stored, DUE_PER_DAY, claimed, passMs, coldMs, idleMs, naiveMs, rss >> 20));
            if (!complete) {
                System.out.println("UNEXPECTED: each pass should claim and publish exactly " + DUE_PER_DAY + "; no row written");
                return;
            }
            appendRow(stored, claimed, passMs, passGc, idleMs, naiveMs, heapLoaded, rss, loadSeconds, coldMs);
        }
    }

    /**
     * Occurrence k belongs to obligation k % 1000 and is due on 2027-02-01 + k / 1000 days: each day 1,000
     * occurrences come due, so exactly 1,000 have their 30-day reminder at 2027-01-02T00:00Z. Documents are
     * made by the domain and the application's own mapping, then inserted in batches; the due index is
     * written as the hours it would hold.
     */
    static Map<String, List<String>> load(MongoTemplate mongo, int obligations, int perObligation) {
        LocalDate firstDue = LocalDate.parse("2027-02-01");
        List<Obligation> parents = new ArrayList<>();
        for (int i = 0; i < obligations; i++) {
            Obligation.Registration r = Obligation.register("ob-bench-" + i, new ObligationTerms("al-bench-" + (i % 50), "Milestone " + i,
                    "AGR-" + i, "7." + i, Category.FINANCIAL, ObligationType.MILESTONE_PAYMENT, Direction.OWED_TO_US, "p-owner-" + (i % 200),
                    null, new BigDecimal("1000.00"), "EUR", null, Schedule.once(firstDue)), "bench", null, LOADED_AT);
            parents.add(r.obligation());
        }
        mongo.insertAll(parents);
        Map<String, List<String>> buckets = new HashMap<>();
        MongoCollection<Document> raw = mongo.getCollection("occurrences");
        List<Document> batch = new ArrayList<>(10_000);
        for (int day = 0; day < perObligation; day++) {
            for (int i = 0; i < obligations; i++) {
                Occurrence occurrence = Occurrence.plan(parents.get(i), day + 1, firstDue.plusDays(day), "bench", LOADED_AT);
                Document doc = new Document();
                mongo.getConverter().write(occurrence, doc);
                doc.put("version", 0L);
                batch.add(doc);
                buckets.computeIfAbsent(DueIndex.hourOf(occurrence.nextReminderAt()), h -> new ArrayList<>()).add(occurrence.id());
                if (batch.size() == 10_000) {
                    raw.insertMany(batch);
                    batch.clear();
                }
            }
        }
        if (!batch.isEmpty()) {
            raw.insertMany(batch);
        }
        mongo.getCollection(DueIndex.BUCKETS).insertMany(buckets.entrySet().stream()
                .map(e -> new Document("_id", e.getKey()).append("entries", e.getValue())).collect(Collectors.toList()));
        String earliest = buckets.keySet().stream().sorted().findFirst().orElseThrow();
        mongo.getCollection(DueIndex.CURSORS).insertOne(new Document("_id", DueIndex.CURSOR_ID).append("from", earliest));
        return buckets;
    }

    /** With {@code -Dbench.jfr=FILE}, a JFR recording (profile settings) of the measured pass alone. */
    public static jdk.jfr.Recording profiling() {
        if (System.getProperty("bench.jfr") == null) {
            return null;
        }
        try {
            jdk.jfr.Recording recording = new jdk.jfr.Recording(jdk.jfr.Configuration.getConfiguration("profile"));
            recording.start();
            return recording;
        } catch (IOException | java.text.ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    static long usedHeap() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    public static long rssBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D+", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not on Linux: no RSS figure
        }
        return 0;
    }

    public static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(java.lang.management.GarbageCollectorMXBean::getCollectionTime).sum();
    }

    static void appendRow(long stored, int claimed, double passMs, long passGc, double idleMs, double naiveMs, long heap, long rss, double loadSeconds,
                          double coldMs) throws IOException {
        Path file = locateDocs();
        String machine = Runtime.getRuntime().availableProcessors() + " cores, " + System.getProperty("os.arch") + ", JDK "
                + System.getProperty("java.version") + ", -Xmx" + (Runtime.getRuntime().maxMemory() >> 20) + "m";
        String row = String.format("| %s | %s | mongo-java-server (memory) | %,d | %d | %.0f ms warm, GC %d ms (first pass, cold JVM: %.0f ms) | %.1f ms | %.0f ms | %,d MB | %,d MB | %.0f s |%n",
                Instant.now().atZone(ZoneOffset.UTC).toLocalDateTime().withNano(0), machine, stored, claimed, passMs, passGc, coldMs, idleMs, naiveMs,
                heap >> 20, rss >> 20, loadSeconds);
        insertRow(file, SECTION, HEADER, row.strip());
        System.out.println("appended to " + file + ": " + row.strip());
        System.out.println("vmArgs: " + ManagementFactory.getRuntimeMXBean().getInputArguments());
    }

    static final String SECTION = "## obligation-service";
    static final String HEADER = "| date (UTC) | machine | store | occurrences | due | pass (find + claim + publish) | idle pass | range query reference | heap after load | RSS | load |\n"
            + "|---|---|---|---|---|---|---|---|---|---|---|";

    /** Puts the row at the end of the section's table, creating the section (with {@code header}) if the file has none. */
    public static void insertRow(Path file, String section, String header, String row) throws IOException {
        List<String> lines = Files.exists(file) ? new ArrayList<>(Files.readAllLines(file)) : new ArrayList<>(List.of("# Benchmarks", ""));
        int at = lines.indexOf(section);
        if (at < 0) {
            lines.addAll(List.of("", section, "", header));
            lines.add(row);
        } else {
            int end = at + 1;
            while (end < lines.size() && !lines.get(end).startsWith("## ")) {
                end++;
            }
            int lastTableLine = -1;
            for (int i = at + 1; i < end; i++) {
                if (lines.get(i).startsWith("|")) {
                    lastTableLine = i;
                }
            }
            if (lastTableLine < 0) {
                lines.add(end, "");
                lines.add(end, row);
                lines.add(end, header);
            } else {
                lines.add(lastTableLine + 1, row);
            }
        }
        Files.write(file, lines);
    }

    /** docs/benchmarks.md of the repository (the benchmark runs from the module directory or the root). */
    public static Path locateDocs() {
        Path here = Path.of("").toAbsolutePath();
        Path root = Files.exists(here.resolve("obligation-service")) ? here : here.getParent();
        return root.resolve("docs").resolve("benchmarks.md");
    }
}
