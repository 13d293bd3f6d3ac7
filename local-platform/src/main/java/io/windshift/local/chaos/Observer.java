package io.windshift.local.chaos;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import io.windshift.local.demo.PlatformClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.bson.Document;

/**
 * Reads back what the platform did: the people directory from alliance-service's store, alliances, obligations
 * and inboxes through the gateway (as their owners would see them), and the dead-letter topics from Kafka.
 * Fills in the observed counts of the {@link Ledger}'s effects.
 */
final class Observer implements AutoCloseable {

    private static final Pattern MAIL_ID = Pattern.compile("X-Windshift-Notification-Id: ([^\\\\\\s\"]+)");
    private static final Pattern MARKER = Pattern.compile("chaos-poison-[A-Za-z0-9.\\-]+-\\d");

    private final PlatformClient client;
    private final String admin;
    private final MongoClient mongo;
    private final String bootstrap;
    private final String mailApi;
    private final java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();

    Observer(PlatformClient client, String mongoUri, String bootstrap, String mailApi) {
        this.mailApi = mailApi;
        this.client = client;
        this.admin = client.personToken("chaos-admin", "ALLIANCE_ADMIN");
        this.mongo = MongoClients.create(mongoUri);
        this.bootstrap = bootstrap;
    }

    /** Observes every unit's effects; returns how many effects are still missing. */
    int observe(List<Stream.Unit> units) {
        MongoCollection<Document> people = mongo.getDatabase("windshift-alliance").getCollection("people");
        int missing = 0;
        for (Stream.Unit u : units) {
            Set<String> ids = new HashSet<>(u.hired.keySet());
            Map<String, Document> found = new HashMap<>();
            if (!ids.isEmpty()) {
                for (Document d : people.find(Filters.in("_id", ids))) {
                    found.put(d.getString("_id"), d);
                }
            }
            u.hired.forEach((person, effect) -> effect.observed.set(found.containsKey(person) ? 1 : 0));
            if (u.transferred != null) {
                Document l2 = found.get(u.l2);
                u.transferred.observed.set(l2 != null && u.toOrgUnit.equals(l2.getString("orgUnitId")) ? 1 : 0);
            }
            if (u.departed != null) {
                Document m = found.get(u.m);
                u.departed.observed.set(m != null && "DEPARTED".equals(String.valueOf(m.get("status"))) ? 1 : 0);
            }
            if (u.managerChanged != null) {
                Document l2 = found.get(u.l2);
                u.managerChanged.observed.set(l2 != null && u.f.equals(l2.getString("managerId")) ? 1 : 0);
            }
            if (u.changeRescinded != null) {
                Document f = found.get(u.f);
                u.changeRescinded.observed.set(f != null && u.originalManager.equals(f.getString("managerId")) ? 1 : 0);
            }
            if (u.reorganised != null) {
                Document l1 = found.get(u.l1);
                u.reorganised.observed.set(l1 != null && u.reorgOrgUnit.equals(l1.getString("orgUnitId"))
                        && u.f.equals(l1.getString("managerId")) ? 1 : 0);
            }
            if (u.registeredAlliance != null) {
                Document alliance = getJson("/api/v1/alliances/" + u.allianceId, admin);
                u.registeredAlliance.observed.set(alliance == null ? 0 : 1);
                List<Document> team = alliance == null ? List.of() : alliance.getList("team", Document.class, List.of());
                if (u.assignedLead != null) {
                    u.assignedLead.observed.set((int) team.stream()
                            .filter(m -> "PARTNERSHIP_LEAD".equals(m.getString("role")) && u.l2.equals(m.getString("personId"))).count());
                }
                if (u.vacated != null) {
                    boolean managerGone = team.stream().noneMatch(m -> u.m.equals(m.getString("personId")));
                    boolean vacant = alliance != null && alliance.getList("vacantRoles", String.class, List.of()).contains("ALLIANCE_MANAGER");
                    u.vacated.observed.set(managerGone && vacant ? 1 : 0);
                }
            }
            if (u.registeredObligation != null) {
                Document obligation = getJson("/api/v1/obligations/" + u.obligationId, admin);
                u.registeredObligation.observed.set(obligation == null ? 0 : 1);
                if (u.paid != null) {
                    u.paid.observed.set(paidCount(obligation, u.invoiceId));
                }
            }
            if (u.impacted != null) {
                u.impacted.observed.set((int) getJsonList("/api/v1/impacts?triggerEventId=" + u.departureId, admin).stream()
                        .filter(i -> u.allianceId.equals(i.getString("allianceId"))).count());
            }
            if (u.leadNotified != null) {
                List<String> told = notifications(u.l2, u.departureId);
                u.leadNotified.observed.set(told.size());
                u.replacedLeadNotified.observed.set(notifications(u.l1, u.departureId).size());
                if (u.leadEmailed != null) {
                    u.leadEmailed.observed.set(told.isEmpty() ? 0 : emails(u.l2 + "@chaos.example", told.get(0)));
                }
            }
            u.reminders.forEach((lead, effect) -> effect.observed.set(reminders(u.f, u.allianceId, lead)));
            u.unexpectedReminders.forEach((lead, forbidden) -> forbidden.observed.set(reminders(u.f, u.allianceId, lead)));
            for (Ledger.Effect e : effectsOf(u)) {
                missing += e.observed.get() <= 0 ? 1 : 0;
            }
        }
        return missing;
    }

    static List<Ledger.Effect> effectsOf(Stream.Unit u) {
        List<Ledger.Effect> all = new ArrayList<>(u.hired.values());
        all.addAll(u.reminders.values());
        for (Ledger.Effect e : new Ledger.Effect[] {u.registeredAlliance, u.assignedLead, u.registeredObligation, u.transferred, u.departed,
                u.vacated, u.impacted, u.leadNotified, u.leadEmailed, u.paid, u.managerChanged, u.changeRescinded, u.reorganised}) {
            if (e != null) {
                all.add(e);
            }
        }
        return all;
    }

    /**
     * How many times the invoice closed an occurrence: 0 unless some occurrence is FULFILLED; else the number of
     * PAID records of the invoice, or more when the paid amount is a multiple of the expected one.
     */
    static int paidCount(Document obligation, String invoiceId) {
        if (obligation == null) {
            return 0;
        }
        int fulfilled = 0;
        int paidRecords = 0;
        int amountMultiple = 0;
        for (Document oc : obligation.getList("occurrences", Document.class, List.of())) {
            if ("FULFILLED".equals(oc.getString("status"))) {
                fulfilled++;
            }
            for (Document inv : oc.getList("invoices", Document.class, List.of())) {
                if (invoiceId.equals(inv.getString("invoiceId")) && "PAID".equals(inv.getString("status"))) {
                    paidRecords++;
                }
            }
            Object paid = oc.get("paidAmount");
            Object expected = oc.get("expectedAmount");
            if (paid instanceof Number p && expected instanceof Number e && e.doubleValue() > 0) {
                amountMultiple = Math.max(amountMultiple, (int) Math.round(p.doubleValue() / e.doubleValue()));
            }
        }
        return fulfilled == 0 ? 0 : Math.max(Math.max(fulfilled, paidRecords), amountMultiple);
    }

    /**
     * How often the notification was emailed: the largest number of messages in the mailbox (GreenMail's REST API)
     * carrying the same {@code X-Windshift-Notification-Id} ({@code id/revision}; each revision is mailed once).
     */
    int emails(String address, String notificationId) {
        String body = null;
        for (int attempt = 1; attempt <= 5 && body == null; attempt++) {
            try {
                HttpResponse<String> response = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                        mailApi + "/api/user/" + address + "/messages/INBOX")).timeout(Duration.ofSeconds(20)).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                body = response.statusCode() == 200 ? response.body() : null;
            } catch (java.io.IOException e) {
                LauncherClient.sleep(Duration.ofMillis(500));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return body == null ? 0 : emailCount(body, notificationId);
    }

    static int emailCount(String mailboxJson, String notificationId) {
        Map<String, Integer> perRevision = new HashMap<>();
        Matcher m = MAIL_ID.matcher(mailboxJson);
        while (m.find()) {
            if (m.group(1).startsWith(notificationId + "/")) {
                perRevision.merge(m.group(1), 1, Integer::sum);
            }
        }
        return perRevision.values().stream().mapToInt(Integer::intValue).max().orElse(0);
    }

    /** How many reminders "... due in {lead} days" of the alliance are in the person's inbox. */
    int reminders(String person, String allianceId, int lead) {
        String suffix = " due in " + lead + (lead == 1 ? " day" : " days");
        return inbox(person).stream().filter(n -> "obligation.milestone-due".equals(n.getString("type"))
                && n.getList("allianceIds", String.class, List.of()).contains(allianceId) && n.getString("title").endsWith(suffix)).toList().size();
    }

    /** The person's inbox, every page. */
    private List<Document> inbox(String person) {
        String token = client.personToken(person, "ALLIANCE_MANAGER");
        List<Document> all = new ArrayList<>();
        for (int page = 0; page < 20; page++) {
            Document inbox = getJson("/api/v1/notifications?size=100&page=" + page, token);
            if (inbox == null) {
                return all;
            }
            List<Document> items = inbox.getList("items", Document.class, List.of());
            all.addAll(items);
            if (items.size() < 100) {
                break;
            }
        }
        return all;
    }

    /** Ids of the notifications in the person's inbox (all pages) whose sourceEventId is the given one. */
    List<String> notifications(String person, String sourceEventId) {
        return inbox(person).stream().filter(n -> sourceEventId.equals(n.getString("sourceEventId"))).map(n -> n.getString("id")).toList();
    }

    /** A listing that answers a JSON array. */
    private List<Document> getJsonList(String path, String token) {
        for (int attempt = 1; attempt <= 10; attempt++) {
            try {
                HttpResponse<String> response = client.get(path, token);
                if (response.statusCode() == 200) {
                    return Document.parse("{\"items\":" + response.body() + "}").getList("items", Document.class, List.of());
                }
            } catch (RuntimeException e) {
                // gateway or service restarting: ask again
            }
            LauncherClient.sleep(Duration.ofMillis(500));
        }
        throw new IllegalStateException("GET " + path + " kept failing");
    }

    private Document getJson(String path, String token) {
        for (int attempt = 1; attempt <= 10; attempt++) {
            try {
                HttpResponse<String> response = client.get(path, token);
                if (response.statusCode() == 200) {
                    return Document.parse(response.body());
                }
                if (response.statusCode() == 404 || response.statusCode() == 403) {
                    return null;
                }
            } catch (RuntimeException e) {
                // gateway or service restarting: ask again
            }
            LauncherClient.sleep(Duration.ofMillis(500));
        }
        throw new IllegalStateException("GET " + path + " kept failing");
    }

    // ------------------------------------------------------------ dead letters

    /** The end offset of every dead-letter partition now: records after these are this run's. */
    Map<TopicPartition, Long> deadLetterEnds() {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : Faults.TOPICS) {
                List<PartitionInfo> infos = consumer.partitionsFor(topic + Faults.DEAD_LETTER_SUFFIX, Duration.ofSeconds(10));
                if (infos != null) {
                    infos.forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
                }
            }
            Map<TopicPartition, Long> ends = new HashMap<>(consumer.endOffsets(partitions, Duration.ofSeconds(10)));
            return ends;
        }
    }

    /** Every dead-letter record written since {@code from}, with the poison marker it carries, if any. */
    List<Ledger.DeadLetter> deadLetters(Map<TopicPartition, Long> from) {
        List<Ledger.DeadLetter> result = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            Map<TopicPartition, Long> ends = consumer.endOffsets(from.keySet(), Duration.ofSeconds(10));
            List<TopicPartition> todo = from.keySet().stream().filter(tp -> ends.getOrDefault(tp, 0L) > from.get(tp)).toList();
            if (todo.isEmpty()) {
                return result;
            }
            consumer.assign(todo);
            todo.forEach(tp -> consumer.seek(tp, from.get(tp)));
            long deadline = System.currentTimeMillis() + 30_000;
            Set<TopicPartition> done = new HashSet<>();
            while (done.size() < todo.size() && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    result.add(new Ledger.DeadLetter(r.topic(), r.partition(), r.offset(), marker(r), header(r, "kafka_dlt-exception-message")));
                }
                for (TopicPartition tp : todo) {
                    if (consumer.position(tp) >= ends.get(tp)) {
                        done.add(tp);
                    }
                }
            }
        }
        return result;
    }

    private static String marker(ConsumerRecord<byte[], byte[]> r) {
        String fromHeader = header(r, Faults.POISON_HEADER);
        if (fromHeader != null) {
            return fromHeader;
        }
        if (r.value() != null) {
            Matcher m = MARKER.matcher(new String(r.value(), StandardCharsets.ISO_8859_1));
            if (m.find()) {
                return m.group();
            }
        }
        return null;
    }

    private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
        Header h = r.headers().lastHeader(name);
        if (h == null || h.value() == null) {
            return null;
        }
        String text = new String(h.value(), StandardCharsets.UTF_8);
        return text.length() > 200 ? text.substring(0, 200) : text;
    }

    /** The topics of {@link Faults#TOPICS} that no consumer group reads (poison there is never dead-lettered). */
    Set<String> topicsWithoutConsumer() throws Exception {
        Set<String> consumed = new HashSet<>();
        try (Admin admin = Faults.admin(bootstrap)) {
            for (var group : admin.listConsumerGroups().all().get()) {
                admin.listConsumerGroupOffsets(group.groupId()).partitionsToOffsetAndMetadata().get().keySet()
                        .forEach(tp -> consumed.add(tp.topic()));
            }
        }
        Set<String> idle = new HashSet<>(Faults.TOPICS);
        idle.removeAll(consumed);
        return idle;
    }

    private KafkaConsumer<byte[], byte[]> consumer() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return new KafkaConsumer<>(props);
    }

    @Override
    public void close() {
        mongo.close();
    }
}
