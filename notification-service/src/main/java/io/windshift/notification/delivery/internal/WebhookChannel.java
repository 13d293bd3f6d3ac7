package io.windshift.notification.delivery.internal;

import io.windshift.notification.delivery.MessageText.OutboundMessage;
import io.windshift.notification.delivery.OutboundChannel;
import io.windshift.notification.delivery.WebhookSigner;
import io.windshift.notification.preferences.PreferenceStore;
import io.windshift.notification.webhooks.WebhookPoster;
import io.windshift.notification.webhooks.WebhookSecrets;
import io.windshift.notification.webhooks.WebhookTargets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hc.core5.http.ContentType;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * A signed POST with a Teams/Slack-compatible JSON body ({@code text} plus structured fields) to the URL in
 * the person's preferences, signed with that subscription's secret (and the previous one during a rotation's
 * overlap), through the SSRF-guarded {@link WebhookPoster}; a 3xx is a failed attempt.
 */
@Component
class WebhookChannel implements OutboundChannel {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final PreferenceStore preferences;
    private final WebhookSecrets secrets;
    private final WebhookPoster poster;
    private final Clock clock;

    WebhookChannel(PreferenceStore preferences, WebhookSecrets secrets, WebhookPoster poster, Clock clock) {
        this.preferences = preferences;
        this.secrets = secrets;
        this.poster = poster;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "WEBHOOK";
    }

    @Override
    public void send(OutboundMessage m) throws Exception {
        String url = preferences.of(m.recipientId()).webhookUrl();
        if (url == null) {
            throw new Undeliverable("no webhook URL in the preferences of " + m.recipientId());
        }
        List<String> signing = secrets.signingSecrets(m.recipientId());
        if (signing.isEmpty()) {
            throw new Undeliverable("no webhook signing secret for " + m.recipientId() + " (rotate it: POST /api/v1/preferences/webhook/rotate-secret)");
        }
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("text", "*" + m.subject() + "*\n" + m.text());
        payload.put("title", m.subject());
        payload.put("id", m.id());
        payload.put("severity", m.severity());
        payload.put("allianceIds", m.allianceIds());
        payload.put("sourceEventId", m.sourceEventId());
        payload.put("links", m.links());
        String body = JSON.writeValueAsString(payload);
        long timestamp = clock.instant().getEpochSecond();
        Map<String, String> headers = Map.of(
                WebhookSigner.TIMESTAMP_HEADER, Long.toString(timestamp),
                WebhookSigner.SIGNATURE_HEADER, WebhookSigner.signAll(signing, timestamp, body),
                WebhookSigner.ID_HEADER, m.id());
        int status;
        try {
            status = poster.post(url, ContentType.APPLICATION_JSON, headers, body);
        } catch (WebhookTargets.Refused e) {
            throw new Undeliverable("webhook target refused: " + e.getMessage());
        }
        if (status / 100 == 3) {
            throw new IllegalStateException("webhook answered " + status + " (redirects are not followed)");
        }
        if (status / 100 != 2) {
            throw new IllegalStateException("webhook answered " + status);
        }
    }
}
