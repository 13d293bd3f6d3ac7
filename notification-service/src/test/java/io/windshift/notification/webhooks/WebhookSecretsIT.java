package io.windshift.notification.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import io.windshift.notification.delivery.WebhookSigner;
import io.windshift.notification.preferences.PreferenceStore;
import io.windshift.notification.preferences.Preferences;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

/**
 * Each webhook subscription signs with its own secret, shown once when issued and once per rotation; during a
 * rotation's overlap (a day by default) deliveries carry a signature for the new and the old secret, then the
 * old one stops verifying. Subscriptions from before per-subscription secrets keep the global one until rotated.
 */
class WebhookSecretsIT extends WebhookITSupport {

    static final String GLOBAL = "test-secret";

    @Autowired PreferenceStore preferences;

    @Test
    void eachSubscriptionSignsWithItsOwnSecretShownOnlyInTheResponseThatIssuedIt() throws Exception {
        String a = "p-sec-a-" + UUID.randomUUID();
        String b = "p-sec-b-" + UUID.randomUUID();
        String secretA = secretIn(subscribe(a, hook.url("/hook").toString()).andExpect(status().isOk()));
        String secretB = secretIn(subscribe(b, hook.url("/hook").toString()).andExpect(status().isOk()));
        assertThat(secretA).startsWith("whsec_").isNotEqualTo(secretB);
        mvc.perform(get("/api/v1/preferences").with(person(a))).andExpect(jsonPath("$.webhookSecret").doesNotExist())
                .andExpect(jsonPath("$.webhookUrl").value(hook.url("/hook").toString()));
        subscribe(a, hook.url("/hook").toString()).andExpect(status().isOk()).andExpect(jsonPath("$.webhookSecret").doesNotExist());
        hook.enqueue(new MockResponse.Builder().code(200).build());

        deliverTo(a);

        RecordedRequest request = received();
        assertThat(verifies(secretA, request)).as("the subscription's own secret").isTrue();
        assertThat(verifies(secretB, request)).as("another subscription's secret").isFalse();
        assertThat(verifies(GLOBAL, request)).as("the global secret").isFalse();
    }

    @Test
    void afterARotationTheNewAndTheOldSecretBothVerifyDuringTheOverlapThenOnlyTheNewOne() throws Exception {
        String me = "p-rot-" + UUID.randomUUID();
        String other = "p-rot-other-" + UUID.randomUUID();
        String old = secretIn(subscribe(me, hook.url("/hook").toString()).andExpect(status().isOk()));
        String others = secretIn(subscribe(other, hook.url("/hook").toString()).andExpect(status().isOk()));
        String rotated = mvc.perform(post("/api/v1/preferences/webhook/rotate-secret").with(person(me)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.previousSecretValidUntil").exists())
                .andReturn().getResponse().getContentAsString();
        String fresh = JsonPath.read(rotated, "$.webhookSecret");
        assertThat(fresh).startsWith("whsec_").isNotEqualTo(old);
        mvc.perform(get("/api/v1/preferences").with(person(me))).andExpect(jsonPath("$.webhookSecret").doesNotExist());
        hook.enqueue(new MockResponse.Builder().code(200).build());
        hook.enqueue(new MockResponse.Builder().code(200).build());

        deliverTo(me);
        RecordedRequest during = received();
        assertThat(during.getHeaders().get(WebhookSigner.SIGNATURE_HEADER)).matches("sha256=[0-9a-f]{64}, sha256=[0-9a-f]{64}");
        assertThat(verifies(fresh, during)).as("new secret during the overlap").isTrue();
        assertThat(verifies(old, during)).as("old secret during the overlap").isTrue();
        assertThat(verifies(others, during)).as("another subscription's secret").isFalse();

        time().advance(Duration.ofDays(1).plusMinutes(1));
        deliverTo(me);
        RecordedRequest after = received();
        assertThat(after.getHeaders().get(WebhookSigner.SIGNATURE_HEADER)).matches("sha256=[0-9a-f]{64}");
        assertThat(verifies(fresh, after)).isTrue();
        assertThat(verifies(old, after)).as("old secret after the overlap").isFalse();
    }

    @Test
    void aSubscriptionFromBeforePerSubscriptionSecretsKeepsTheGlobalSecretUntilItIsRotated() throws Exception {
        String me = "p-legacy-" + UUID.randomUUID();
        preferences.save(new Preferences(me, "UTC", Map.of("ALLIANCE_CHANGE", List.of("IN_APP", "WEBHOOK")), "LOW", null, null, false,
                "08:00", hook.url("/hook").toString(), clock.instant()));
        subscribe(me, hook.url("/hook").toString()).andExpect(status().isOk()).andExpect(jsonPath("$.webhookSecret").doesNotExist());
        hook.enqueue(new MockResponse.Builder().code(200).build());
        hook.enqueue(new MockResponse.Builder().code(200).build());

        deliverTo(me);
        assertThat(verifies(GLOBAL, received())).isTrue();

        String fresh = JsonPath.read(mvc.perform(post("/api/v1/preferences/webhook/rotate-secret").with(person(me)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(), "$.webhookSecret");
        deliverTo(me);
        RecordedRequest during = received();
        assertThat(verifies(fresh, during)).isTrue();
        assertThat(verifies(GLOBAL, during)).as("the global secret during the overlap").isTrue();
    }

    @Test
    void rotatingWithoutAWebhookSubscriptionIsAConflict() throws Exception {
        mvc.perform(post("/api/v1/preferences/webhook/rotate-secret").with(person("p-nohook-" + UUID.randomUUID())))
                .andExpect(status().isConflict())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }

    private boolean verifies(String secret, RecordedRequest request) {
        return WebhookSigner.verify(secret, request.getHeaders().get(WebhookSigner.TIMESTAMP_HEADER), request.getBody().utf8(),
                request.getHeaders().get(WebhookSigner.SIGNATURE_HEADER), clock.instant().getEpochSecond(), 300);
    }
}
