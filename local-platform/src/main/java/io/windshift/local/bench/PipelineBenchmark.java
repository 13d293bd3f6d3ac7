package io.windshift.local.bench;

import static io.windshift.local.demo.PlatformClient.q;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import io.windshift.local.demo.PlatformClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Pattern;
import org.bson.Document;

/**
 * {@code ./windshift bench pipeline}: against a running platform, HR departures posted through the gateway at a
 * paced rate (default 500 events/s for 60 s), one event per request, each of a different governance member of a
 * loaded alliance, so each yields a notification to the alliance's lead. Latency is from the 202 to that
 * notification's {@code createdAt}, read from notification-service's store. Usage:
 * {@code PipelineBenchmark GATEWAY KEYS MONGO_URI KAFKA} with {@code -Dpipeline.rate=500 -Dpipeline.seconds=60
 * -Dpipeline.members=50 -Dpipeline.drain-seconds=120 -Dpipeline.warmup=200}.
 */
public final class PipelineBenchmark {

    /** Below the gateway's default 50 requests/s per client: the load is spread over enough HR clients. */
    static final int PER_CLIENT_RATE = 40;

    private PipelineBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        PlatformClient client = new PlatformClient(args[0], Path.of(args[1]));
        String mongoUri = args[2];
        String kafka = args[3];
        int rate = Integer.getInteger("pipeline.rate", 500);
        int seconds = Integer.getInteger("pipeline.seconds", 60);
        int members = Integer.getInteger("pipeline.members", 50);
        int drainSeconds = Integer.getInteger("pipeline.drain-seconds", 120);
        int events = rate * seconds;
        // Unmeasured departures first, one at a time, so a cold JIT and empty connection pools do not trip a circuit breaker.
        int warmup = Integer.getInteger("pipeline.warmup", Math.min(200, Math.max(10, rate)));
        int alliances = (events + warmup + members - 1) / members;
        String run = "pl" + Long.toString(System.currentTimeMillis(), 36);

        long loadStart = System.nanoTime();
        AtomicInteger loadFailures = new AtomicInteger();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            Semaphore inFlight = new Semaphore(8);
            for (int a = 0; a < alliances; a++) {
                String admin = client.personToken(run + "-admin" + (a % 8), "ALLIANCE_ADMIN");
                String body = allianceJson(run, a, members);
                inFlight.acquire();
                pool.submit(() -> {
                    try {
                        client.postOk("/api/v1/alliances", admin, "application/json", body);
                    } catch (RuntimeException e) {
                        loadFailures.incrementAndGet();
                        System.err.println(e.getMessage());
                    } finally {
                        inFlight.release();
                    }
                });
            }
        }
        System.out.printf("loaded %d alliances of %d governance members in %.1f s (%d failed)%n", alliances, members,
                (System.nanoTime() - loadStart) / 1e9, loadFailures.get());
        try (ConsumerLag lag = new ConsumerLag(kafka)) {
            lag.awaitCaughtUp(Set.of("windshift.alliance.events", "windshift.hr.events"), Duration.ofMinutes(10));
        }

        int clients = Math.max(1, (rate + PER_CLIENT_RATE - 1) / PER_CLIENT_RATE);
        List<String> tokens = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            tokens.add(client.clientToken(run + "-hr" + c, "hr.events:write"));
        }
        String effective = LocalDate.now(ZoneOffset.UTC).minusDays(1).toString();
        for (int w = 0; w < warmup; w++) {
            client.postOk("/api/v1/hr/events", tokens.get(w % clients), "application/cloudevents+json",
                    departure(run + "-w" + w, member(run, events + w), effective));
        }
        Map<String, Long> accepted = new ConcurrentHashMap<>();
        AtomicInteger rejected = new AtomicInteger();
        long sendStart = System.nanoTime();
        long sendStartMs = System.currentTimeMillis();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < events; i++) {
                long due = sendStart + (long) (i * 1e9 / rate);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                String id = run + "-e" + i;
                String body = departure(id, member(run, i), effective);
                String token = tokens.get(i % clients);
                pool.submit(() -> {
                    try {
                        HttpResponse<String> response = client.post("/api/v1/hr/events", token, "application/cloudevents+json", body);
                        if (response.statusCode() == 202) {
                            accepted.put(id, System.currentTimeMillis());
                        } else if (rejected.incrementAndGet() <= 5) {
                            System.err.println(id + ": " + response.statusCode() + " " + response.body());
                        }
                    } catch (RuntimeException e) {
                        rejected.incrementAndGet();
                    }
                });
            }
        }
        double sendSeconds = (System.nanoTime() - sendStart) / 1e9;
        System.out.printf("posted %d departures in %.1f s (%.0f/s offered), %d accepted, %d rejected, over %d HR clients%n", events, sendSeconds,
                events / sendSeconds, accepted.size(), rejected.get(), clients);

        try (MongoClient mongo = MongoClients.create(mongoUri)) {
            MongoCollection<Document> notifications = mongo.getDatabase("windshift-notification").getCollection("notifications");
            var filter = Filters.regex("sourceEventId", "^" + Pattern.quote(run + "-e"));
            long deadline = System.nanoTime() + drainSeconds * 1_000_000_000L;
            Map<String, Long> stored = new HashMap<>();
            while (System.nanoTime() < deadline) {
                stored = firstStored(notifications, filter);
                if (stored.keySet().containsAll(accepted.keySet())) {
                    break;
                }
                Thread.sleep(1000);
            }
            List<Long> latencies = new ArrayList<>();
            long lastStored = 0;
            for (Map.Entry<String, Long> e : accepted.entrySet()) {
                Long at = stored.get(e.getKey());
                if (at != null) {
                    latencies.add(Math.max(0, at - e.getValue()));
                    lastStored = Math.max(lastStored, at);
                }
            }
            Collections.sort(latencies);
            double rateStored = latencies.isEmpty() ? 0 : latencies.size() / Math.max(0.001, (lastStored - sendStartMs) / 1000.0);
            Map<String, Double> figures = new LinkedHashMap<>();
            figures.put("offered_rate", (double) rate);
            figures.put("seconds", (double) seconds);
            figures.put("accepted", (double) accepted.size());
            figures.put("notified", (double) latencies.size());
            figures.put("p50_ms", percentile(latencies, 0.50));
            figures.put("p99_ms", percentile(latencies, 0.99));
            figures.put("max_ms", latencies.isEmpty() ? Double.NaN : (double) latencies.getLast());
            figures.put("rate_per_s", rateStored);
            System.out.printf("notifications stored for %d of %d accepted departures; accepted -> stored p50 %.0f ms, p99 %.0f ms, max %.0f ms;"
                    + " sustained %.0f events/s%n", latencies.size(), accepted.size(), figures.get("p50_ms"), figures.get("p99_ms"),
                    figures.get("max_ms"), rateStored);
            boolean complete = loadFailures.get() == 0 && rejected.get() == 0 && accepted.size() == events && latencies.size() == events;
            BenchResult.print("pipeline", complete, figures);
        }
    }

    /** Per HR event id, when its first notification was created (epoch ms). */
    private static Map<String, Long> firstStored(MongoCollection<Document> notifications, org.bson.conversions.Bson filter) {
        Map<String, Long> first = new HashMap<>();
        for (Document doc : notifications.find(filter).projection(Projections.include("sourceEventId", "createdAt"))) {
            Date at = doc.getDate("createdAt");
            if (at != null) {
                first.merge(doc.getString("sourceEventId"), at.getTime(), Math::min);
            }
        }
        return first;
    }

    static double percentile(List<Long> sorted, double p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
    }

    private static String departure(String id, String person, String effectiveDate) {
        return """
                {"specversion":"1.0","id":"%s","source":"/bench","type":"hr.worker.terminated",
                 "data":{"personId":"%s","effectiveDate":"%s","reasonCode":"RESIGNATION"}}""".formatted(id, person, effectiveDate);
    }

    private static String member(String run, int i) {
        return run + "-m" + i;
    }

    /** Alliance a: a lead and a JSC whose members are the people who will leave, {@code members} of them. */
    private static String allianceJson(String run, int a, int members) {
        StringJoiner ids = new StringJoiner(",");
        for (int m = a * members; m < (a + 1) * members; m++) {
            ids.add(q(member(run, m)));
        }
        return """
                {"name":%s,"partner":"Pipeline Bio","asset":"PL-1","type":"LICENSE","stage":"EARLY","tier":"STANDARD",
                 "team":[{"role":"PARTNERSHIP_LEAD","personId":%s}],
                 "governanceBodies":[{"code":"JSC","memberIds":[%s]}]}
                """.formatted(q(run + " pipeline alliance " + a), q(run + "-lead" + a), ids);
    }
}
