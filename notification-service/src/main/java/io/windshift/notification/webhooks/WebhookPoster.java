package io.windshift.notification.webhooks;

import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
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

/**
 * The one HTTP client that posts to addresses people and integrators gave us (personal webhooks, event
 * subscriptions). The URL is checked against the SSRF policy before each post, and the client's only DNS is
 * {@link WebhookTargets#resolveChecked}, so it connects to an address that passed; it follows no redirect and uses
 * no proxy from the environment.
 */
@Component
public class WebhookPoster {

    private final WebhookTargets targets;
    private final CloseableHttpClient http;

    WebhookPoster(WebhookTargets targets, @Value("${windshift.notification.guard.timeout:PT5S}") Duration timeout) {
        this.targets = targets;
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

    /**
     * Posts {@code body} and returns the status the receiver answered (a 3xx is returned, not followed).
     *
     * @throws WebhookTargets.Refused when the policy refuses the URL or an address its host resolves to (never worth retrying)
     * @throws IOException            when the receiver could not be reached (worth retrying)
     */
    public int post(String url, ContentType contentType, Map<String, String> headers, String body) throws IOException {
        HttpPost post = new HttpPost(URI.create(url));
        headers.forEach(post::setHeader);
        post.setEntity(new StringEntity(body, contentType));
        try {
            targets.check(url);
            return http.execute(post, response -> {
                EntityUtils.consume(response.getEntity());
                return response.getCode();
            });
        } catch (IOException e) {
            Throwable cause = e;
            while (cause != null && !(cause instanceof WebhookTargets.Refused)) {
                cause = cause.getCause();
            }
            throw cause != null ? (WebhookTargets.Refused) cause : e;
        }
    }

    @PreDestroy
    void close() throws IOException {
        http.close();
    }
}
