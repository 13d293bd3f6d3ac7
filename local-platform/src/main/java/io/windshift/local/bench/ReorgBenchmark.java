package io.windshift.local.bench;

import static io.windshift.local.demo.PlatformClient.q;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import io.windshift.local.demo.PlatformClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.StringJoiner;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.Document;

/**
 * {@code ./windshift bench reorg}: against a running platform, loads 5,000 alliances and 20,000 people
 * through the gateway, posts one reorg moving 2,000 people and departing 200, and times, from the accepted
 * post, the last change impact stored (alliance-service) and the last notification stored
 * (notification-service), reading both stores. Figures go to stdout and to {@code docs/benchmarks.md}.
 */
public final class ReorgBenchmark {

    record Team(String lead, String am, String sponsor, String finance, List<String> jsc, String tier) {
    }

    public static void main(String[] args) throws Exception {
        String gateway = arg(args, 0, "http://localhost:8080");
        Path keys = Path.of(arg(args, 1, ".windshift/keys"));
        Path results = Path.of(arg(args, 2, "docs/benchmarks.md"));
        String mongoUri = arg(args, 3, "mongodb://localhost:27017");
        Path runDir = Path.of(arg(args, 4, ".windshift/run"));
        String kafka = arg(args, 5, "localhost:9092");
        int alliances = Integer.getInteger("alliances", 5000);
        int people = Integer.getInteger("people", 20000);
        int moved = Integer.getInteger("moved", 2000);
        int departed = Integer.getInteger("departed", 200);

        PlatformClient client = new PlatformClient(gateway, keys);
        String run = "b" + Long.toString(System.currentTimeMillis(), 36);
        String admin = client.personToken("bench-admin", "ALLIANCE_ADMIN");
        String workday = client.clientToken("bench-workday", "hr.events:write");
        Random random = new Random(42);

        long loadStart = System.nanoTime();
        for (int from = 0; from < people; from += 1000) {
            StringJoiner batch = new StringJoiner(",", "[", "]");
            for (int i = from; i < Math.min(people, from + 1000); i++) {
                String id = run + "-p" + i;
                batch.add("""
                        {"specversion":"1.0","id":"%s-hire","source":"/bench","type":"hr.worker.hired",
                         "data":{"personId":"%s","name":"Person %d","orgUnitId":"ou-%d","managerId":"%s-p%d","effectiveDate":"2024-01-01"}}"""
                        .formatted(id, id, i, i % 200, run, i / 10));
            }
            client.postOk("/api/v1/hr/events", workday, "application/cloudevents-batch+json", batch.toString());
        }
        double peopleSeconds = (System.nanoTime() - loadStart) / 1e9;

        // 30% STRATEGIC (a pool of managers with at most 4 each), 50% STANDARD, 20% LOW_TOUCH.
        int managers = Math.max(1, (int) Math.ceil(alliances * 0.3 / 4));
        List<Team> teams = new ArrayList<>();
        int strategic = 0;
        for (int a = 0; a < alliances; a++) {
            String tier = a % 10 < 3 ? "STRATEGIC" : a % 10 < 8 ? "STANDARD" : "LOW_TOUCH";
            String am = tier.equals("STRATEGIC") ? person(run, strategic++ % managers) : tier.equals("STANDARD") && a % 2 == 0
                    ? person(run, random.nextInt(managers)) : null;
            teams.add(new Team(person(run, managers + random.nextInt(people - managers)), am, person(run, managers + random.nextInt(200)),
                    person(run, managers + 200 + random.nextInt(100)), List.of(person(run, managers + random.nextInt(people - managers)),
                    person(run, managers + random.nextInt(people - managers))), tier));
        }
        long alliancesStart = System.nanoTime();
        AtomicInteger failures = new AtomicInteger();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            Semaphore inFlight = new Semaphore(8);
            List<Future<?>> posted = new ArrayList<>();
            for (int a = 0; a < alliances; a++) {
                Team t = teams.get(a);
                String body = allianceJson(run + " alliance " + a, t);
                inFlight.acquire();
                posted.add(pool.submit(() -> {
                    try {
                        client.postOk("/api/v1/alliances", admin, "application/json", body);
                    } catch (RuntimeException e) {
                        failures.incrementAndGet();
                        System.err.println(e.getMessage());
                    } finally {
                        inFlight.release();
                    }
                }));
            }
            for (Future<?> f : posted) {
                f.get();
            }
        }
        double allianceSeconds = (System.nanoTime() - alliancesStart) / 1e9;
        System.out.printf("loaded %d people in %.1f s and %d alliances in %.1f s (%.0f/s, %d failed)%n", people, peopleSeconds, alliances,
                allianceSeconds, alliances / allianceSeconds, failures.get());

        // The reorg: 200 departures and 2,000 moves among different people.
        List<Integer> shuffled = new ArrayList<>();
        for (int i = 0; i < people; i++) {
            shuffled.add(i);
        }
        java.util.Collections.shuffle(shuffled, random);
        Set<String> leaving = new HashSet<>();
        Set<String> moving = new HashSet<>();
        shuffled.subList(0, departed).forEach(i -> leaving.add(person(run, i)));
        shuffled.subList(departed, departed + moved).forEach(i -> moving.add(person(run, i)));
        int expected = 0;
        for (Team t : teams) {
            boolean departure = leaving.contains(t.lead()) || leaving.contains(t.am()) || leaving.contains(t.sponsor())
                    || leaving.contains(t.finance()) || t.jsc().stream().anyMatch(leaving::contains);
            boolean move = moving.contains(t.lead()) || moving.contains(t.am()) || moving.contains(t.sponsor()) || moving.contains(t.finance());
            expected += departure || move ? 1 : 0;
        }
        String reorgId = run + "-reorg";
        StringJoiner movedJson = new StringJoiner(",", "[", "]");
        moving.forEach(p -> movedJson.add("{\"personId\":" + q(p) + ",\"toOrgUnitId\":\"ou-new\",\"newManagerId\":" + q(person(run, 0)) + "}"));
        StringJoiner departedJson = new StringJoiner(",", "[", "]");
        leaving.forEach(p -> departedJson.add("{\"personId\":" + q(p) + "}"));
        String reorg = """
                {"specversion":"1.0","id":"%s","source":"/bench","type":"hr.org.reorganized",
                 "data":{"reorgId":"%s","name":"Benchmark reorg","effectiveDate":"2026-01-01","movedWorkers":%s,"departedWorkers":%s}}
                """.formatted(reorgId, reorgId, movedJson, departedJson);

        // Start the clock on a quiet platform: every service has applied the hires and registrations.
        try (ConsumerLag lag = new ConsumerLag(kafka)) {
            Duration caughtUp = lag.awaitCaughtUp(Set.of("windshift.hr.events", "windshift.alliance.events", "windshift.obligation.events"),
                    Duration.ofMinutes(20));
            System.out.printf("consumers caught up with the load %.1f s after it was accepted%n", caughtUp.toMillis() / 1000.0);
        }

        try (MongoClient mongo = MongoClients.create(mongoUri)) {
            MongoCollection<Document> impacts = mongo.getDatabase("windshift-alliance").getCollection("change_impacts");
            MongoCollection<Document> notifications = mongo.getDatabase("windshift-notification").getCollection("notifications");
            client.postOk("/api/v1/hr/events", workday, "application/cloudevents+json", reorg);
            Instant accepted = Instant.now();
            System.out.printf("reorg %s accepted; %d alliances should be affected%n", reorgId, expected);

            Instant deadline = accepted.plus(Duration.ofMinutes(15));
            long impactCount = 0;
            Instant lastImpact = null;
            long notificationCount = -1;
            Instant lastNotification = null;
            Instant stableSince = Instant.now();
            // Waits on the trigger's keyed index documents (the impact index, who was told), not on queries of the two
            // collections: those scan on the embedded store, and polling them took most of the store's CPU during the run.
            MongoCollection<Document> impactIndex = mongo.getDatabase("windshift-alliance").getCollection("impacts_by_trigger");
            MongoCollection<Document> told = mongo.getDatabase("windshift-notification").getCollection("trigger_deliveries");
            Set<String> impactIds = Set.of();
            Set<String> notificationIds = Set.of();
            while (Instant.now().isBefore(deadline)) {
                impactIds = keyed(impactIndex, reorgId, doc -> doc.getList("impactIds", String.class, List.of()));
                Set<String> n = keyed(told, reorgId, doc -> doc.get("told", Document.class) == null ? List.of()
                        : doc.get("told", Document.class).values().stream().map(e -> ((Document) e).getString("notificationId")).toList());
                if (n.size() != notificationIds.size()) {
                    notificationIds = n;
                    stableSince = Instant.now();
                }
                if (impactIds.size() >= expected && Duration.between(stableSince, Instant.now()).toSeconds() >= 10) {
                    break;
                }
                Thread.sleep(1000);
            }
            impactCount = impacts.countDocuments(Filters.in("_id", impactIds));
            notificationCount = notifications.countDocuments(Filters.in("_id", notificationIds));
            lastImpact = latest(impacts, Filters.in("_id", impactIds), "assessedAt");
            lastNotification = latest(notifications, Filters.in("_id", notificationIds), "updatedAt");
            double toImpacts = lastImpact == null ? Double.NaN : Duration.between(accepted, lastImpact).toMillis() / 1000.0;
            double toNotifications = lastNotification == null ? Double.NaN : Duration.between(accepted, lastNotification).toMillis() / 1000.0;
            int changes = moved + departed;
            long rss = BenchReport.rssMb(runDir.resolve("alliance-service.pid"));
            System.out.printf("""
                    impacts stored: %d of %d expected; last %.1f s after the accepted post (%.0f person changes/s, %.0f impacts/s)
                    notifications stored for the reorg: %d; last %.1f s after the accepted post
                    alliance-service RSS after the run: %d MB
                    """, impactCount, expected, toImpacts, changes / toImpacts, impactCount / toImpacts, notificationCount, toNotifications, rss);
            boolean complete = failures.get() == 0 && impactCount >= expected && notificationCount > 0 && lastNotification != null;
            BenchResult.print("reorg", complete, new java.util.LinkedHashMap<>(java.util.Map.of("alliances", (double) alliances, "people", (double) people,
                    "changes", (double) changes, "last_impact_s", toImpacts, "last_notification_s", toNotifications,
                    "notifications", (double) notificationCount, "rss_mb", (double) rss)));
            if (!complete) {
                System.out.println("incomplete run (" + failures.get() + " failed posts, " + impactCount + " of " + expected
                        + " impacts, " + notificationCount + " notifications): no row written");
                return;
            }
            BenchReport.appendRow(results, "## alliance-service: reorg impact assessment",
                    List.of("date", "machine", "portfolio", "reorg", "alliances affected", "last impact stored", "last notification stored",
                            "notifications", "person changes/s", "alliance-service RSS", "command"),
                    List.of(BenchReport.today(), BenchReport.machine(), alliances + " alliances, " + people + " people",
                            moved + " moved, " + departed + " departed", impactCount + " of " + expected,
                            String.format("%.1f s", toImpacts), String.format("%.1f s", toNotifications), Long.toString(notificationCount),
                            String.format("%.0f", changes / toImpacts), rss + " MB", "`./windshift bench reorg`"));
            System.out.println("results appended to " + results);
        }
    }

    /** The entries of a key sharded over 32 documents ({@code key~0} to {@code key~31}), read by {@code _id}. */
    private static Set<String> keyed(MongoCollection<Document> collection, String key, java.util.function.Function<Document, List<String>> entries) {
        List<String> shards = java.util.stream.IntStream.range(0, 32).mapToObj(i -> key + "~" + i).toList();
        Set<String> all = new HashSet<>();
        for (Document doc : collection.find(Filters.in("_id", shards))) {
            all.addAll(entries.apply(doc));
        }
        return all;
    }

    private static Instant latest(MongoCollection<Document> collection, org.bson.conversions.Bson filter, String field) {
        Instant latest = null;
        for (Document doc : collection.find(filter).projection(new Document(field, 1))) {
            Date at = doc.getDate(field);
            if (at != null && (latest == null || at.toInstant().isAfter(latest))) {
                latest = at.toInstant();
            }
        }
        return latest;
    }

    private static String person(String run, int i) {
        return run + "-p" + i;
    }

    private static String allianceJson(String name, Team t) {
        StringJoiner team = new StringJoiner(",", "[", "]");
        team.add(seat("PARTNERSHIP_LEAD", t.lead()));
        if (t.am() != null) {
            team.add(seat("ALLIANCE_MANAGER", t.am()));
        }
        team.add(seat("EXECUTIVE_SPONSOR", t.sponsor()));
        team.add(seat("FINANCE_LEAD", t.finance()));
        return """
                {"name":%s,"partner":"Partner of %s","asset":"ASSET","type":"LICENSE","stage":"LATE","tier":"%s","team":%s,
                 "governanceBodies":[{"code":"JSC","memberIds":[%s,%s]}],
                 "agreements":[{"agreementId":"agr","noticeClauses":[{"clauseRef":"4.2","seat":"ALLIANCE_MANAGER","noticeDays":14}]}]}
                """.formatted(q(name), name, t.tier(), team, q(t.jsc().get(0)), q(t.jsc().get(1)));
    }

    private static String seat(String role, String person) {
        return "{\"role\":\"" + role + "\",\"personId\":" + q(person) + "}";
    }

    private static String arg(String[] args, int i, String fallback) {
        return args.length > i ? args[i] : fallback;
    }
}
