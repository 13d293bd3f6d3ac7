package io.windshift.notification.subscriptions;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code windshift.notification.subscriptions.*}: how integrators' event deliveries are paced and kept.
 *
 * @param maxAttempts    attempts before a delivery is DEAD (visible through the API, redeliverable by hand)
 * @param initialBackoff wait after the first failed attempt; doubled each time (with jitter) up to {@code maxBackoff}
 * @param lease          how long a claimed delivery is an instance's before another may take it (a crash mid-send)
 * @param pollInterval   how often due deliveries are looked for
 * @param batch          deliveries claimed per round
 * @param retention      how long delivered and dead deliveries stay readable
 * @param maxPerOwner    subscriptions one client may hold
 * @param allowHttp      accept plain-http endpoints (the local platform and tests); otherwise https only
 */
@ConfigurationProperties("windshift.notification.subscriptions")
public record SubscriptionProperties(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration lease, Duration pollInterval,
                                     int batch, Duration retention, int maxPerOwner,
                                     boolean allowHttp) {

    public SubscriptionProperties {
        maxAttempts = maxAttempts <= 0 ? 8 : maxAttempts;
        initialBackoff = initialBackoff == null ? Duration.ofSeconds(10) : initialBackoff;
        maxBackoff = maxBackoff == null ? Duration.ofHours(1) : maxBackoff;
        lease = lease == null ? Duration.ofMinutes(1) : lease;
        pollInterval = pollInterval == null ? Duration.ofSeconds(1) : pollInterval;
        batch = batch <= 0 ? 50 : batch;
        retention = retention == null ? Duration.ofDays(14) : retention;
        maxPerOwner = maxPerOwner <= 0 ? 20 : maxPerOwner;
    }
}
