package io.windshift.notification.subscriptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import io.windshift.contract.CloudEvent;
import io.windshift.contract.EventJson;
import io.windshift.contract.EventType;
import io.windshift.contract.alliance.ChangeImpactResolved;
import io.windshift.contract.obligation.ObligationOverdue;
import io.windshift.contract.obligation.OccurrenceClosed;
import io.windshift.notification.NotificationIntegrationTest;
import io.windshift.notification.delivery.ChannelGuards;
import io.windshift.notification.delivery.WebhookSigner;
import io.windshift.notification.subscriptions.internal.SubscriptionSender;
import io.windshift.service.security.JwtAuthorities;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Integrators' event subscriptions on a real broker: each subscribed event reaches the endpoint once, as a signed
 * structured CloudEvent, whatever Kafka redelivers; a failing endpoint is retried with backoff, then DEAD and visible,
 * and can be sent again; bad subscriptions are refused naming the field; a subscription is its owner's alone.
 */
class EventSubscriptionsIT extends NotificationIntegrationTest {

    @Autowired SubscriptionSender sender;
    @Autowired SubscriptionOutbox outbox;
    @Autowired ChannelGuards guards;

    MockWebServer endpoint;
    final AtomicInteger answer = new AtomicInteger(200);

    @BeforeEach
    void startEndpoint() throws Exception {
        endpoint = new MockWebServer();
        endpoint.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return new MockResponse.Builder().code(answer.get()).build();
            }
        });
        endpoint.start(0);
        drain();
    }

    @AfterEach
    void stopEndpoint() {
        endpoint.close();
    }

    @Test
    void eachSubscribedEventReachesTheEndpointOnceAsASignedCloudEvent() throws Exception {
        String alliance = "al-sub-" + UUID.randomUUID();
        ResultActions created = subscribe(client("erp-" + UUID.randomUUID()),
                "[\"obligation.overdue\",\"alliance.change-impact-resolved\"]", "[\"" + alliance + "\"]").andExpect(status().isCreated());
        String id = JsonPath.read(body(created), "$.id");
        String secret = JsonPath.read(body(created), "$.secret");
        assertThat(secret).startsWith("whsec_");

        CloudEvent overdue = overdue(alliance);
        publish(overdue);
        publish(overdue(alliance + "-other"));   // another alliance: not subscribed
        publish(fulfilled(alliance));            // another type: not subscribed
        CloudEvent resolved = resolved(alliance);
        publish(resolved);
        publish(overdue);                        // Kafka's redelivery of the same event id
        CloudEvent marker = overdue(alliance);   // same key: read after everything above
        publish(marker);
        await().atMost(Duration.ofSeconds(30)).until(() -> outbox.count(id, SubscriptionDelivery.Status.PENDING) == 3);

        drain();

        List<RecordedRequest> received = new ArrayList<>();
        for (RecordedRequest r; (r = endpoint.takeRequest(1, TimeUnit.SECONDS)) != null; ) {
            received.add(r);
        }
        assertThat(received).extracting(r -> EventJson.read(r.getBody().utf8()).id())
                .containsExactlyInAnyOrder(overdue.id(), resolved.id(), marker.id());
        for (RecordedRequest request : received) {
            assertThat(request.getHeaders().get("Content-Type")).startsWith(CloudEvent.MEDIA_TYPE);
            assertThat(request.getHeaders().get(SubscriptionSender.SUBSCRIPTION_HEADER)).isEqualTo(id);
            assertThat(request.getHeaders().get(SubscriptionSender.DELIVERY_HEADER)).startsWith("dlv-");
            assertThat(WebhookSigner.verify(secret, request.getHeaders().get(WebhookSigner.TIMESTAMP_HEADER), request.getBody().utf8(),
                    request.getHeaders().get(WebhookSigner.SIGNATURE_HEADER), clock.instant().getEpochSecond(), 300))
                    .as("signed with the subscription's secret").isTrue();
        }
        assertThat(EventJson.read(received.stream().filter(r -> r.getBody().utf8().contains(resolved.id())).findFirst().orElseThrow()
                .getBody().utf8()).dataAs(ChangeImpactResolved.class).allianceId()).isEqualTo(alliance);
        assertThat(drain()).as("nothing is sent twice").isZero();
        mvc.perform(get("/api/v1/subscriptions/" + id).with(owner(created)))
                .andExpect(jsonPath("$.delivered").value(3)).andExpect(jsonPath("$.dead").value(0))
                .andExpect(jsonPath("$.secret").doesNotExist());
    }

    @Test
    void aFailingEndpointIsRetriedWithBackoffThenDeadVisibleAndSentAgainOnRequest() throws Exception {
        answer.set(503);
        String alliance = "al-fail-" + UUID.randomUUID();
        RequestPostProcessor erp = client("erp-" + UUID.randomUUID());
        String id = JsonPath.read(body(subscribe(erp, "[\"obligation.overdue\"]", "[\"" + alliance + "\"]").andExpect(status().isCreated())), "$.id");
        guards.breaker(SubscriptionSender.guardName(id)).reset();
        publish(overdue(alliance));
        await().atMost(Duration.ofSeconds(30)).until(() -> outbox.count(id, SubscriptionDelivery.Status.PENDING) == 1);

        assertThat(drain()).isEqualTo(1);
        assertThat(drain()).as("not due again before its backoff").isZero();
        mvc.perform(get("/api/v1/subscriptions/" + id + "/deliveries?status=PENDING").with(erp))
                .andExpect(jsonPath("$.items[0].attempts").value(1)).andExpect(jsonPath("$.items[0].lastStatusCode").value(503))
                .andExpect(jsonPath("$.items[0].nextAttemptAt").exists());
        time().advance(Duration.ofMinutes(5));
        assertThat(drain()).isEqualTo(1);
        time().advance(Duration.ofMinutes(10));
        assertThat(drain()).isEqualTo(1);

        String dead = body(mvc.perform(get("/api/v1/subscriptions/" + id + "/deliveries?status=DEAD").with(erp)).andExpect(status().isOk()));
        assertThat((Integer) JsonPath.read(dead, "$.totalItems")).isEqualTo(1);
        assertThat((Integer) JsonPath.read(dead, "$.items[0].attempts")).isEqualTo(3);
        assertThat((List<?>) JsonPath.read(dead, "$.items[0].history")).hasSize(3);
        mvc.perform(get("/api/v1/subscriptions/" + id).with(erp)).andExpect(jsonPath("$.dead").value(1))
                .andExpect(jsonPath("$.lastError").exists());
        time().advance(Duration.ofHours(2));
        assertThat(drain()).as("a dead delivery is not retried").isZero();

        answer.set(204);
        guards.breaker(SubscriptionSender.guardName(id)).reset();
        String deliveryId = JsonPath.read(dead, "$.items[0].id");
        mvc.perform(post("/api/v1/subscriptions/" + id + "/deliveries/" + deliveryId + "/redeliver").with(erp))
                .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("PENDING"));
        assertThat(drain()).isEqualTo(1);
        mvc.perform(get("/api/v1/subscriptions/" + id + "/deliveries?status=DELIVERED").with(erp)).andExpect(jsonPath("$.totalItems").value(1));
        mvc.perform(post("/api/v1/subscriptions/" + id + "/deliveries/" + deliveryId + "/redeliver").with(erp))
                .andExpect(status().isConflict());
    }

    @Test
    void badSubscriptionsAreRefusedNamingTheFieldAndNothingIsStored() throws Exception {
        RequestPostProcessor erp = client("erp-bad-" + UUID.randomUUID());
        String good = endpoint.url("/events").toString();
        expectField(erp, "{\"url\":\"http://169.254.169.254/latest\",\"types\":[\"obligation.overdue\"]}", "url");
        expectField(erp, "{\"url\":\"ftp://example.com/x\",\"types\":[\"obligation.overdue\"]}", "url");
        expectField(erp, "{\"types\":[\"obligation.overdue\"]}", "url");
        expectField(erp, "{\"url\":\"" + good + "\",\"types\":[]}", "types");
        expectField(erp, "{\"url\":\"" + good + "\",\"types\":[\"obligation.overdue\",\"hr.worker.hired\"]}", "types[1]");
        expectField(erp, "{\"url\":\"" + good + "\",\"types\":[\"obligation.overdue\",\"obligation.overdue\"]}", "types[1]");
        mvc.perform(get("/api/v1/subscriptions").with(erp)).andExpect(jsonPath("$.length()").value(0));

        mvc.perform(post("/api/v1/subscriptions").with(person("p-someone")).contentType(MediaType.APPLICATION_JSON)
                .content("{\"url\":\"" + good + "\",\"types\":[\"obligation.overdue\"]}")).andExpect(status().isForbidden());
        mvc.perform(post("/api/v1/subscriptions").with(jwt().jwt(j -> j.subject("hr-only").claim("scope", "hr.events:write")))
                .contentType(MediaType.APPLICATION_JSON).content("{\"url\":\"" + good + "\",\"types\":[\"obligation.overdue\"]}"))
                .andExpect(status().isForbidden());
        for (int i = 0; i < 3; i++) {
            subscribe(erp, "[\"obligation.overdue\"]", "[\"al-none\"]").andExpect(status().isCreated());
        }
        subscribe(erp, "[\"obligation.overdue\"]", "[\"al-none\"]").andExpect(status().isConflict());
    }

    @Test
    void aSubscriptionIsItsOwnersAloneAndRemovingItEndsWhatWasQueued() throws Exception {
        String alliance = "al-own-" + UUID.randomUUID();
        RequestPostProcessor erp = client("erp-own-" + UUID.randomUUID());
        RequestPostProcessor other = client("erp-other-" + UUID.randomUUID());
        String id = JsonPath.read(body(subscribe(erp, "[\"obligation.overdue\"]", "[\"" + alliance + "\"]").andExpect(status().isCreated())), "$.id");

        mvc.perform(get("/api/v1/subscriptions/" + id).with(other)).andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/subscriptions/" + id + "/deliveries").with(other)).andExpect(status().isNotFound());
        mvc.perform(post("/api/v1/subscriptions/" + id + "/rotate-secret").with(other)).andExpect(status().isNotFound());
        mvc.perform(delete("/api/v1/subscriptions/" + id).with(other)).andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/subscriptions").with(other)).andExpect(jsonPath("$[?(@.id == '" + id + "')]").isEmpty());
        mvc.perform(get("/api/v1/subscriptions/" + id).with(admin())).andExpect(status().isOk());
        mvc.perform(post("/api/v1/subscriptions/" + id + "/rotate-secret").with(erp)).andExpect(status().isOk())
                .andExpect(jsonPath("$.secret").exists()).andExpect(jsonPath("$.previousSecretValidUntil").exists());

        publish(overdue(alliance));
        await().atMost(Duration.ofSeconds(30)).until(() -> outbox.count(id, SubscriptionDelivery.Status.PENDING) == 1);
        mvc.perform(delete("/api/v1/subscriptions/" + id).with(erp)).andExpect(status().isNoContent());
        mvc.perform(get("/api/v1/subscriptions/" + id).with(erp)).andExpect(status().isNotFound());

        assertThat(drain()).isEqualTo(1);
        assertThat(outbox.count(id, SubscriptionDelivery.Status.DEAD)).as("queued for a removed subscription: dead, not sent").isEqualTo(1);
        assertThat(endpoint.takeRequest(200, TimeUnit.MILLISECONDS)).isNull();
    }

    private ResultActions subscribe(RequestPostProcessor who, String types, String alliances) throws Exception {
        return mvc.perform(post("/api/v1/subscriptions").with(who).contentType(MediaType.APPLICATION_JSON)
                .content("{\"url\":\"" + endpoint.url("/events") + "\",\"types\":" + types + ",\"allianceIds\":" + alliances
                        + ",\"description\":\"test\"}"));
    }

    private void expectField(RequestPostProcessor who, String json, String field) throws Exception {
        mvc.perform(post("/api/v1/subscriptions").with(who).contentType(MediaType.APPLICATION_JSON).content(json))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[?(@.field == '" + field + "')]").exists());
    }

    private int drain() {
        int total = 0;
        for (int n; (n = sender.drain()) > 0; ) {
            total += n;
        }
        return total;
    }

    private static String body(ResultActions response) throws Exception {
        return response.andReturn().getResponse().getContentAsString();
    }

    private RequestPostProcessor owner(ResultActions created) throws Exception {
        return client(JsonPath.read(body(created), "$.ownerId"));
    }

    private static RequestPostProcessor client(String clientId) {
        Jwt token = Jwt.withTokenValue("t").header("alg", "RS256").subject(clientId).claim("scope", "events.subscriptions:write").build();
        return jwt().jwt(token).authorities(JwtAuthorities.authorities(token));
    }

    private static RequestPostProcessor admin() {
        Jwt token = Jwt.withTokenValue("t").header("alg", "RS256").subject("p-admin").claim("roles", List.of("ALLIANCE_ADMIN")).build();
        return jwt().jwt(token).authorities(JwtAuthorities.authorities(token));
    }

    private CloudEvent overdue(String alliance) {
        return CloudEvent.of("ev-" + UUID.randomUUID(), EventType.OBLIGATION_OVERDUE, "/obligation-service", "ob-sub", clock.instant(),
                new ObligationOverdue("ob-sub", "oc-1", alliance, "Milestone 2", "p-owner", null, LocalDate.parse("2026-12-01"),
                        new BigDecimal("1000.00"), "USD"), null);
    }

    private CloudEvent fulfilled(String alliance) {
        return CloudEvent.of("ev-" + UUID.randomUUID(), EventType.OBLIGATION_FULFILLED, "/obligation-service", "ob-sub", clock.instant(),
                new OccurrenceClosed("ob-sub", "oc-1", alliance, "Milestone 2", LocalDate.parse("2026-12-01"), clock.instant(), "ON_TIME",
                        null, null, "report sent", null), null);
    }

    private CloudEvent resolved(String alliance) {
        return CloudEvent.of("ev-" + UUID.randomUUID(), EventType.ALLIANCE_CHANGE_IMPACT_RESOLVED, "/alliance-service", alliance, clock.instant(),
                new ChangeImpactResolved("im-1", "hr-1", "hr.worker.terminated", alliance, "Helios", "STRATEGIC", 1, 0, clock.instant(), 2), null);
    }
}
