package io.windshift.notification.webhooks;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import com.jayway.jsonpath.JsonPath;
import io.windshift.notification.NotificationIntegrationTest;
import io.windshift.notification.TestDns;
import io.windshift.notification.delivery.ChannelGuards;
import io.windshift.notification.delivery.DeliveryWorker;
import io.windshift.notification.inbox.Delivery;
import io.windshift.notification.inbox.Inbox;
import io.windshift.notification.inbox.Notice;
import io.windshift.notification.inbox.Severity;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.ResultActions;

/** A webhook receiver (MockWebServer on localhost), subscriptions through the API, and deliveries driven by hand. */
abstract class WebhookITSupport extends NotificationIntegrationTest {

    @Autowired Inbox inbox;
    @Autowired DeliveryWorker worker;
    @Autowired ChannelGuards guards;
    @Autowired TestDns dns;

    MockWebServer hook;

    @BeforeEach
    void startReceiver() throws Exception {
        hook = new MockWebServer();
        hook.start(0);
        guards.breaker("WEBHOOK").reset();
        drainAll();
    }

    @AfterEach
    void stopReceiver() {
        hook.close();
    }

    ResultActions subscribe(String person, String url) throws Exception {
        return mvc.perform(put("/api/v1/preferences").with(person(person)).contentType(MediaType.APPLICATION_JSON)
                .content("{\"channels\":{\"ALLIANCE_CHANGE\":[\"IN_APP\",\"WEBHOOK\"]},\"webhookUrl\":\"" + url + "\"}"));
    }

    static String secretIn(ResultActions response) throws Exception {
        return JsonPath.read(response.andReturn().getResponse().getContentAsString(), "$.webhookSecret");
    }

    /** Stores a notification for {@code person} and runs the delivery worker until nothing is due; returns its id. */
    String deliverTo(String person) {
        String trigger = "t-" + UUID.randomUUID();
        inbox.deliver(new Notice(person, trigger, "e-" + trigger, "alliance.role-vacated", Severity.HIGH, "Role vacated on Helios",
                "Someone left Helios.", "al-1"));
        drainAll();
        return Inbox.notificationId(trigger, person);
    }

    Delivery webhookDelivery(String person, String notificationId) {
        return inbox.find(person, notificationId).orElseThrow().deliveries().stream().filter(d -> d.channel().equals("WEBHOOK"))
                .reduce((first, second) -> second).orElseThrow();
    }

    RecordedRequest received() throws InterruptedException {
        RecordedRequest request = hook.takeRequest(5, TimeUnit.SECONDS);
        if (request == null) {
            throw new AssertionError("the receiver got no request");
        }
        return request;
    }

    void drainAll() {
        while (worker.drain() > 0) {
            // keep going until nothing is due
        }
    }
}
