package io.windshift.notification.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.windshift.notification.inbox.Delivery;
import java.util.Map;
import java.util.UUID;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.MediaType;

/**
 * SSRF: webhook URLs that point at loopback, link-local, private or shared address space, or at a host off the
 * allow-list, are refused when saved (400 naming {@code webhookUrl}, nothing stored) and again when a delivery
 * resolves the host; redirects are not followed. Tests run with {@code allowed-hosts=localhost,hooks.example.com,*.example.org}.
 */
class WebhookTargetsIT extends WebhookITSupport {

    @Autowired MongoTemplate mongo;

    @Test
    void aUrlReachingLoopbackLinkLocalOrPrivateAddressesIsRefusedWith400AndNothingIsStored() throws Exception {
        dns.point("internal.example.org", "10.0.0.7");
        dns.point("metadata.example.org", "169.254.169.254");
        dns.point("ula.example.org", "fd00::1");
        dns.point("cgnat.example.org", "100.64.1.1");
        dns.point("loopback.example.org", "127.0.0.1");
        Map<String, String> refused = Map.of(
                "http://127.0.0.1:" + hook.getPort() + "/hook", "not in windshift.notification.webhooks.allowed-hosts",
                "http://[::1]/hook", "not in windshift.notification.webhooks.allowed-hosts",
                "http://169.254.169.254/latest/meta-data/", "not in windshift.notification.webhooks.allowed-hosts",
                "http://internal.example.org/hook", "10.0.0.7 (private)",
                "http://metadata.example.org/latest/meta-data/", "169.254.169.254 (link-local)",
                "http://ula.example.org/hook", "(private)",
                "http://cgnat.example.org/hook", "100.64.1.1 (shared-cgnat)",
                "http://loopback.example.org:" + hook.getPort() + "/hook", "127.0.0.1 (loopback)",
                "ftp://hooks.example.com/hook", "absolute http(s) URL");
        for (Map.Entry<String, String> url : refused.entrySet()) {
            String me = "p-ssrf-" + UUID.randomUUID();
            subscribe(me, url.getKey())
                    .andExpect(status().isBadRequest())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.errors[0].field").value("webhookUrl"))
                    .andExpect(jsonPath("$.errors[0].message").value(Matchers.containsString(url.getValue())));
            mvc.perform(get("/api/v1/preferences").with(person(me)))
                    .andExpect(jsonPath("$.webhookUrl").doesNotExist())
                    .andExpect(jsonPath("$.channels.ALLIANCE_CHANGE", Matchers.not(Matchers.hasItem("WEBHOOK"))));
            assertThat(mongo.getCollection(WebhookSecrets.COLLECTION).countDocuments(new org.bson.Document("_id", me))).isZero();
        }
        assertThat(hook.getRequestCount()).isZero();
    }

    @Test
    void aHostThatResolvesToLoopbackWhenTheDeliveryConnectsIsRefusedThenAndNothingIsSent() throws Exception {
        String me = "p-rebind-" + UUID.randomUUID();
        // Public when saved and when the delivery checks the URL, loopback when the client resolves it to connect.
        dns.answers("rebind.example.org", "93.184.215.14", "93.184.215.14", "127.0.0.1");
        subscribe(me, "http://rebind.example.org:" + hook.getPort() + "/hook").andExpect(status().isOk());
        hook.enqueue(new MockResponse.Builder().code(200).build());

        String id = deliverTo(me);

        Delivery delivery = webhookDelivery(me, id);
        assertThat(delivery.status()).isEqualTo(Delivery.Status.DEAD);
        assertThat(delivery.lastError()).contains("webhook target refused", "127.0.0.1 (loopback)");
        assertThat(hook.getRequestCount()).as("the client connected only to checked addresses").isZero();
    }

    @Test
    void aRedirectIsAFailedAttemptAndIsNotFollowed() throws Exception {
        String me = "p-redirect-" + UUID.randomUUID();
        try (MockWebServer elsewhere = new MockWebServer()) {
            elsewhere.start(0);
            elsewhere.enqueue(new MockResponse.Builder().code(200).build());
            subscribe(me, hook.url("/hook").toString()).andExpect(status().isOk());
            for (int i = 0; i < 2; i++) {
                hook.enqueue(new MockResponse.Builder().code(302).addHeader("Location", elsewhere.url("/stolen").toString()).build());
            }

            String id = deliverTo(me);

            Delivery delivery = webhookDelivery(me, id);
            assertThat(delivery.status()).isEqualTo(Delivery.Status.PENDING);
            assertThat(delivery.attempts()).isEqualTo(1);
            assertThat(delivery.lastError()).contains("webhook answered 302 (redirects are not followed)");
            assertThat(hook.getRequestCount()).as("two tries per attempt").isEqualTo(2);
            assertThat(elsewhere.getRequestCount()).as("the redirect target").isZero();
        }
    }
}
