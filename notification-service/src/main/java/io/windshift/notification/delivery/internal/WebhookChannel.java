package io.windshift.notification.delivery.internal;

import io.windshift.notification.delivery.MessageText.OutboundMessage;
import io.windshift.notification.delivery.OutboundChannel;
import io.windshift.notification.delivery.WebhookSigner;
import io.windshift.notification.preferences.PreferenceStore;
import io.windshift.notification.webhooks.WebhookSecrets;
import io.windshift.notification.webhooks.WebhookTargets;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.util.Timeout;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * A signed POST with a Teams/Slack-compatible JSON body ({@code text} plus structured fields) to the URL in
 * the person's preferences, signed with that subscription's secret (and the previous one during a rotation's
 * overlap). The URL is checked against the SSRF policy before each delivery, and the client's only DNS is
 * {@link WebhookTargets#resolveChecked}, so it connects to an address that passed; it follows no redirect (a
 * 3xx is a failed attempt) and uses no proxy from the environment.
 */
@Component
class WebhookChannel implements OutboundChannel {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final PreferenceStore preferences;
    private final WebhookSecrets secrets;
    private final WebhookTargets targets;
    private final Clock clock;
    private final CloseableHttpClient http;

    WebhookChannel(PreferenceStore preferences, WebhookSecrets secrets, WebhookTargets targets, Clock clock,
                   @Value("${windshift.notification.guard.timeout:PT5S}") Duration timeout) {
        this.preferences = preferences;
        this.secrets = secrets;
        this.targets = targets;
        this.clock = clock;
        DnsResolver checkedDns = new DnsResolver() {
            @Override
            public InetAddress[] resolve(String host) throws UnknownHostException {
                return targets.resolveChecked(host);
            }

            @Override
            public String resolveCanonicalHostname(String host) {
                return host;
            }
        };
        Timeout limit = Timeout.of(timeout);
        this.http = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create().setDnsResolver(checkedDns)
                        .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(limit).setSocketTimeout(limit).build())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(limit).build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .build();
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
        HttpPost post = new HttpPost(URI.create(url));
        post.setHeader(WebhookSigner.TIMESTAMP_HEADER, Long.toString(timestamp));
        post.setHeader(WebhookSigner.SIGNATURE_HEADER, WebhookSigner.signAll(signing, timestamp, body));
        post.setHeader(WebhookSigner.ID_HEADER, m.id());
        post.setEntity(new StringEntity(body, ContentType.APPLICATION_JSON));
        int status;
        try {
            targets.check(url);
            status = http.execute(post, response -> {
                EntityUtils.consume(response.getEntity());
                return response.getCode();
            });
        } catch (WebhookTargets.Refused e) {
            throw new Undeliverable("webhook target refused: " + e.getMessage());
        } catch (IOException e) {
            Throwable refused = e;
            while (refused != null && !(refused instanceof WebhookTargets.Refused)) {
                refused = refused.getCause();
            }
            if (refused != null) {
                throw new Undeliverable("webhook target refused: " + refused.getMessage());
            }
            throw e;
        }
        if (status / 100 == 3) {
            throw new IllegalStateException("webhook answered " + status + " (redirects are not followed)");
        }
        if (status / 100 != 2) {
            throw new IllegalStateException("webhook answered " + status);
        }
    }

    @PreDestroy
    void close() throws IOException {
        http.close();
    }
}
