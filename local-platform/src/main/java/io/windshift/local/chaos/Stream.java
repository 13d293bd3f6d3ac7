package io.windshift.local.chaos;

import static io.windshift.local.demo.PlatformClient.q;

import io.windshift.local.demo.PlatformClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The traffic of a chaos run, in units of fifteen accepted events, each unit on its own alliance and people:
 * four hires (lead L1, next lead L2, alliance manager M, finance lead F), the alliance registered through the
 * API (STRATEGIC, team L1/M/F), a role assignment (PARTNERSHIP_LEAD to L2), a milestone payment obligation
 * owned by F, a transfer of L2, the departure of M, finance's "invoice paid" for the obligation, a manager
 * change of L2 (kept), a manager change of F and its rescind (F's manager is put back), and a reorg that moves
 * L1 (who no longer holds a role) to a new org unit under F, and an obligation owned by F that is never paid: its
 * reminders come due as the {@link ReminderClock} moves obligation-service's clock. Each
 * accepted step writes its expected effects into the {@link Ledger}; a unit's steps run in order, units run
 * side by side.
 */
final class Stream {

    static final int EVENTS_PER_UNIT = 15;
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");

    /** One unit's identifiers, filled in as its steps are accepted. */
    static final class Unit {
        final int n;
        final String l1;
        final String l2;
        final String m;
        final String f;
        final String toOrgUnit;
        final String departureId;
        final String transferId;
        final String paymentId;
        final String invoiceId;
        final String managerChangeId;
        final String rescindedChangeId;
        final String rescindId;
        final String reorgId;
        final String originalManager;
        final String reorgOrgUnit;
        volatile String allianceId;
        volatile String obligationId;
        volatile boolean complete;
        final Map<String, Ledger.Effect> hired = new ConcurrentHashMap<>();
        volatile Ledger.Effect registeredAlliance;
        volatile Ledger.Effect assignedLead;
        volatile Ledger.Effect registeredObligation;
        volatile Ledger.Effect transferred;
        volatile Ledger.Effect departed;
        volatile Ledger.Effect vacated;
        volatile Ledger.Effect impacted;
        volatile Ledger.Effect leadNotified;
        volatile Ledger.Effect leadEmailed;
        volatile Ledger.Forbidden replacedLeadNotified;
        volatile Ledger.Effect paid;
        volatile Ledger.Effect managerChanged;
        volatile Ledger.Effect changeRescinded;
        volatile Ledger.Effect reorganised;
        volatile String remindedObligationId;
        volatile LocalDate remindedDue;
        volatile LocalDate remindedRegisteredOn;
        /** Reminders by lead time: expected ones (once each) and the others (never). */
        final Map<Integer, Ledger.Effect> reminders = new ConcurrentHashMap<>();
        final Map<Integer, Ledger.Forbidden> unexpectedReminders = new ConcurrentHashMap<>();

        Unit(String run, int n) {
            this.n = n;
            String p = run + "-u" + n;
            l1 = p + "-lead1";
            l2 = p + "-lead2";
            m = p + "-am";
            f = p + "-fin";
            toOrgUnit = "ou-" + run + "-" + (n % 7);
            departureId = p + "-departure";
            transferId = p + "-transfer";
            paymentId = p + "-paid";
            invoiceId = "inv-" + p;
            managerChangeId = p + "-manager";
            rescindedChangeId = p + "-manager-mistake";
            rescindId = p + "-rescind";
            reorgId = p + "-reorg";
            originalManager = run + "-mgr";
            reorgOrgUnit = "ou-" + run + "-reorg-" + (n % 5);
        }
    }

    private final PlatformClient client;
    private final Ledger ledger;
    private final String run;
    private final String admin;
    private final String workday;
    private final String finance;
    private final ReminderClock clock;
    final List<Unit> units = new CopyOnWriteArrayList<>();
    final Map<String, LongAdder> refusals = new ConcurrentHashMap<>();
    /** Answers that were a 5xx other than 502, 503 or 504: under a fault the platform refuses with 503, never fails. */
    final Map<String, LongAdder> internalErrors = new ConcurrentHashMap<>();
    final AtomicInteger failedUnits = new AtomicInteger();

    Stream(PlatformClient client, Ledger ledger, String run, ReminderClock clock) {
        this.client = client;
        this.clock = clock;
        this.ledger = ledger;
        this.run = run;
        this.admin = client.personToken("chaos-admin", "ALLIANCE_ADMIN");
        this.workday = client.clientToken("chaos-workday", "hr.events:write");
        this.finance = client.clientToken("chaos-finance", "finance.events:write");
    }

    /**
     * Runs {@code unitCount} units with {@code concurrency} in flight; stops starting units after {@code until}. A unit
     * starts only when its share of the stream is within {@code faultsAllow} (the share of faults injected, plus one).
     */
    void run(int unitCount, int concurrency, Instant until, java.util.function.DoubleSupplier faultsAllow) throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        try (ExecutorService pool = Executors.newFixedThreadPool(concurrency)) {
            List<Future<?>> workers = new java.util.ArrayList<>();
            for (int w = 0; w < concurrency; w++) {
                workers.add(pool.submit(() -> {
                    int n;
                    while ((n = next.getAndIncrement()) < unitCount && Instant.now().isBefore(until)) {
                        // spread the stream over the fault sequence: unit n waits until enough faults have been injected
                        while ((n + 1.0) / unitCount > faultsAllow.getAsDouble() && Instant.now().isBefore(until)) {
                            LauncherClient.sleep(Duration.ofMillis(250));
                        }
                        if (n == unitCount / 2 && clock.stepDates.isEmpty()) {
                            clock.step(0);
                        }
                        Unit unit = new Unit(run, n);
                        units.add(unit);
                        try {
                            runUnit(unit, until.plus(Duration.ofMinutes(2)));
                            unit.complete = true;
                        } catch (RuntimeException e) {
                            failedUnits.incrementAndGet();
                            System.err.println("unit " + n + " stopped: " + e.getMessage());
                        }
                        if (n % 10 == 9) {
                            System.out.printf("%s stream: %d units, %d events accepted%n", Instant.now(), n + 1, ledger.accepted.size());
                        }
                    }
                }));
            }
            for (Future<?> w : workers) {
                try {
                    w.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IllegalStateException(e.getCause());
                }
            }
        }
    }

    private void runUnit(Unit u, Instant giveUpAt) {
        String today = LocalDate.now().toString();
        // 1. four hires in one batch
        StringBuilder hires = new StringBuilder("[");
        for (String person : List.of(u.l1, u.l2, u.m, u.f)) {
            hires.append(hires.length() > 1 ? "," : "").append("""
                    {"specversion":"1.0","id":"%s-hire","source":"/chaos","type":"hr.worker.hired",
                     "data":{"personId":"%s","name":"Chaos %s","email":"%s@chaos.example","orgUnitId":"ou-%s-start","managerId":"%s-mgr","effectiveDate":"%s"}}"""
                    .formatted(person, person, person, person, run, run, today));
        }
        post("/api/v1/hr/events", workday, "application/cloudevents-batch+json", hires.append(']').toString(), giveUpAt);
        for (String person : List.of(u.l1, u.l2, u.m, u.f)) {
            ledger.accepted(person + "-hire", "hire", person);
            u.hired.put(person, ledger.expect(person + "-hire", "hire of " + person + " in the people directory"));
        }

        // 2. the alliance, STRATEGIC so that an alliance manager is a required role
        String alliance = """
                {"name":"Chaos %s %d","partner":"Chaos Partner","asset":"CX-%d","type":"CO_DEVELOPMENT","stage":"LATE","tier":"STRATEGIC",
                 "team":[{"role":"PARTNERSHIP_LEAD","personId":%s},{"role":"ALLIANCE_MANAGER","personId":%s},{"role":"FINANCE_LEAD","personId":%s}]}"""
                .formatted(run, u.n, u.n, q(u.l1), q(u.m), q(u.f));
        // registration has no idempotency key: after an unanswered attempt, look for the alliance before posting again
        u.allianceId = firstId(send("POST", "/api/v1/alliances", admin, "application/json", alliance, giveUpAt,
                () -> existing("/api/v1/alliances?personId=" + u.l1)));
        ledger.accepted("alliance:" + u.allianceId, "alliance", u.allianceId);
        u.registeredAlliance = ledger.expect("alliance:" + u.allianceId, "alliance " + u.allianceId + " readable");

        // 3. a role assignment through the API: the lead is replaced before anything else happens to the alliance
        send("PUT", "/api/v1/alliances/" + u.allianceId + "/roles/PARTNERSHIP_LEAD", admin, "{\"personId\":" + q(u.l2) + "}", giveUpAt);
        ledger.accepted("role:" + u.allianceId, "role", u.allianceId);
        u.assignedLead = ledger.expect("role:" + u.allianceId, "PARTNERSHIP_LEAD of " + u.allianceId + " is " + u.l2);

        // 4. a milestone payment obligation (obligation-service learns the alliance from Kafka: retry until it knows it)
        String obligation = """
                {"allianceId":%s,"title":"Chaos milestone %d","agreementId":"agr-chaos","clauseRef":"7.1","category":"FINANCIAL",
                 "type":"MILESTONE_PAYMENT","direction":"OWED_BY_US","ownerId":%s,"reviewerId":%s,"amount":1000.00,"currency":"USD","dueDate":"%s"}"""
                .formatted(q(u.allianceId), u.n, q(u.f), q(u.l2), LocalDate.now().plusDays(90));
        u.obligationId = firstId(send("POST", "/api/v1/obligations", admin, "application/json", obligation, giveUpAt,
                () -> existing("/api/v1/obligations?allianceId=" + u.allianceId)));
        ledger.accepted("obligation:" + u.obligationId, "obligation", u.allianceId);
        u.registeredObligation = ledger.expect("obligation:" + u.obligationId, "obligation " + u.obligationId + " readable");

        // 5. a transfer of the new lead
        post("/api/v1/hr/events", workday, "application/cloudevents+json", """
                {"specversion":"1.0","id":"%s","source":"/chaos","type":"hr.worker.transferred",
                 "data":{"personId":"%s","fromOrgUnitId":"ou-%s-start","toOrgUnitId":"%s","effectiveDate":"%s"}}"""
                .formatted(u.transferId, u.l2, run, u.toOrgUnit, today), giveUpAt);
        ledger.accepted(u.transferId, "transfer", u.l2);
        u.transferred = ledger.expect(u.transferId, "transfer of " + u.l2 + " to " + u.toOrgUnit);

        // 6. the alliance manager leaves: role vacated, the (new) lead told once, the replaced lead not at all
        post("/api/v1/hr/events", workday, "application/cloudevents+json", """
                {"specversion":"1.0","id":"%s","source":"/chaos","type":"hr.worker.terminated",
                 "data":{"personId":"%s","effectiveDate":"%s","reasonCode":"RESIGNATION"}}"""
                .formatted(u.departureId, u.m, today), giveUpAt);
        ledger.accepted(u.departureId, "departure", u.m);
        u.departed = ledger.expect(u.departureId, "departure of " + u.m + ": status DEPARTED");
        u.vacated = ledger.expect(u.departureId, "departure of " + u.m + ": ALLIANCE_MANAGER of " + u.allianceId + " vacant");
        u.impacted = ledger.expect(u.departureId, "departure of " + u.m + ": one change impact on " + u.allianceId);
        u.leadNotified = ledger.expect(u.departureId, "departure of " + u.m + ": one notification for lead " + u.l2);
        u.leadEmailed = ledger.expect(u.departureId, "departure of " + u.m + ": that notification emailed once to " + u.l2);
        u.replacedLeadNotified = ledger.forbid(u.departureId, "departure of " + u.m + " notified to the replaced lead " + u.l1);

        // 7. finance pays the milestone
        post("/api/v1/finance/events", finance, "application/cloudevents+json", """
                {"specversion":"1.0","id":"%s","source":"/chaos-erp","type":"finance.invoice.paid",
                 "data":{"invoiceId":"%s","obligationId":"%s","amount":1000.00,"currency":"USD","paidAt":"%s"}}"""
                .formatted(u.paymentId, u.invoiceId, u.obligationId, Instant.now()), giveUpAt);
        ledger.accepted(u.paymentId, "payment", u.obligationId);
        u.paid = ledger.expect(u.paymentId, "payment " + u.invoiceId + " closes the occurrence of " + u.obligationId + " once");

        // 8. the new lead reports to the finance lead from now on
        post("/api/v1/hr/events", workday, "application/cloudevents+json", managerChange(u.managerChangeId, u.l2, u.originalManager, u.f, today),
                giveUpAt);
        ledger.accepted(u.managerChangeId, "manager change", u.l2);
        u.managerChanged = ledger.expect(u.managerChangeId, "manager of " + u.l2 + " is " + u.f);

        // 9. a manager change sent by mistake, then rescinded: the finance lead's manager is put back
        post("/api/v1/hr/events", workday, "application/cloudevents+json", managerChange(u.rescindedChangeId, u.f, u.originalManager, u.l1, today),
                giveUpAt);
        ledger.accepted(u.rescindedChangeId, "manager change", u.f);
        post("/api/v1/hr/events", workday, "application/cloudevents+json", """
                {"specversion":"1.0","id":"%s","source":"/chaos","type":"hr.event.rescinded","data":{"rescindedEventId":"%s"}}"""
                .formatted(u.rescindId, u.rescindedChangeId), giveUpAt);
        ledger.accepted(u.rescindId, "rescind", u.f);
        u.changeRescinded = ledger.expect(u.rescindId, "rescind of " + u.rescindedChangeId + ": manager of " + u.f + " is " + u.originalManager
                + " again");

        // 10. a reorg moves the replaced lead, who holds no role any more, under the finance lead
        post("/api/v1/hr/events", workday, "application/cloudevents+json", """
                {"specversion":"1.0","id":"%s","source":"/chaos","type":"hr.org.reorganized",
                 "data":{"reorgId":"%s","name":"Chaos reorg %d","effectiveDate":"%s",
                         "movedWorkers":[{"personId":"%s","toOrgUnitId":"%s","newManagerId":"%s"}],"departedWorkers":[]}}"""
                .formatted(u.reorgId, u.reorgId, u.n, today, u.l1, u.reorgOrgUnit, u.f), giveUpAt);
        ledger.accepted(u.reorgId, "reorg", u.l1);
        u.reorganised = ledger.expect(u.reorgId, "reorg moves " + u.l1 + " to " + u.reorgOrgUnit + " under " + u.f);

        // 11. an obligation nobody pays: its reminders come due when the clock moves (see expectReminders)
        u.remindedRegisteredOn = clock.today();
        u.remindedDue = u.remindedRegisteredOn.plusDays(ReminderClock.DUE_IN_DAYS);
        String title = "Chaos reminders " + u.n;
        String reminded = """
                {"allianceId":%s,"title":"%s","agreementId":"agr-chaos","clauseRef":"7.2","category":"FINANCIAL","type":"MILESTONE_PAYMENT",
                 "direction":"OWED_TO_US","ownerId":%s,"amount":500.00,"currency":"USD","dueDate":"%s","leadTimes":%s}"""
                .formatted(q(u.allianceId), title, q(u.f), u.remindedDue, ReminderClock.LEADS);
        u.remindedObligationId = firstId(send("POST", "/api/v1/obligations", admin, "application/json", reminded, giveUpAt,
                () -> existingTitled("/api/v1/obligations?allianceId=" + u.allianceId, title)));
        ledger.accepted("obligation:" + u.remindedObligationId, "obligation", u.allianceId);
    }

    /** Once the clock has taken its steps: the reminders each unit's unpaid obligation must get, once each, and no others. */
    void expectReminders() {
        for (Unit u : units) {
            if (u.remindedObligationId == null) {
                continue;
            }
            List<Integer> expected = ReminderClock.expected(u.remindedDue, u.remindedRegisteredOn, clock.stepDates);
            for (int lead : ReminderClock.LEADS) {
                String what = "reminder " + lead + " days before " + u.remindedDue + " of " + u.remindedObligationId + " in " + u.f + "'s inbox";
                if (expected.contains(lead)) {
                    u.reminders.put(lead, ledger.expect("obligation:" + u.remindedObligationId, what));
                } else {
                    u.unexpectedReminders.put(lead, ledger.forbid("obligation:" + u.remindedObligationId, what));
                }
            }
        }
    }

    private static String managerChange(String id, String person, String oldManager, String newManager, String date) {
        return """
                {"specversion":"1.0","id":"%s","source":"/chaos","type":"hr.worker.manager-changed",
                 "data":{"personId":"%s","oldManagerId":"%s","newManagerId":"%s","effectiveDate":"%s"}}"""
                .formatted(id, person, oldManager, newManager, date);
    }

    private String post(String path, String token, String contentType, String body, Instant giveUpAt) {
        return send("POST", path, token, contentType, body, giveUpAt, null);
    }

    private String send(String method, String path, String token, String body, Instant giveUpAt) {
        return send(method, path, token, "application/json", body, giveUpAt, null);
    }

    /** The body of the first item a listing returns (an earlier attempt that was applied but not answered), or null. */
    private String existing(String listPath) {
        try {
            HttpResponse<String> response = client.get(listPath, admin);
            if (response.statusCode() == 200 && ID.matcher(response.body()).find()) {
                ledger.ambiguous.incrementAndGet();
                return response.body();
            }
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot tell whether an unanswered attempt was applied: " + e.getMessage());
        }
        return null;
    }

    /** The body of the listed item with this title (an earlier attempt that was applied but not answered), or null. */
    private String existingTitled(String listPath, String title) {
        String found = existing(listPath);
        if (found == null || !found.contains("\"title\":\"" + title + "\"")) {
            return null;
        }
        for (org.bson.Document item : org.bson.Document.parse(found).getList("items", org.bson.Document.class, List.of())) {
            if (title.equals(item.getString("title"))) {
                return item.toJson();
            }
        }
        return null;
    }

    /**
     * Sends until a 2xx: a 5xx, 429, a refused connection or a timeout is retried with the same body (the same
     * event id, which intake absorbs); obligation-service's 4xx "unknown alliance" too, until it has caught up.
     * Anything else ends the unit.
     */
    private String send(String method, String path, String token, String contentType, String body, Instant giveUpAt,
                        java.util.function.Supplier<String> lookupBeforeRetry) {
        String last = "";
        boolean ambiguous = false;
        String where = path.replaceAll("/(al|ob)-[^/]+", "/{id}").replaceAll("\\?.*", "");
        while (Instant.now().isBefore(giveUpAt)) {
            if (ambiguous && lookupBeforeRetry != null) {
                try {
                    String found = lookupBeforeRetry.get();
                    if (found != null) {
                        return found;
                    }
                } catch (RuntimeException e) {
                    last = e.getMessage();
                    LauncherClient.sleep(Duration.ofMillis(700));
                    continue;
                }
            }
            HttpResponse<String> response;
            try {
                response = method.equals("PUT") ? client.put(path, token, body) : client.post(path, token, contentType, body);
            } catch (RuntimeException e) {
                refusals.computeIfAbsent("no answer " + where, k -> new LongAdder()).increment();
                ambiguous = true;
                last = e.getMessage();
                LauncherClient.sleep(Duration.ofMillis(700));
                continue;
            }
            int status = response.statusCode();
            if (status / 100 == 2) {
                return response.body();
            }
            boolean unknownAlliance = path.equals("/api/v1/obligations") && (status == 400 || status == 404 || status == 409 || status == 422)
                    && response.body().toLowerCase().contains("alliance");
            if (status >= 500 && status != 502 && status != 503 && status != 504) {
                internalErrors.computeIfAbsent(status + " " + where, k -> new LongAdder()).increment();
            }
            if (status >= 500 || status == 429 || status == 408 || unknownAlliance) {
                refusals.computeIfAbsent(unknownAlliance ? "obligation before alliance known" : status + " " + where,
                        k -> new LongAdder()).increment();
                // even a 503 may come after the service applied the call (a gateway timeout): look before posting again
                ambiguous |= !unknownAlliance && status != 429;
                ledger.retried.incrementAndGet();
                last = status + " " + response.body();
                LauncherClient.sleep(Duration.ofMillis(unknownAlliance ? 300 : 700));
                continue;
            }
            throw new IllegalStateException(method + " " + path + " answered " + status + ": " + response.body());
        }
        throw new IllegalStateException(method + " " + path + " not accepted before the deadline; last: " + last);
    }

    static String firstId(String json) {
        Matcher m = ID.matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no id in " + json);
        }
        return m.group(1);
    }
}
