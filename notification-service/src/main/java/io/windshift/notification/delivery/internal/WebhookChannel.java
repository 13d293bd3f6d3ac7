package io.windshift.notification.delivery.internal;

import io.windshift.notification.delivery.MessageText.OutboundMessage;
import io.windshift.notification.delivery.OutboundChannel;
import io.windshift.notification.delivery.WebhookSigner;
import io.windshift.notification.preferences.PreferenceStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * A signed POST with a Teams/Slack-compatible JSON body ({@code text} plus structured fields) to the URL in
 * the person's preferences. The signing secret comes from config/env ({@code WINDSHIFT_WEBHOOK_SECRET});
 * without one the channel refuses rather than send unsigned.
 */
@Component
class WebhookChannel implements OutboundChannel {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final PreferenceStore preferences;
    private final Clock clock;
    private final String secret;
    private final HttpClient http;
    private final Duration timeout;

    WebhookChannel(PreferenceStore preferences, Clock clock,
                   @Value("${windshift.notification.webhook.secret:}") String secret,
                   @Value("${windshift.notification.guard.timeout:PT5S}") Duration timeout) {
        this.preferences = preferences;
        this.clock = clock;
        this.secret = secret;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
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
        if (secret == null || secret.isBlank()) {
            throw new Undeliverable("no webhook signing secret configured (WINDSHIFT_WEBHOOK_SECRET)");
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
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                .header("Content-Type", "application/json")
                .header(WebhookSigner.TIMESTAMP_HEADER, Long.toString(timestamp))
                .header(WebhookSigner.SIGNATURE_HEADER, WebhookSigner.sign(secret, timestamp, body))
                .header(WebhookSigner.ID_HEADER, m.id())
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("webhook answered " + response.statusCode());
        }
    }
}
