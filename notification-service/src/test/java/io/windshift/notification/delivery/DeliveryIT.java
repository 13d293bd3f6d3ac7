package io.windshift.notification.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.windshift.contract.Topics;
import io.windshift.messaging.testing.TopicProbe;
import io.windshift.notification.NotificationIntegrationTest;
import io.windshift.notification.audience.KnownPerson;
import io.windshift.notification.inbox.Delivery;
import io.windshift.notification.inbox.DeliveryQueue;
import io.windshift.notification.inbox.Inbox;
import io.windshift.notification.inbox.Notice;
import io.windshift.notification.inbox.Notification;
import io.windshift.notification.inbox.Severity;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.MediaType;

/**
 * Outbound delivery against real servers: SMTP (GreenMail) and an HTTP endpoint (MockWebServer) that fails,
 * slows down and recovers, with the circuit breaker's states asserted and every attempt visible.
 */
class DeliveryIT extends NotificationIntegrationTest {

    static final Duration WAIT = Duration.ofSeconds(20);

    @Autowired Inbox inbox;
    @Autowired DeliveryWorker worker;
    @Autowired DeliveryQueue queue;
    @Autowired ChannelGuards guards;
    @Autowired MongoTemplate mongo;
    @Value("${spring.kafka.bootstrap-servers}") String bootstrap;

    MockWebServer hook;

    @BeforeEach
    void start() throws Exception {
        hook = new MockWebServer();
        hook.start(0);
        guards.breaker("WEBHOOK").reset();
        guards.breaker("EMAIL").reset();
        drainAll();
    }

    @AfterEach
    void stop() {
        hook.close();
    }

    @Test
    void aWebhookThatFailsSlowsDownAndRecoversOpensTheCircuitAndClosesItAgainWithNothingLost() throws Exception {
        String me = "p-hook-" + UUID.randomUUID();
        String secret = prefer(me, "[\"IN_APP\",\"WEBHOOK\"]");
        CircuitBreaker breaker = guards.breaker("WEBHOOK");
        for (int i = 0; i < 4; i++) {
            hook.enqueue(new MockResponse.Builder().code(500).build());
        }
        String first = notify(me, Severity.HIGH);
        drainAll();
        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
        String second = notify(me, Severity.HIGH);
        drainAll();
        assertThat(hook.getRequestCount()).as("two tries per attempt").isEqualTo(4);
        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(delivery(me, first)).satisfies(d -> {
            assertThat(d.status()).isEqualTo(Delivery.Status.PENDING);
            assertThat(d.attempts()).isEqualTo(1);
            assertThat(d.lastError()).contains("webhook answered 500");
        });

        String third = notify(me, Severity.HIGH);
        drainAll();
        assertThat(hook.getRequestCount()).as("no call while the circuit is open").isEqualTo(4);
        assertThat(delivery(me, third).lastError()).contains("circuit open");

        await().atMost(WAIT).until(() -> breaker.getState() == CircuitBreaker.State.HALF_OPEN);
        hook.enqueue(new MockResponse.Builder().code(200).headersDelay(3, TimeUnit.SECONDS).build());
        time().advance(Duration.ofMinutes(5));
        drainAll();
        assertThat(breaker.getState()).as("the slow trial call timed out").isEqualTo(CircuitBreaker.State.OPEN);

        await().atMost(WAIT).until(() -> breaker.getState() == CircuitBreaker.State.HALF_OPEN);
        for (int i = 0; i < 6; i++) {
            hook.enqueue(new MockResponse.Builder().code(200).build());
        }
        await().atMost(WAIT).untilAsserted(() -> {
            time().advance(Duration.ofMinutes(10));
            drainAll();
            for (String id : List.of(first, second, third)) {
                assertThat(delivery(me, id).status()).isEqualTo(Delivery.Status.SENT);
            }
        });
        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);

        RecordedRequest last = null;
        for (int i = hook.getRequestCount(); i > 0; i--) {
            last = hook.takeRequest(1, TimeUnit.SECONDS);
        }
        String body = last.getBody().utf8();
        assertThat(body).contains("\"text\":", "\"severity\":\"HIGH\"");
        assertThat(WebhookSigner.verify(secret, last.getHeaders().get(WebhookSigner.TIMESTAMP_HEADER), body,
                last.getHeaders().get(WebhookSigner.SIGNATURE_HEADER), clock.instant().getEpochSecond(), 300)).isTrue();

        try (TopicProbe probe = new TopicProbe(bootstrap, Topics.NOTIFICATION)) {
            await().atMost(WAIT).untilAsserted(() -> assertThat(probe.records().stream()
                    .filter(r -> first.equals(r.key())).map(TopicProbe::value).toList())
                    .anySatisfy(v -> assertThat(v).contains("\"status\":\"FAILED\"", "\"channel\":\"WEBHOOK\""))
                    .anySatisfy(v -> assertThat(v).contains("\"status\":\"SENT\"")));
        }
        mvc.perform(get("/api/v1/notifications/" + first).with(person(me)))
                .andExpect(jsonPath("$.deliveries[0].channel").value("WEBHOOK"))
                .andExpect(jsonPath("$.deliveries[0].status").value("SENT"));
    }

    @Test
    void aFailingEmailRelayFailsOverToTheNextChannelThePersonAllowsAndTheDeadEmailStaysVisible() throws Exception {
        String me = "p-mail-" + UUID.randomUUID();
        mongo.save(new KnownPerson(me, "Mail Person", me + "@example.com", null, false));
        prefer(me, "[\"IN_APP\",\"EMAIL\",\"WEBHOOK\"]");
        hook.enqueue(new MockResponse.Builder().code(200).build());
        SMTP.stop();
        try {
            String id = notify(me, Severity.HIGH);
            drainAll();
            time().advance(Duration.ofMinutes(5));
            drainAll();
            assertThat(guards.breaker("EMAIL").getState()).isEqualTo(CircuitBreaker.State.OPEN);
            time().advance(Duration.ofMinutes(5));
            drainAll();
            drainAll();
            Notification n = inbox.find(me, id).orElseThrow();
            assertThat(n.deliveries()).extracting(Delivery::channel, Delivery::status)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("EMAIL", Delivery.Status.DEAD),
                            org.assertj.core.groups.Tuple.tuple("WEBHOOK", Delivery.Status.SENT));
            assertThat(n.deliveries().getFirst().attempts()).isEqualTo(3);
            assertThat(hook.getRequestCount()).isEqualTo(1);
            mvc.perform(get("/api/v1/notifications/" + id).with(person(me)))
                    .andExpect(jsonPath("$.deliveries[0].status").value("DEAD"))
                    .andExpect(jsonPath("$.deliveries[0].lastError").value(org.hamcrest.Matchers.containsString("circuit open")));
        } finally {
            SMTP.start();
        }
    }

    @Test
    void aDeliveryClaimedByAnInstanceThatDiedIsTakenAgainAfterItsLeaseAndSentOnce() throws Exception {
        String me = "p-crash-" + UUID.randomUUID();
        String address = me + "@example.com";
        mongo.save(new KnownPerson(me, "Crash Person", address, null, false));
        String id = notify(me, Severity.MEDIUM);
        List<DeliveryQueue.Claim> claimed = queue.claimDue("instance-that-dies", Duration.ofMinutes(2), 100);
        assertThat(claimed).extracting(DeliveryQueue.Claim::notificationId).contains(id);
        drainAll();
        assertThat(delivery(me, id).status()).as("leased to the dead instance").isEqualTo(Delivery.Status.SENDING);

        time().advance(Duration.ofMinutes(3));
        drainAll();
        drainAll();
        assertThat(delivery(me, id).status()).isEqualTo(Delivery.Status.SENT);
        await().atMost(WAIT).untilAsserted(() -> assertThat(java.util.Arrays.stream(SMTP.getReceivedMessages())
                .filter(m -> inboxHas(m, address)).count()).isEqualTo(1));
    }

    @Test
    void anAddressThatArrivesAfterTheNotificationIsUsedOnTheRetry() throws Exception {
        String me = "p-late-" + UUID.randomUUID();
        String address = me + "@example.com";
        String id = notify(me, Severity.HIGH);
        drainAll();
        assertThat(delivery(me, id).status()).as("no address yet: retried later, not given up").isEqualTo(Delivery.Status.PENDING);

        mongo.save(new KnownPerson(me, "Late Person", address, null, false));
        time().advance(Duration.ofMinutes(11));
        drainAll();
        assertThat(delivery(me, id).status()).isEqualTo(Delivery.Status.SENT);
        await().atMost(WAIT).untilAsserted(() -> assertThat(java.util.Arrays.stream(SMTP.getReceivedMessages())
                .filter(m -> inboxHas(m, address)).count()).isEqualTo(1));
    }

    @Test
    void withNoAddressEverAndNoOtherChannelTheDeliveryEndsDeadAndVisibleNotLost() throws Exception {
        String me = "p-nowhere-" + UUID.randomUUID();
        String id = notify(me, Severity.HIGH);
        for (int attempt = 0; attempt < 8; attempt++) {
            drainAll();
            time().advance(Duration.ofMinutes(11));
        }
        mvc.perform(get("/api/v1/notifications/" + id).with(person(me)))
                .andExpect(jsonPath("$.deliveries[0].channel").value("EMAIL"))
                .andExpect(jsonPath("$.deliveries[0].status").value("DEAD"))
                .andExpect(jsonPath("$.deliveries[0].lastError").value(org.hamcrest.Matchers.containsString("no email address")));
    }

    @Test
    void lowSeverityWaitsForTheDailyDigestAndGoesOutAsOneEmailWhileHigherSeverityGoesAtOnce() throws Exception {
        String me = "p-digest-" + UUID.randomUUID();
        String address = me + "@example.com";
        mongo.save(new KnownPerson(me, "Digest Person", address, null, false));
        mvc.perform(put("/api/v1/preferences").with(person(me)).contentType(MediaType.APPLICATION_JSON)
                .content("{\"timeZone\":\"UTC\",\"digestEnabled\":true,\"digestTime\":\"08:00\"}")).andExpect(status().isOk());
        String low1 = notify(me, Severity.LOW);
        String low2 = notify(me, Severity.LOW);
        String medium = notify(me, Severity.MEDIUM);
        drainAll();
        await().atMost(WAIT).untilAsserted(() -> assertThat(mailsTo(address)).hasSize(1));
        assertThat(mailsTo(address).getFirst().getSubject()).startsWith("[Windshift MEDIUM]");
        Delivery held = delivery(me, low1);
        assertThat(held.status()).isEqualTo(Delivery.Status.PENDING);
        assertThat(held.deferredReason()).isEqualTo("DIGEST");
        assertThat(held.dueAt().atZone(java.time.ZoneOffset.UTC).toLocalTime()).isEqualTo(java.time.LocalTime.of(8, 0));

        time().set(held.dueAt().plusSeconds(60));
        drainAll();
        await().atMost(WAIT).untilAsserted(() -> assertThat(mailsTo(address)).hasSize(2));
        jakarta.mail.internet.MimeMessage digest = mailsTo(address).stream()
                .filter(m -> subject(m).contains("Daily digest")).findFirst().orElseThrow();
        assertThat(subject(digest)).isEqualTo("[Windshift] Daily digest: 2 notifications");
        assertThat(delivery(me, low1).status()).isEqualTo(Delivery.Status.SENT);
        assertThat(delivery(me, low2).status()).isEqualTo(Delivery.Status.SENT);
        assertThat(delivery(me, medium).attempts()).isEqualTo(1);
    }

    private static String subject(jakarta.mail.Message m) {
        try {
            return m.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            return "";
        }
    }

    private List<jakarta.mail.internet.MimeMessage> mailsTo(String address) {
        return java.util.Arrays.stream(SMTP.getReceivedMessages()).filter(m -> inboxHas(m, address)).toList();
    }

    private static boolean inboxHas(jakarta.mail.Message m, String address) {
        try {
            return java.util.Arrays.stream(m.getAllRecipients()).anyMatch(a -> a.toString().equals(address));
        } catch (jakarta.mail.MessagingException e) {
            return false;
        }
    }

    /** Subscribes {@code me} to the test's webhook server; returns the subscription's signing secret. */
    private String prefer(String me, String channels) throws Exception {
        String json = mvc.perform(put("/api/v1/preferences").with(person(me)).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"channels\":{\"ALLIANCE_CHANGE\":" + channels + "},\"webhookUrl\":\"" + hook.url("/hook") + "\"}"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        return com.jayway.jsonpath.JsonPath.read(json, "$.webhookSecret");
    }

    private String notify(String me, Severity severity) {
        String trigger = "t-" + UUID.randomUUID();
        inbox.deliver(new Notice(me, trigger, "e-" + trigger, "alliance.role-vacated", severity, "Role vacated on Helios",
                "Someone left Helios.", "al-1"));
        return Inbox.notificationId(trigger, me);
    }

    private Delivery delivery(String me, String id) {
        return inbox.find(me, id).orElseThrow().deliveries().getLast();
    }

    private void drainAll() {
        while (worker.drain() > 0) {
            // keep going until nothing is due
        }
    }
}
